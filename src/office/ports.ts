/** What the office's use cases need from the outside world, as small interfaces. */
import type { Store } from '../store/index.js';

export interface Clock {
  now(): Date;
}

/** The organiser's Ed25519 signing key (the private half never leaves the key store). */
export interface KeyStore {
  publicKey(): Promise<string>;
  /** Signs `message`; returns 128 hex. */
  sign(message: Uint8Array): Promise<string>;
}

/** Unpredictable public identifiers, never derived from personal data. */
export interface Random {
  registrationNumber(): string;
  groupId(): string;
  /** A value for a rehearsal's witness source (a rehearsal never uses the real values). */
  rehearsalValue(): string;
  /** 32 random bytes as 64 hex: the salt of a commitment to personal data. */
  salt(): string;
  /**
   * True for the operating system's CSPRNG (the store's systemRandom): the import's helper thread
   * may then draw the registration numbers and salts of the list it stores from the same source.
   */
  readonly system?: boolean;
}

export interface Office {
  store: Store;
  clock: Clock;
  keys: KeyStore;
  random: Random;
}

/** Who acted, for the audit log: an account name, or the operating-system user on the CLI. */
export type Actor = string;

/**
 * The office as the public side reads it: `store.repos` are the read-only connection's
 * (`store.reads`), so a page, the live feed or a witness's phone never waits for a write
 * transaction such as an import; `store.tx` still writes through the one writing connection.
 */
export function reading(office: Office): Office {
  return { ...office, store: { ...office.store, repos: office.store.reads } };
}

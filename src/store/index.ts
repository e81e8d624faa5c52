/** The store: repositories over one Kysely handle, and transactions that hand out the same set. */
import type { DB } from './db.js';
import { crashPoint } from './crash-points.js';
import { EventsRepository } from './repositories/events.repository.js';
import { ApplicantsRepository } from './repositories/applicants.repository.js';
import { PublicationsRepository } from './repositories/publications.repository.js';
import { DrawsRepository } from './repositories/draws.repository.js';
import { OffersRepository } from './repositories/offers.repository.js';
import { AuditRepository } from './repositories/audit.repository.js';
import { AccountsRepository } from './repositories/accounts.repository.js';
import { CeremonyRepository } from './repositories/ceremony.repository.js';
import { DocumentSettingsRepository } from './repositories/document-settings.repository.js';
import { PrivacyRepository } from './repositories/privacy.repository.js';

export interface Repos {
  events: EventsRepository;
  applicants: ApplicantsRepository;
  publications: PublicationsRepository;
  draws: DrawsRepository;
  offers: OffersRepository;
  audit: AuditRepository;
  accounts: AccountsRepository;
  ceremony: CeremonyRepository;
  documentSettings: DocumentSettingsRepository;
  privacy: PrivacyRepository;
}

/** What a transaction wrote to the audit logs: its events and actions, in order. */
export interface Logged {
  event: string;
  action: string;
}

export function repositories(db: DB, logged?: Logged[]): Repos {
  return {
    events: new EventsRepository(db),
    applicants: new ApplicantsRepository(db),
    publications: new PublicationsRepository(db),
    draws: new DrawsRepository(db),
    offers: new OffersRepository(db),
    audit: new AuditRepository(db, logged),
    accounts: new AccountsRepository(db),
    ceremony: new CeremonyRepository(db),
    documentSettings: new DocumentSettingsRepository(db),
    privacy: new PrivacyRepository(db),
  };
}

export interface Store {
  db: DB;
  repos: Repos;
  /** Runs `fn` in one SQLite transaction: all of it is stored, or none. */
  tx<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after every committed transaction that wrote audit entries, with what it
   * wrote (so `serve` can take a backup after a milestone); returns a function that stops it.
   */
  onCommit(listener: (logged: readonly Logged[]) => void): () => void;
  close(): Promise<void>;
}

export function createStore(db: DB): Store {
  const listeners = new Set<(logged: readonly Logged[]) => void>();
  return {
    db,
    repos: repositories(db),
    async tx(fn) {
      const logged: Logged[] = [];
      const result = await db.transaction().execute((trx) => fn(repositories(trx, logged)));
      for (const l of logged) crashPoint(`${l.action}:committed`);
      if (logged.length > 0) for (const listener of listeners) listener(logged);
      return result;
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => db.destroy(),
  };
}

export { openDatabase, dataDirFrom, dataPaths, sqliteOf, DB_FILE, type DB } from './db.js';

/**
 * Sealed values: commit, then reveal.
 *
 * A witness's value is fixed before anyone, the operator and the server included, sees any
 * witness's value. The witness's own device (or the hall keyboard, in a sealed entry the witness
 * makes themself) computes
 *
 *   commitment = SHA256( enc(str("fairdraw/commit/v1")) ‖ enc(str(drawId)) ‖ u32be(index)
 *                        ‖ enc(str(label)) ‖ enc(str(value)) ‖ enc(salt) )
 *
 * and sends only that. `drawId` is the rules' `drawId`; `index` the 0-based position of the source
 * in `declaredSources`; `label` its declared label; `value` exactly as it will stand in
 * `sources.json` (NFC, trimmed); `salt` 32 random bytes (64 lowercase hex when written). When every
 * declared witness value is committed, the values and salts are revealed and each is checked against
 * its commitment; only then is the seed computed.
 *
 * The audit log (public with the results) carries the protocol, so every verifier can check it:
 *   `ceremony.commit`  details { index, label, commitment, via }
 *   `ceremony.reveal`  details { index, label, value, salt }
 *   `ceremony.replace` details { index, label, value, reason } — a value not revealed in time,
 *                      replaced as the published rules say (see docs/ceremony-protocol.md).
 *
 * The hash binds the draw, the slot and its label, so a commitment cannot be replayed into another
 * event or another slot; the salt keeps a short value (a die's face) from being found by trying
 * every candidate against the published commitment.
 */
import { concat, enc, fromHex, toHex, utf8 } from './bytes.js';
import { sha256 } from './hash.js';

export const COMMIT_DOMAIN = 'fairdraw/commit/v1';
export const SALT_BYTES = 32;

export interface Opening {
  drawId: string;
  /** 0-based position in the rules' `declaredSources`. */
  index: number;
  label: string;
  value: string;
  /** 64 lowercase hex (32 bytes). */
  salt: string;
}

/** The commitment to one value (64 lowercase hex); undefined when the salt is not 32 bytes of hex. */
export function commitmentOf(o: Opening): string | undefined {
  const salt = fromHex(o.salt, SALT_BYTES);
  if (!salt || !Number.isSafeInteger(o.index) || o.index < 0 || o.index > 0xffffffff) return undefined;
  const index = new Uint8Array(4);
  new DataView(index.buffer).setUint32(0, o.index);
  return toHex(sha256(concat([enc(utf8(COMMIT_DOMAIN)), enc(utf8(o.drawId)), index, enc(utf8(o.label)), enc(utf8(o.value)), enc(salt)])));
}

/** True when `opening` opens `commitment`. */
export function opens(commitment: string, opening: Opening): boolean {
  return commitmentOf(opening) === commitment;
}

/** Audit-log actions of the protocol, as the verifiers read them. */
export const COMMIT_ACTION = 'ceremony.commit';
export const REVEAL_ACTION = 'ceremony.reveal';
export const REPLACE_ACTION = 'ceremony.replace';

export interface CommitDetails {
  index: number;
  label: string;
  commitment: string;
  /** 'phone': the witness's own link; 'hall': a sealed entry on the hall keyboard. */
  via: 'phone' | 'hall';
}

export interface RevealDetails {
  index: number;
  label: string;
  value: string;
  salt: string;
}

export interface ReplaceDetails {
  index: number;
  label: string;
  value: string;
  reason: string;
}

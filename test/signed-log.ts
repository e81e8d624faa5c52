/**
 * A signed audit log as the office writes one for a drawn event — publish, freeze, draw, results,
 * each entry with an organiser checkpoint — for tests and benchmarks that verify whole bundles.
 */
import { nextEntry, publicKeyOf, signCheckpoint, type AuditEntry, type Checkpoint } from '../src/core/audit.js';
import { toHex } from '../src/core/bytes.js';
import { sha256 } from '../src/core/hash.js';
import type { Json } from '../src/core/encoding.js';
import type { RecordHeader } from '../src/core/record.js';

export const TEST_SECRET = new Uint8Array(32).fill(7);
export const TEST_KEY = publicKeyOf(TEST_SECRET);

export function signedAuditLog(event: string, header: RecordHeader, record: Uint8Array, secret = TEST_SECRET): string {
  const key = publicKeyOf(secret);
  const entries: AuditEntry[] = [];
  const checkpoints: Checkpoint[] = [];
  const add = (action: string, details: Json): void => {
    const e = nextEntry(entries[entries.length - 1], {
      event,
      at: `2026-06-0${entries.length + 1}T09:00:00.000Z`,
      actor: 'operator',
      action,
      details,
    });
    entries.push(e);
    checkpoints.push({
      event,
      seq: e.seq,
      hash: e.hash,
      signatures: [
        { signer: 'organiser', role: 'organiser', publicKey: key, signature: signCheckpoint(secret, event, e.seq, e.hash), at: e.at },
      ],
    });
  };
  const fixed = { version: 1, paramsSha256: header.paramsSha256, listRoot: header.listRoot, listSize: header.listSize };
  add('event.publish', fixed);
  add('event.freeze', fixed);
  add('draw.official', { sourcesSha256: header.sourcesSha256, seed: header.seed, recordSha256: toHex(sha256(record)) });
  add('results.publish', { recordSha256: toHex(sha256(record)) });
  return JSON.stringify({ event, organiserPublicKey: key, entries, checkpoints });
}

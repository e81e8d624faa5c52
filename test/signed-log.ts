/**
 * A signed audit log as the office writes one for a drawn event — publish, freeze, the witness
 * values committed and revealed, draw, results, each entry with an organiser checkpoint — for tests
 * and benchmarks that verify whole bundles. Written as JCS, as the office exports audit.json.
 */
import { nextEntry, publicKeyOf, signCheckpoint, type AuditEntry, type Checkpoint } from '../src/core/audit.js';
import { toHex } from '../src/core/bytes.js';
import { sha256 } from '../src/core/hash.js';
import { jcs, type Json } from '../src/core/encoding.js';
import { commitmentOf } from '../src/core/commitment.js';
import { drandRoundTime } from '../src/core/drand.js';
import type { RecordHeader } from '../src/core/record.js';

export const TEST_SECRET = new Uint8Array(32).fill(7);
export const TEST_KEY = publicKeyOf(TEST_SECRET);

export function signedAuditLog(event: string, header: RecordHeader, record: Uint8Array, secret = TEST_SECRET): string {
  const key = publicKeyOf(secret);
  const entries: AuditEntry[] = [];
  // With a drand round, the log is dated before the round (as the sealed values must be).
  const round = header.sources.find((s) => s.kind === 'drand');
  const start = round && round.kind === 'drand' ? drandRoundTime(round.round) * 1000 - 3_600_000 : Date.parse('2026-06-01T09:00:00Z');
  const checkpoints: Checkpoint[] = [];
  const add = (action: string, details: Json): void => {
    const e = nextEntry(entries[entries.length - 1], {
      event,
      at: new Date(start + entries.length * 60_000).toISOString(),
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
  // The sealed witness values: every commitment first, then every reveal (src/core/commitment.ts).
  const witnesses = header.sources.flatMap((s, index) => (s.kind === 'witness' ? [{ index, label: s.label, value: s.value }] : []));
  const salt = (i: number): string => (i % 10).toString().repeat(64);
  for (const w of witnesses) {
    const commitment = commitmentOf({ drawId: header.drawId, ...w, salt: salt(w.index) })!;
    add('ceremony.commit', { index: w.index, label: w.label, commitment, via: 'phone' });
  }
  for (const w of witnesses) add('ceremony.reveal', { ...w, salt: salt(w.index) });
  add('draw.official', {
    paramsSha256: header.paramsSha256,
    listRoot: header.listRoot,
    sourcesSha256: header.sourcesSha256,
    seed: header.seed,
    recordSha256: toHex(sha256(record)),
  });
  add('results.publish', { recordSha256: toHex(sha256(record)) });
  return jcs({ event, organiserPublicKey: key, entries, checkpoints } as unknown as Json);
}

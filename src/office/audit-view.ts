/**
 * The audit log as the console shows it: every entry, the checkpoints with the exact message each
 * co-signer signs, and the verification of the chain (against a head the reader holds, if given).
 */
import { checkpointMessage, parseHead } from '../core/audit.js';
import { toHex } from '../core/bytes.js';
import { FairDrawError } from '../core/errors.js';
import type { AuditView } from '../api/staff.js';
import type { Office } from './ports.js';
import { verifyAudit } from './verify-audit.js';

/** `head` as written by a person: a 64-hex hash, or `SEQ:HASH`; refused otherwise. */
export async function auditView(office: Office, eventId: string, head?: string): Promise<AuditView> {
  const held = head === undefined ? undefined : parseHead(head);
  if (head !== undefined && !held) {
    throw new FairDrawError('audit.head', '日志头须为 64 位十六进制哈希，或“序号:哈希”', 'a head is a 64-hex hash, or SEQ:HASH', {
      field: 'head',
    });
  }
  const repos = office.store.repos;
  const v = await verifyAudit(office, eventId, { head: held });
  return {
    entries: await repos.audit.list(eventId),
    ...(v.head ? { head: v.head } : {}),
    ...(v.notaryKey ? { notaryKey: v.notaryKey } : {}),
    checkpoints: (await repos.audit.checkpoints(eventId)).map((c) => ({
      ...c,
      message: toHex(checkpointMessage(c.event, c.seq, c.hash)),
    })),
    verification: v.ok
      ? { ok: true, publicKey: v.publicKey }
      : { ok: false, seq: v.seq, reason: v.reason, zh: v.zh, publicKey: v.publicKey },
  };
}

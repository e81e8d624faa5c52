/**
 * Step "audit": the log's entries are chained, all of one event, and every checkpoint is signed by
 * the organiser (and, where the notary co-signed, by the key registered before the freeze).
 */
import { checkCosignatures, registeredNotaryKey, verifyChain } from '../audit.js';
import type { FairDrawError } from '../errors.js';
import { show } from './outcome.js';
import type { AuditFile, Outcome } from './types.js';

export function checkAuditChain(audit: { file?: AuditFile; error?: FairDrawError }): Outcome {
  if (!audit.file) throw audit.error!;
  const a = audit.file;
  const key = a.organiserPublicKey ?? '';
  const entries = a.entries ?? [];
  const c = verifyChain(entries, a.checkpoints ?? [], key);
  const p = c.ok ? checkCosignatures(entries, a.checkpoints ?? [], key) : c;
  const stray = c.ok && !p ? entries.find((e) => e.event !== a.event) : undefined;
  if (stray) {
    return {
      status: 'failed',
      value: key,
      difference: { path: `entries[${stray.seq - 1}].event`, expected: show(a.event), found: show(stray.event) },
      message: { zh: `第 ${stray.seq} 条记录属于另一个批次`, en: `entry ${stray.seq} belongs to another event` },
    };
  }
  if (p) {
    return {
      status: 'failed',
      value: key,
      difference: {
        path: `entries[${p.seq - 1}]`,
        expected: 'an unbroken chain, signed by the organiser and the registered notary key',
        found: p.reason,
      },
      message: { zh: p.zh, en: p.reason },
    };
  }
  const n = c.ok ? c : { entries: 0, checkpoints: 0 };
  const notary = registeredNotaryKey(entries).key;
  return {
    status: 'passed',
    value: key,
    message: {
      zh: `审计日志 ${n.entries} 条记录首尾相连，${n.checkpoints} 个检查点的签名均有效（组织方公钥 ${key.slice(0, 16)}…${notary ? `；公证员公钥指纹 ${notary.fingerprint}` : ''}）`,
      en: `the audit log's ${n.entries} entries are chained and all ${n.checkpoints} checkpoint signatures verify (organiser key ${key.slice(0, 16)}…${notary ? `; notary key fingerprint ${notary.fingerprint}` : ''})`,
    },
  };
}

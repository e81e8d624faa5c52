/**
 * audit.json read strictly: canonical bytes (JCS, so every byte is fixed by the log and its
 * signatures) and the shape of a log, or the refusal naming the byte or field.
 */
import { fromHex, utf8 } from '../bytes.js';
import { formatHead, registeredNotaryKey } from '../audit.js';
import { jcs, readStrictJson, type Json } from '../encoding.js';
import { FairDrawError } from '../errors.js';
import { firstByte, sameBytes } from './same-bytes.js';
import type { AuditFile, BundleReport } from './types.js';

export function readAudit(bytes: Uint8Array | undefined): { file?: AuditFile; error?: FairDrawError } {
  if (!bytes) return {};
  let doc: unknown;
  try {
    doc = readStrictJson(bytes, { file: 'audit.json' });
  } catch (e) {
    if (e instanceof FairDrawError) return { error: e };
    throw e;
  }
  // The office writes audit.json as JCS: every byte of it is then fixed by the log and its signatures.
  const canonical = utf8(jcs(doc as Json));
  if (!sameBytes(canonical, bytes)) {
    const at = firstByte(canonical, bytes);
    return {
      error: new FairDrawError(
        'audit.layout',
        `audit.json 第 ${at} 字节处与规范格式（JCS）不符：文件被改动`,
        `audit.json differs from its canonical form (JCS) at byte ${at}: the file was altered`,
        { file: 'audit.json', field: `byte ${at}` },
      ),
    };
  }
  const where = auditShape(doc);
  if (where !== undefined) {
    return {
      error: new FairDrawError(
        'audit.shape',
        `audit.json 不是有效的审计日志：${where || '顶层'} 缺失或类型不对（需要 event、entries、checkpoints 和 organiserPublicKey）`,
        `audit.json is not an audit log: ${where || 'the top level'} is missing or of the wrong type (event, entries, checkpoints and organiserPublicKey are needed)`,
        { file: 'audit.json', field: where || undefined },
      ),
    };
  }
  return { file: doc as AuditFile };
}

/** The first place where audit.json does not have the shape of a log (undefined: it has). */
function auditShape(doc: unknown): string | undefined {
  const isObj = (v: unknown): v is { [k: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(doc)) return '';
  if (typeof doc.event !== 'string') return 'event';
  if (typeof doc.organiserPublicKey !== 'string' || !fromHex(doc.organiserPublicKey, 32)) return 'organiserPublicKey';
  if (!Array.isArray(doc.entries)) return 'entries';
  if (!Array.isArray(doc.checkpoints)) return 'checkpoints';
  const strings = (o: { [k: string]: unknown }, keys: string[]): string | undefined => keys.find((k) => typeof o[k] !== 'string');
  for (const [i, e] of (doc.entries as unknown[]).entries()) {
    if (!isObj(e)) return `entries[${i}]`;
    if (typeof e.seq !== 'number' || !('details' in e)) return `entries[${i}]`;
    const k = strings(e, ['event', 'at', 'actor', 'action', 'prev', 'hash']);
    if (k) return `entries[${i}].${k}`;
  }
  for (const [i, c] of (doc.checkpoints as unknown[]).entries()) {
    if (!isObj(c)) return `checkpoints[${i}]`;
    if (typeof c.seq !== 'number') return `checkpoints[${i}].seq`;
    const k = strings(c, ['event', 'hash']);
    if (k) return `checkpoints[${i}].${k}`;
    if (!Array.isArray(c.signatures)) return `checkpoints[${i}].signatures`;
    for (const [j, s] of (c.signatures as unknown[]).entries()) {
      if (!isObj(s)) return `checkpoints[${i}].signatures[${j}]`;
      const sk = strings(s, ['signer', 'role', 'publicKey', 'signature', 'at']);
      if (sk) return `checkpoints[${i}].signatures[${j}].${sk}`;
    }
  }
  return undefined;
}

/** The notary key the log registered before the freeze, for the report. */
export function notaryOf(a: AuditFile | undefined): BundleReport['notaryKey'] {
  const k = a && Array.isArray(a.entries) ? registeredNotaryKey(a.entries).key : undefined;
  return k && { publicKey: k.publicKey, fingerprint: k.fingerprint, name: k.name };
}

/** The newest entry of the log as `seq:hash`. */
export function headOf(a: AuditFile | undefined): string | undefined {
  const e = a?.entries?.[a.entries.length - 1];
  return e && typeof e.seq === 'number' && typeof e.hash === 'string' ? formatHead(e) : undefined;
}

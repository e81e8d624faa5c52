/**
 * Step "organiser": organiser.pub is the very key the audit log was signed under.
 */
import { fromUtf8, utf8 } from '../bytes.js';
import { show } from './outcome.js';
import { firstByte } from './same-bytes.js';
import type { AuditFile, Outcome } from './types.js';

/** organiser.pub: 64 lowercase hex and a newline, the very key audit.json names. */
export function checkOrganiserKey(audit: AuditFile | undefined, pub: Uint8Array | undefined): Outcome {
  if (!pub) {
    return {
      status: 'skipped',
      message: {
        zh: '未提供 organiser.pub，组织方公钥只能与公告核对',
        en: 'no organiser.pub given; compare the organiser key with the notice',
      },
    };
  }
  const text = fromUtf8(pub);
  const m = /^[0-9a-f]{64}\n$/.exec(text);
  if (!m) {
    const at = [...text].findIndex((ch, i) => (i < 64 ? !/[0-9a-f]/.test(ch) : i > 64 || ch !== '\n'));
    const place = at < 0 ? Math.min(text.length, 64) : at;
    return {
      status: 'failed',
      difference: {
        path: `organiser.pub, byte ${place}`,
        expected: '64 lowercase hex digits and a newline',
        found: show(text.slice(0, 80)),
      },
      message: {
        zh: `organiser.pub 第 ${place} 字节处格式错误：应为 64 位小写十六进制公钥加换行`,
        en: `organiser.pub is malformed at byte ${place}: expected 64 lowercase hex digits and a newline`,
      },
    };
  }
  const key = text.slice(0, 64);
  if (audit && audit.organiserPublicKey !== key) {
    const place = firstByte(utf8(key), utf8(audit.organiserPublicKey ?? ''));
    return {
      status: 'failed',
      difference: { path: `organiser.pub, byte ${place}`, expected: show(audit.organiserPublicKey), found: show(key) },
      message: {
        zh: `organiser.pub 中的公钥与 audit.json 的 organiserPublicKey 不同（第 ${place} 字节起）：日志不是用此公钥签名的`,
        en: `the key in organiser.pub differs from audit.json's organiserPublicKey (from byte ${place}): the log was not signed under it`,
      },
    };
  }
  return {
    status: 'passed',
    value: key,
    message: { zh: 'organiser.pub 与审计日志所用的组织方公钥相同', en: 'organiser.pub is the organiser key the audit log names' },
  };
}

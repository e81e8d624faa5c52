/**
 * `fairdraw audit …`: check the log (`verify`, optionally against a held head), print its head
 * (`head`), register the notary's key (`notary-key`) and co-sign a checkpoint (`cosign`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatHead, keyFingerprint, parseHead, publicKeyOf } from '../../core/audit.js';
import { fromHex, toHex } from '../../core/bytes.js';
import { FairDrawError } from '../../core/errors.js';
import { verifyAudit } from '../../office/verify-audit.js';
import { auditHead } from '../../office/audit-head.js';
import { registerNotaryKey } from '../../office/notary-key.js';
import { loadOrCreateKey } from './cosign.js';
import { parseFlags, required } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export async function audit(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'cosign') return (await import('./cosign.js')).cosign(rest, io);
  if (sub === 'verify') return verify(rest, io);
  if (sub === 'head') return head(rest, io);
  if (sub === 'notary-key') return notaryKey(rest, io);
  throw new FairDrawError(
    'cli.command',
    `未知子命令 audit ${sub ?? ''}`,
    `unknown command: audit ${sub ?? ''} (verify, head, notary-key, cosign)`,
    {},
  );
}

async function verify(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, head: { type: 'string' } });
  const event = required(values, 'event');
  const held = typeof values.head === 'string' ? parseHead(values.head) : undefined;
  if (typeof values.head === 'string' && !held) {
    throw new FairDrawError(
      'cli.head',
      '--head 须为 64 位十六进制的日志头哈希，或“序号:哈希”',
      '--head must be the 64-hex hash of a log head, or SEQ:HASH',
      { field: '--head' },
    );
  }
  return withOffice(values, async (office) => {
    const r = await verifyAudit(office, event, { head: held });
    if (r.ok) {
      io.out('valid');
      io.out(
        `${r.entries} entries, ${r.checkpoints} signed checkpoints, organiser key ${r.publicKey} / 日志完整，${r.entries} 条记录，${r.checkpoints} 个签名检查点`,
      );
      if (r.head) io.out(`head 日志头 ${formatHead(r.head)}${held ? ' (the held head is in the log / 所持日志头在日志中)' : ''}`);
      if (r.notaryKey) io.out(`notary key 公证员公钥 ${r.notaryKey.name}: ${r.notaryKey.fingerprint}`);
      return 0;
    }
    io.out(`invalid: entry ${r.seq}: ${r.reason}`);
    io.out(`无效：第 ${r.seq} 条：${r.zh}`);
    return 1;
  });
}

async function head(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' } });
  return withOffice(values, async (office) => {
    const h = await auditHead(office.store.repos, required(values, 'event'));
    if (!h) throw new FairDrawError('audit.empty', '该批次的日志为空', 'the log of this event is empty', { field: '--event' });
    io.out(h.text);
    return 0;
  });
}

/**
 * A public key given as 64 hex, as a `.pub` file holding it, or as the notary's own key file (the
 * one `audit cosign` signs with; made here, mode 0600, when it does not exist yet).
 */
export function notaryPublicKey(given: string): string {
  if (fromHex(given.trim(), 32) && !existsSync(given)) return given.trim().toLowerCase();
  if (given.endsWith('.pub')) {
    const bytes = existsSync(given) ? fromHex(readFileSync(given, 'utf8').trim(), 32) : undefined;
    if (!bytes)
      throw new FairDrawError('keys.corrupt', '公钥文件须为 64 位十六进制', 'the public key file must hold 64 hex digits', {
        file: basename(given),
      });
    return toHex(bytes);
  }
  return publicKeyOf(loadOrCreateKey(given));
}

async function notaryKey(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' } });
  const event = required(values, 'event');
  const publicKey = notaryPublicKey(required(values, 'key'));
  const name = required(values, 'name');
  return withOffice(values, async (office) => {
    const k = await registerNotaryKey(office, { event, publicKey, name }, actorOf(values));
    io.out(`notary key registered (entry ${k.seq}) / 已登记公证员公钥（第 ${k.seq} 条）`);
    io.out(`public key 公钥: ${k.publicKey}`);
    io.out(`fingerprint 指纹: ${keyFingerprint(k.publicKey)}`);
    return 0;
  });
}

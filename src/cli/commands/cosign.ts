/**
 * `fairdraw audit cosign`: a notary signs a checkpoint of the audit log with their own Ed25519 key,
 * kept in a file of their own (created on first use, mode 0600) — never the organiser's key.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { publicKeyOf, signCheckpoint } from '../../core/audit.js';
import { fromHex, toHex } from '../../core/bytes.js';
import { FairDrawError } from '../../core/errors.js';
import { cosignCheckpoint } from '../../office/cosign.js';
import { parseFlags, required } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export function loadOrCreateKey(path: string): Uint8Array {
  if (!existsSync(path)) writeFileSync(path, `${toHex(new Uint8Array(randomBytes(32)))}\n`, { mode: 0o600, flag: 'wx' });
  const key = fromHex(readFileSync(path, 'utf8').trim(), 32);
  if (!key) throw new FairDrawError('keys.corrupt', '密钥文件已损坏', 'the key file is corrupt', { file: path });
  return key;
}

export async function cosign(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, {
    ...officeFlags,
    event: { type: 'string' },
    seq: { type: 'string' },
    signer: { type: 'string' },
    key: { type: 'string' },
  });
  const event = required(values, 'event');
  const signer = required(values, 'signer');
  const key = loadOrCreateKey(required(values, 'key'));
  return withOffice(values, async (office) => {
    const cps = await office.store.repos.audit.checkpoints(event);
    const seq = values.seq === undefined ? cps[cps.length - 1]?.seq : Number(values.seq);
    const cp = cps.find((c) => c.seq === seq);
    if (!cp)
      throw new FairDrawError(
        'cosign.no-checkpoint',
        `第 ${String(seq)} 条没有签名检查点`,
        `there is no checkpoint at entry ${String(seq)}`,
        { field: '--seq' },
      );
    const publicKey = publicKeyOf(key);
    const signature = signCheckpoint(key, cp.event, cp.seq, cp.hash);
    await cosignCheckpoint(office, { event, seq: cp.seq, signer, role: 'notary', publicKey, signature }, actorOf(values));
    io.out(`co-signed checkpoint ${cp.seq} (${cp.hash}) as ${signer} / 已会签第 ${cp.seq} 条检查点`);
    io.out(`public key 公钥: ${publicKey}`);
    return 0;
  });
}

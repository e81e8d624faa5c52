/**
 * 登记公证员公钥: the notary's Ed25519 public key is registered for the event before the list is
 * frozen, in a signed entry of the log. From then on only that key may co-sign a checkpoint, and
 * every verifier checks the notary's signatures against it. Its fingerprint is shown on the
 * ceremony screen and printed in the announcement, so the room and the families can compare it
 * with the one the notary reads out.
 */
import { NOTARY_KEY_ACTION, isStrongPublicKey, keyFingerprint, type NotaryKey } from '../core/audit.js';
import { fromHex } from '../core/bytes.js';
import { FairDrawError } from '../core/errors.js';
import { logMilestone } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import type { Actor, Office } from './ports.js';

export interface NotaryKeyInput {
  event: string;
  /** 64 hex: the notary's Ed25519 public key. */
  publicKey: string;
  /** The notary's name (or the notary office's), as the announcement prints it. */
  name: string;
}

export async function registerNotaryKey(office: Office, input: NotaryKeyInput, actor: Actor): Promise<NotaryKey> {
  const publicKey = input.publicKey.trim().toLowerCase();
  if (!fromHex(publicKey, 32)) {
    throw new FairDrawError(
      'notary.key',
      '公证员公钥须为 64 位十六进制（Ed25519 公钥）',
      "the notary's public key must be 64 hex digits (an Ed25519 public key)",
      { field: 'publicKey' },
    );
  }
  if (!isStrongPublicKey(publicKey)) {
    throw new FairDrawError(
      'notary.key',
      '这不是可用的 Ed25519 公钥（编码不规范或属于小阶点，无需私钥即可“签名”），请让公证员重新生成密钥',
      'this is not a usable Ed25519 public key (a non-canonical encoding or a point of small order, which "signs" without any secret); ask the notary to generate a new key',
      { field: 'publicKey' },
    );
  }
  const name = input.name.trim();
  if (!name) throw new FairDrawError('notary.name', '请填写公证员姓名', "give the notary's name", { field: 'name' });
  return office.store.tx(async (repos) => {
    await loadEvent(repos, input.event, ['draft', 'published'], {
      zh: '登记公证员公钥（须在名单冻结前）',
      en: "register the notary's key (before the list is frozen)",
    });
    const fingerprint = keyFingerprint(publicKey);
    const entry = await logMilestone(repos, office, input.event, actor, NOTARY_KEY_ACTION, { name, publicKey, fingerprint });
    return { publicKey, fingerprint, name, seq: entry.seq };
  });
}

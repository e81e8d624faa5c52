/**
 * 公证会签: the notary adds their own Ed25519 signature to a checkpoint of the audit log. Only the
 * key registered for the event before the freeze (src/office/notary-key.ts) may co-sign; the
 * signature is checked before it is stored, and the act itself — signer, key, signature and time —
 * is logged, so the checkpoint's every byte can be checked against the log.
 */
import { COSIGN_ACTION, checkpointMessage, registeredNotaryKey, verifySignature } from '../core/audit.js';
import { FairDrawError } from '../core/errors.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import type { Actor, Office } from './ports.js';

export interface CosignInput {
  event: string;
  seq: number;
  signer: string;
  role: 'notary' | 'supervisor';
  publicKey: string;
  signature: string;
}

export async function cosignCheckpoint(office: Office, input: CosignInput, actor: Actor): Promise<void> {
  await office.store.tx(async (repos) => {
    await loadEvent(repos, input.event);
    const { key } = registeredNotaryKey(await repos.audit.list(input.event));
    if (!key) {
      throw new FairDrawError(
        'cosign.no-key',
        '本批次没有登记公证员公钥，不能会签；公钥须在名单冻结前登记',
        'no notary key is registered for this event; it must be registered before the list is frozen',
        { field: 'publicKey' },
      );
    }
    if (input.publicKey.toLowerCase() !== key.publicKey) {
      throw new FairDrawError(
        'cosign.unregistered-key',
        `会签所用公钥不是本批次登记的公证员公钥（指纹 ${key.fingerprint}），已拒绝`,
        `the co-signature is not under the notary key registered for this event (fingerprint ${key.fingerprint}); refused`,
        { field: 'publicKey' },
      );
    }
    const cp = (await repos.audit.checkpoints(input.event)).find((c) => c.seq === input.seq);
    if (!cp)
      throw new FairDrawError('cosign.no-checkpoint', `第 ${input.seq} 条没有签名检查点`, `there is no checkpoint at entry ${input.seq}`, {
        field: 'seq',
      });
    if (!verifySignature(key.publicKey, input.signature, checkpointMessage(cp.event, cp.seq, cp.hash))) {
      throw new FairDrawError(
        'cosign.bad-signature',
        '会签无法用所给公钥验证，请核对公钥和签名',
        'the co-signature does not verify under the given public key',
        { field: 'signature' },
      );
    }
    if (cp.signatures.some((s) => s.publicKey === key.publicKey)) {
      throw new FairDrawError('cosign.duplicate', '该公钥已在此检查点会签', 'this key has already signed this checkpoint', {
        field: 'publicKey',
      });
    }
    const signature = input.signature.toLowerCase();
    const entry = await logAction(repos, office, input.event, actor, COSIGN_ACTION, {
      seq: cp.seq,
      hash: cp.hash,
      signer: input.signer,
      role: 'notary',
      publicKey: key.publicKey,
      signature,
    });
    await repos.audit.setSignatures(input.event, cp.seq, [
      ...cp.signatures,
      { signer: input.signer, role: 'notary', publicKey: key.publicKey, signature, at: entry.at },
    ]);
  });
}

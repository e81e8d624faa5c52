/**
 * 公证会签: a notary (or a supervisor) adds their own Ed25519 signature to a checkpoint of the
 * audit log. The signature is checked before it is stored, and the act itself is logged.
 */
import { checkpointMessage, verifySignature } from '../core/audit.js';
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
    const cp = (await repos.audit.checkpoints(input.event)).find((c) => c.seq === input.seq);
    if (!cp)
      throw new FairDrawError('cosign.no-checkpoint', `第 ${input.seq} 条没有签名检查点`, `there is no checkpoint at entry ${input.seq}`, {
        field: 'seq',
      });
    if (!verifySignature(input.publicKey, input.signature, checkpointMessage(cp.event, cp.seq, cp.hash))) {
      throw new FairDrawError(
        'cosign.bad-signature',
        '会签无法用所给公钥验证，请核对公钥和签名',
        'the co-signature does not verify under the given public key',
        { field: 'signature' },
      );
    }
    if (cp.signatures.some((s) => s.publicKey === input.publicKey)) {
      throw new FairDrawError('cosign.duplicate', '该公钥已在此检查点会签', 'this key has already signed this checkpoint', {
        field: 'publicKey',
      });
    }
    const at = office.clock.now().toISOString();
    await repos.audit.setSignatures(input.event, cp.seq, [
      ...cp.signatures,
      { signer: input.signer, role: input.role, publicKey: input.publicKey, signature: input.signature, at },
    ]);
    await logAction(repos, office, input.event, actor, 'audit.cosign', {
      seq: cp.seq,
      hash: cp.hash,
      signer: input.signer,
      role: input.role,
      publicKey: input.publicKey,
    });
  });
}

/** A notary's co-signature on a checkpoint: checked before it is stored, verified with the chain. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sql } from 'kysely';
import { createEvent } from '../../src/office/create-event.js';
import { cosignCheckpoint } from '../../src/office/cosign.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { checkpointMessage } from '../../src/core/audit.js';
import { toHex } from '../../src/core/bytes.js';
import { FairDrawError } from '../../src/core/errors.js';
import { fairdraw } from '../cli-run.js';
import { testOffice } from './harness.js';

let open: Awaited<ReturnType<typeof testOffice>>[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

async function event() {
  const t = await testOffice();
  open.push(t);
  await createEvent(
    t.office,
    {
      id: 'e1',
      title: '会签测试',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      declaredSources: [{ kind: 'witness', label: '公证员' }],
    },
    'op',
  );
  const cp = (await t.office.store.repos.audit.checkpoints('e1'))[0]!;
  return { ...t, cp };
}

/** A notary's co-signature of checkpoint `cp` with a fresh key, signing sequence number `seq`. */
function notarySignature(cp: { event: string; seq: number; hash: string }, seq = cp.seq) {
  const key = ed25519.utils.randomSecretKey();
  return {
    event: 'e1',
    seq: cp.seq,
    signer: '李公证员',
    role: 'notary' as const,
    publicKey: toHex(ed25519.getPublicKey(key)),
    signature: toHex(ed25519.sign(checkpointMessage(cp.event, seq, cp.hash), key)),
  };
}

describe('notary co-signature', () => {
  it('is stored when it verifies, and the chain still verifies', async () => {
    const { office, cp } = await event();
    await cosignCheckpoint(office, notarySignature(cp), 'supervisor:notary');
    const after = (await office.store.repos.audit.checkpoints('e1'))[0]!;
    expect(after.signatures.map((s) => s.role)).toEqual(['organiser', 'notary']);
    expect((await verifyAudit(office, 'e1')).ok).toBe(true);
    expect((await office.store.repos.audit.list('e1')).pop()!.action).toBe('audit.cosign');
  });

  it('is refused when it signs something else, and nothing is stored', async () => {
    const { office, cp } = await event();
    // Signed over the next sequence number, presented for this one.
    await expect(cosignCheckpoint(office, notarySignature(cp, cp.seq + 1), 'x')).rejects.toBeInstanceOf(FairDrawError);
    expect((await office.store.repos.audit.checkpoints('e1'))[0]!.signatures).toHaveLength(1);
  });

  it('is caught by verification when tampered with in the database', async () => {
    const { office, cp } = await event();
    const cosignature = notarySignature(cp);
    await cosignCheckpoint(office, cosignature, 'x');
    const { signature } = cosignature;
    await sql`UPDATE checkpoints SET signatures = replace(signatures, '李公证员', '王某') `.execute(office.store.db);
    // The signer's name is not what is signed; the signature itself still verifies — but a
    // changed signature or key does not:
    await sql`UPDATE checkpoints SET signatures = replace(signatures, ${signature}, ${signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))})`.execute(
      office.store.db,
    );
    expect((await verifyAudit(office, 'e1')).ok).toBe(false);
  });

  it("works from the command line with the notary's own key file", () => {
    const data = mkdtempSync(join(tmpdir(), 'fairdraw-cosign-'));
    const env = { FAIRDRAW_DATA: data };
    expect(fairdraw(['event', 'create', '--id', 'e2', '--title', '会签', '--witness', '公证员'], env).code).toBe(0);
    const r = fairdraw(['audit', 'cosign', '--event', 'e2', '--signer', '李公证员', '--key', join(data, 'notary.key')], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/co-signed checkpoint 1/);
    expect(fairdraw(['audit', 'verify', '--event', 'e2'], env).stdout.split('\n')[0]).toBe('valid');
  });
});

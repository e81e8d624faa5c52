/**
 * A notary's co-signature on a checkpoint: only under the key registered for the event before the
 * freeze, checked before it is stored, verified with the chain.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sql } from 'kysely';
import { createEvent } from '../../src/office/create-event.js';
import { registerNotaryKey } from '../../src/office/notary-key.js';
import { cosignCheckpoint } from '../../src/office/cosign.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { checkpointMessage, verifySignature } from '../../src/core/audit.js';
import { toHex } from '../../src/core/bytes.js';
import { FairDrawError } from '../../src/core/errors.js';
import { fairdraw } from '../cli-run.js';
import { refusal, testOffice } from './harness.js';

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
  await registerNotaryKey(t.office, { event: 'e1', publicKey: toHex(ed25519.getPublicKey(NOTARY)), name: '李公证员' }, 'supervisor:li');
  const cp = (await t.office.store.repos.audit.checkpoints('e1'))[0]!;
  return { ...t, cp };
}

const NOTARY = new Uint8Array(32).fill(5);

/** A notary's co-signature of checkpoint `cp` under `key` (the registered one unless given), signing `seq`. */
function notarySignature(cp: { event: string; seq: number; hash: string }, seq = cp.seq, key = NOTARY) {
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
    const report = await verifyAudit(office, 'e1');
    expect(report.ok).toBe(true);
    expect(report.notaryKey?.publicKey).toBe(toHex(ed25519.getPublicKey(NOTARY)));
    const logged = (await office.store.repos.audit.list('e1')).pop()!;
    expect(logged.action).toBe('audit.cosign');
    // The log records the signature itself, dated as the checkpoint's copy: every byte is fixed.
    expect(logged.details).toMatchObject({ seq: cp.seq, signer: '李公证员', signature: after.signatures[1]!.signature });
    expect(after.signatures[1]!.at).toBe(logged.at);
  });

  it('is refused under any key other than the registered one, and nothing is stored', async () => {
    const { office, cp } = await event();
    const before = (await office.store.repos.audit.list('e1')).length;
    const made = notarySignature(cp, cp.seq, ed25519.utils.randomSecretKey());
    const e = await refusal(cosignCheckpoint(office, made, 'supervisor:someone'));
    expect(e.code).toBe('cosign.unregistered-key');
    expect(e.zh).toMatch(/不是本批次登记的公证员公钥/);
    expect((await office.store.repos.audit.checkpoints('e1'))[0]!.signatures).toHaveLength(1);
    expect(await office.store.repos.audit.list('e1')).toHaveLength(before);
  });

  it('is refused when no key was registered', async () => {
    const t = await testOffice();
    open.push(t);
    await createEvent(
      t.office,
      {
        id: 'e9',
        title: '无公钥',
        mechanism: 'deferred-acceptance',
        tieBreak: 'single',
        groupFit: 'strict',
        declaredSources: [{ kind: 'witness', label: '公证员' }],
      },
      'op',
    );
    const cp = (await t.office.store.repos.audit.checkpoints('e9'))[0]!;
    const e = await refusal(cosignCheckpoint(t.office, { ...notarySignature(cp), event: 'e9' }, 'x'));
    expect(e.code).toBe('cosign.no-key');
  });

  it('a key is registered only before the list is frozen', async () => {
    const { office } = await event();
    await sql`UPDATE events SET status = 'frozen' WHERE id = 'e1'`.execute(office.store.db);
    const publicKey = toHex(ed25519.getPublicKey(new Uint8Array(32).fill(9)));
    const e = await refusal(registerNotaryKey(office, { event: 'e1', publicKey, name: '王某' }, 'x'));
    expect(e.code).toBe('event.status');
  });

  it('refuses a weak key: an all-zero key with an all-zero signature "verifies" some messages, but not here', async () => {
    const { cp } = await event();
    const zeroKey = new Uint8Array(32);
    const zeroSig = new Uint8Array(64);
    const msg = checkpointMessage(cp.event, cp.seq, cp.hash);
    // The threat, shown with the library's lenient default: no secret, yet it "verifies".
    expect(ed25519.verify(zeroSig, msg, zeroKey)).toBe(true);
    expect(verifySignature(toHex(zeroKey), toHex(zeroSig), msg)).toBe(false);
    // A genuine signature still verifies.
    const good = notarySignature(cp);
    expect(verifySignature(good.publicKey, good.signature, msg)).toBe(true);
  });

  it('refuses to register a key of small order or in a non-canonical encoding, in both languages, and logs nothing', async () => {
    const { office } = await event();
    const before = (await office.store.repos.audit.list('e1')).length;
    const weak = [
      '00'.repeat(32), // y = 0, order 4
      '01' + '00'.repeat(31), // the identity
      'ec' + 'ff'.repeat(30) + '7f', // y = −1, order 2
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
      'ed' + 'ff'.repeat(30) + '7f', // y = p: a non-canonical encoding of y = 0
    ];
    for (const publicKey of weak) {
      const e = await refusal(registerNotaryKey(office, { event: 'e1', publicKey, name: '王某' }, 'supervisor:li'));
      expect(e.code).toBe('notary.key');
      expect(e.zh).toMatch(/小阶点/);
      expect(e.en).toMatch(/small order/);
    }
    expect((await office.store.repos.audit.list('e1')).length).toBe(before);
  });

  it('a co-signature slipped into the database under another key is caught by verification', async () => {
    const { office, cp } = await event();
    const other = ed25519.utils.randomSecretKey();
    const forged = notarySignature(cp, cp.seq, other);
    await office.store.repos.audit.setSignatures('e1', cp.seq, [
      ...cp.signatures,
      { signer: '李公证员', role: 'notary', publicKey: forged.publicKey, signature: forged.signature, at: cp.signatures[0]!.at },
    ]);
    const r = await verifyAudit(office, 'e1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/neither the organiser's nor the registered notary key/);
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
    const reg = fairdraw(['audit', 'notary-key', '--event', 'e2', '--name', '李公证员', '--key', join(data, 'notary.key')], env);
    expect(reg.stderr).toBe('');
    expect(reg.stdout).toMatch(/fingerprint 指纹: [0-9a-f]{4} [0-9a-f]{4}/);
    const unregistered = fairdraw(['audit', 'cosign', '--event', 'e2', '--signer', '王某', '--key', join(data, 'other.key')], env);
    expect(unregistered.code).toBe(2);
    expect(unregistered.stderr).toMatch(/not under the notary key registered/);
    const r = fairdraw(['audit', 'cosign', '--event', 'e2', '--signer', '李公证员', '--key', join(data, 'notary.key')], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/co-signed checkpoint 2/);
    const verified = fairdraw(['audit', 'verify', '--event', 'e2'], env).stdout.split('\n');
    expect(verified[0]).toBe('valid');
    // The head, held outside: valid against it; invalid against a head that is not in the log.
    const head = fairdraw(['audit', 'head', '--event', 'e2'], env).stdout.trim();
    expect(head).toMatch(/^3:[0-9a-f]{64}$/);
    expect(fairdraw(['audit', 'verify', '--event', 'e2', '--head', head], env).code).toBe(0);
    const wrong = fairdraw(['audit', 'verify', '--event', 'e2', '--head', `4:${head.slice(2)}`], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/held head 4:/);
  }, 180_000);
});

/**
 * The audit chain's checks, each one broken on purpose: an entry edited (with and without a new
 * hash), a link cut, a sequence gap, a checkpoint that names the wrong entry, a foreign organiser
 * key, a forged co-signature. Expected bytes are written out by hand with an independent SHA-256
 * and the RFC 8032 test vectors.
 */
import { describe, expect, it } from 'vitest';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import {
  GENESIS,
  checkpointMessage,
  entryHash,
  nextEntry,
  publicKeyOf,
  signCheckpoint,
  verifyChain,
  verifySignature,
  type AuditEntry,
  type Checkpoint,
} from './audit.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

/** RFC 8032 §7.1, test 1. */
const RFC_SECRET = unhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG_EMPTY =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

const organiserSecret = unhex('11'.repeat(32));
const organiserKey = publicKeyOf(organiserSecret);
const notarySecret = unhex('22'.repeat(32));
const strangerSecret = unhex('33'.repeat(32));

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      nextEntry(out[i - 1], {
        event: 'ev-1',
        at: `2020-07-0${i + 1}T09:00:00Z`,
        actor: 'clerk',
        action: `step.${i + 1}`,
        details: { n: i },
      }),
    );
  }
  return out;
}

function checkpoint(e: AuditEntry, ...signers: { secret: Uint8Array; role: 'organiser' | 'notary'; signer: string }[]): Checkpoint {
  return {
    event: e.event,
    seq: e.seq,
    hash: e.hash,
    signatures: signers.map((s) => ({
      signer: s.signer,
      role: s.role,
      publicKey: publicKeyOf(s.secret),
      signature: signCheckpoint(s.secret, e.event, e.seq, e.hash),
      at: e.at,
    })),
  };
}
const organiser = { secret: organiserSecret, role: 'organiser' as const, signer: '区教育局' };
const notary = { secret: notarySecret, role: 'notary' as const, signer: '公证处' };

/** Re-hashes every entry from `from` on, as someone able to rewrite the whole table would. */
function rehash(entries: AuditEntry[], from: number): AuditEntry[] {
  const out = entries.slice(0, from);
  for (const e of entries.slice(from)) {
    const prev = out[out.length - 1];
    const base = { ...e, prev: prev ? prev.hash : GENESIS };
    out.push({ ...base, hash: entryHash(base) });
  }
  return out;
}

describe('entries', () => {
  it('hash the JCS form of their fields, keys sorted, their own hash left out', () => {
    const e = {
      event: 'ev-1',
      seq: 3,
      at: '2020-07-01T09:00:00Z',
      actor: '张老师',
      action: 'event.publish',
      details: { b: 2, a: '一' },
      prev: 'ab'.repeat(32),
    };
    const text =
      '{"action":"event.publish","actor":"张老师","at":"2020-07-01T09:00:00Z","details":{"a":"一","b":2},"event":"ev-1","prev":"' +
      'ab'.repeat(32) +
      '","seq":3}';
    expect(entryHash(e)).toBe(hex(nobleSha256(new TextEncoder().encode(text))));
    expect(entryHash({ ...e, hash: 'ff'.repeat(32) } as AuditEntry)).toBe(entryHash(e));
  });

  it('start at seq 1 from the all-zero genesis and link each to the hash before', () => {
    const [a, b, c] = chain(3) as [AuditEntry, AuditEntry, AuditEntry];
    expect(GENESIS).toBe('0'.repeat(64));
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect([a.prev, b.prev, c.prev]).toEqual([GENESIS, a.hash, b.hash]);
    for (const e of [a, b, c]) expect(e.hash).toBe(entryHash(e));
    expect(b).toMatchObject({ event: 'ev-1', actor: 'clerk', action: 'step.2', at: '2020-07-02T09:00:00Z', details: { n: 1 } });
  });
});

describe('checkpoint signatures', () => {
  it('cover enc(tag) ‖ enc(event) ‖ u64be(seq) ‖ the 32 raw bytes of the hash', () => {
    const h = '0f'.repeat(32);
    const expected = [
      ...[0, 0, 0, 22],
      ...new TextEncoder().encode('fairdraw/checkpoint/v1'),
      ...[0, 0, 0, 4],
      ...new TextEncoder().encode('ev-1'),
      ...[0, 0, 0, 1, 0, 0, 1, 2],
      ...unhex(h),
    ];
    expect(hex(checkpointMessage('ev-1', 2 ** 32 + 258, h))).toBe(hex(Uint8Array.from(expected)));
  });

  it('cover 32 zero bytes in place of a hash that is not 64 hex', () => {
    const m = checkpointMessage('e', 1, 'not hex');
    expect(m.length).toBe(4 + 22 + 4 + 1 + 8 + 32);
    expect(hex(m.slice(-32))).toBe('00'.repeat(32));
  });

  it('are Ed25519 as RFC 8032 gives it', () => {
    expect(publicKeyOf(RFC_SECRET)).toBe(RFC_PUBLIC);
    expect(verifySignature(RFC_PUBLIC, RFC_SIG_EMPTY, new Uint8Array(0))).toBe(true);
    expect(verifySignature(RFC_PUBLIC, RFC_SIG_EMPTY, new Uint8Array(1))).toBe(false);
    const msg = checkpointMessage('ev-1', 1, 'aa'.repeat(32));
    expect(verifySignature(RFC_PUBLIC, signCheckpoint(RFC_SECRET, 'ev-1', 1, 'aa'.repeat(32)), msg)).toBe(true);
    expect(verifySignature(RFC_PUBLIC, signCheckpoint(RFC_SECRET, 'ev-1', 2, 'aa'.repeat(32)), msg)).toBe(false);
  });

  it('refuse a malformed key or signature instead of throwing', () => {
    expect(verifySignature(RFC_PUBLIC.slice(2), RFC_SIG_EMPTY, new Uint8Array(0))).toBe(false);
    expect(verifySignature(RFC_PUBLIC, RFC_SIG_EMPTY.slice(2), new Uint8Array(0))).toBe(false);
    expect(verifySignature(RFC_PUBLIC.toUpperCase(), RFC_SIG_EMPTY, new Uint8Array(0))).toBe(false);
    // A signature whose S is not below the group order makes the library throw.
    expect(verifySignature(RFC_PUBLIC, RFC_SIG_EMPTY.slice(0, 64) + 'ff'.repeat(32), new Uint8Array(0))).toBe(false);
  });
});

describe('verifyChain', () => {
  const entries = chain(4);
  const cps = [checkpoint(entries[1]!, organiser), checkpoint(entries[3]!, organiser, notary)];

  it('accepts an intact chain and counts entries and checkpoints', () => {
    expect(verifyChain(entries, cps, organiserKey)).toEqual({ ok: true, entries: 4, checkpoints: 2 });
    expect(verifyChain([], [], organiserKey)).toEqual({ ok: true, entries: 0, checkpoints: 0 });
  });

  it('names an edited entry that kept its old hash', () => {
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, actor: 'someone else' } : e));
    expect(verifyChain(edited, cps, organiserKey)).toMatchObject({
      ok: false,
      seq: 3,
      reason: 'entry 3 was altered (its hash does not match its content)',
    });
  });

  it('names the entry after one that was edited and re-hashed', () => {
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, details: { n: 99 } } : e));
    const e2 = edited[1]!;
    edited[1] = { ...e2, hash: entryHash(e2) };
    expect(verifyChain(edited, [], organiserKey)).toEqual({
      ok: false,
      seq: 3,
      reason: 'entry 3 does not link to the one before',
      zh: '第 3 条记录未接续上一条（链条断裂）',
    });
  });

  it('catches a whole tail re-hashed by the checkpoint that still holds the old head', () => {
    const edited = rehash(
      entries.map((e) => (e.seq === 2 ? { ...e, details: { n: 99 } } : e)),
      1,
    );
    expect(verifyChain(edited, [], organiserKey)).toMatchObject({ ok: true });
    expect(verifyChain(edited, cps, organiserKey)).toMatchObject({
      ok: false,
      seq: 2,
      reason: 'checkpoint at entry 2 does not match the log',
      zh: '第 2 条处的签名检查点与日志不符',
    });
  });

  it('refuses a first entry that does not start from genesis', () => {
    const base = { ...entries[0]!, prev: 'ab'.repeat(32) };
    const moved = [{ ...base, hash: entryHash(base) }];
    expect(verifyChain(moved, [], organiserKey)).toMatchObject({ ok: false, seq: 1, reason: 'entry 1 does not link to the one before' });
  });

  it('names a gap or a repeat in the sequence', () => {
    const gap = [entries[0]!, entries[2]!, entries[3]!];
    expect(verifyChain(gap, [], organiserKey)).toEqual({
      ok: false,
      seq: 3,
      reason: 'entry 2 has seq 3',
      zh: '第 2 条记录的序号为 3，日志不连续',
    });
    const renumbered = rehash(
      entries.map((e) => ({ ...e, seq: e.seq + 1 })),
      0,
    );
    expect(verifyChain(renumbered, [], organiserKey)).toMatchObject({ ok: false, seq: 2, reason: 'entry 1 has seq 2' });
  });

  it('refuses a checkpoint at an entry the log does not have (a removed newest entry)', () => {
    expect(verifyChain(entries.slice(0, 3), cps, organiserKey)).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'checkpoint at entry 4 does not match the log',
    });
  });

  it('refuses a checkpoint whose hash is not the entry’s, even if well signed', () => {
    const other = { ...entries[1]!, hash: 'cd'.repeat(32) };
    const cp = checkpoint(other, organiser);
    expect(verifyChain(entries, [cp], organiserKey)).toMatchObject({
      ok: false,
      seq: 2,
      reason: 'checkpoint at entry 2 does not match the log',
    });
  });

  it('refuses checkpoints signed by a foreign organiser key', () => {
    const forged = [checkpoint(entries[3]!, { ...organiser, secret: strangerSecret })];
    expect(verifyChain(entries, forged, organiserKey)).toEqual({
      ok: false,
      seq: 4,
      reason: "checkpoint at entry 4 lacks the organiser's signature",
      zh: '第 4 条处的检查点缺少组织方签名',
    });
  });

  it('refuses a checkpoint carrying only a notary’s signature made with the organiser key', () => {
    const onlyNotary = [checkpoint(entries[3]!, { ...notary, secret: organiserSecret })];
    expect(verifyChain(entries, onlyNotary, organiserKey)).toMatchObject({
      ok: false,
      seq: 4,
      reason: "checkpoint at entry 4 lacks the organiser's signature",
    });
  });

  it('refuses an organiser signature that does not verify, and a forged co-signature', () => {
    const cp = checkpoint(entries[3]!, organiser, notary);
    const badOrganiser = {
      ...cp,
      signatures: [{ ...cp.signatures[0]!, signature: signCheckpoint(organiserSecret, 'ev-1', 3, entries[2]!.hash) }, cp.signatures[1]!],
    };
    expect(verifyChain(entries, [badOrganiser], organiserKey)).toEqual({
      ok: false,
      seq: 4,
      reason: 'the signature of 区教育局 on checkpoint 4 does not verify',
      zh: '区教育局 在第 4 条检查点上的签名无法验证',
    });
    const badNotary = { ...cp, signatures: [cp.signatures[0]!, { ...cp.signatures[1]!, signature: cp.signatures[0]!.signature }] };
    expect(verifyChain(entries, [badNotary], organiserKey)).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'the signature of 公证处 on checkpoint 4 does not verify',
    });
  });

  it('checks every checkpoint, not only the first', () => {
    const cp = checkpoint(entries[3]!, organiser);
    const broken = { ...cp, signatures: [{ ...cp.signatures[0]!, signature: '00'.repeat(64) }] };
    expect(verifyChain(entries, [cps[0]!, broken], organiserKey)).toMatchObject({ ok: false, seq: 4 });
  });
});

import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../../test/spec-files.js';
import { verifyBundle } from './verify-bundle.js';
import type { BundleInput } from './types.js';
import { sha256Large } from '../sha256-block.js';
import { entryHash, nextEntry, publicKeyOf, signCheckpoint, type AuditEntry, type Checkpoint } from '../audit.js';
import { fromUtf8, toHex, utf8 } from '../bytes.js';
import { sha256 } from '../hash.js';
import { draw } from '../draw.js';
import { jcs, type Json } from '../encoding.js';
import { signedAuditLog, TEST_KEY, TEST_SECRET } from '../../../test/signed-log.js';

/** A signed audit log as the office writes it: publish, freeze, draw, results, each with a checkpoint. */
function auditFor(files: Omit<BundleInput, 'audit'>, event = 'ev'): Uint8Array {
  return utf8(signedAuditLog(event, draw(files).header, files.record));
}

/** A vector as the office would publish it: sources.json in canonical form, the log, organiser.pub. */
function bundle(name: string): BundleInput {
  const c = readCase('vectors', name);
  const sources = utf8(jcs(JSON.parse(fromUtf8(c.sources)) as Json));
  const files = { rules: c.rules, list: c.list, sources, record: c.record! };
  return { ...files, audit: auditFor(files), organiserPub: utf8(`${TEST_KEY}\n`) };
}

const status = (r: ReturnType<typeof verifyBundle>): Record<string, string> => Object.fromEntries(r.steps.map((s) => [s.id, s.status]));

function edit(bytes: Uint8Array, f: (s: string) => string): Uint8Array {
  const out = utf8(f(fromUtf8(bytes)));
  expect(fromUtf8(out)).not.toBe(fromUtf8(bytes));
  return out;
}

describe('verifyBundle', () => {
  for (const name of caseNames('vectors')) {
    it(`passes every check of the vector ${name}`, () => {
      const r = verifyBundle(bundle(name));
      expect(r.firstFailure?.message.en).toBeUndefined();
      expect(r.valid).toBe(true);
      expect(r.audited).toBe(true);
      for (const s of r.steps) expect(s.status).toBe('passed');
    });
  }

  it('passes without an audit log but says it was not audited', () => {
    const { audit: _audit, organiserPub: _pub, ...files } = bundle('seed-case');
    const r = verifyBundle(files);
    expect(r.valid).toBe(true);
    expect(r.audited).toBe(false);
    expect(status(r).audit).toBe('skipped');
  });

  it('checks the drand signature as its own step', () => {
    const r = verifyBundle(bundle('da-multiple-overflow'));
    expect(status(r).drand).toBe('passed');
    const b = bundle('da-multiple-overflow');
    const bad = verifyBundle({
      ...b,
      sources: edit(b.sources, (s) => s.replace(/"signature":"(.)/, (_m, c: string) => `"signature":"${c === 'a' ? 'b' : 'a'}`)),
    });
    expect(status(bad).drand).toBe('failed');
    expect(bad.valid).toBe(false);
  });

  it('catches one swapped admitted id and names the unit and position', () => {
    const b = bundle('seed-case');
    const rec = JSON.parse(fromUtf8(b.record)) as { units: { admitted: string[]; waitlist: string[] }[] };
    const u = rec.units[0]!;
    const [a, w] = [u.admitted[3]!, u.waitlist[0]!];
    [u.admitted[3], u.waitlist[0]] = [w, a];
    const r = verifyBundle({ ...b, record: edit(b.record, () => jcs(rec as unknown as Json)) });
    expect(r.valid).toBe(false);
    expect(r.firstFailure?.id).toBe('units');
    expect(r.firstFailure?.difference).toEqual({ path: 'units[0].admitted[3]', expected: `"${a}"`, found: `"${w}"` });
    // The inputs were not touched: their digests still pass.
    expect(status(r)).toMatchObject({ rules: 'passed', list: 'passed', sources: 'passed', seed: 'passed', tickets: 'passed' });
    expect(status(r).published).toBe('failed'); // the record no longer has the hash the log fixed
  });

  it('catches one changed digit of a source value', () => {
    const b = bundle('seed-case');
    const r = verifyBundle({ ...b, sources: edit(b.sources, (s) => s.replace('418305', '418306')) });
    expect(r.firstFailure?.id).toBe('sources');
    expect(r.firstFailure?.difference?.path).toBe('sources');
    expect(r.firstFailure?.message.zh).toMatch(/随机来源与重新计算不符/);
    expect(status(r)).toMatchObject({ seed: 'failed', tickets: 'failed', published: 'failed' });
  });

  it('catches a changed tier in the list at the list root', () => {
    const b = bundle('seed-case');
    const r = verifyBundle({ ...b, list: edit(b.list, (s) => s.replace('"tier":1', '"tier":2')) });
    expect(r.firstFailure?.id).toBe('list');
    expect(r.firstFailure?.difference?.path).toBe('listRoot');
  });

  it('catches re-formatted rules at the rules hash', () => {
    const b = bundle('tiny');
    const r = verifyBundle({ ...b, rules: utf8(`${fromUtf8(b.rules)}\n`) });
    expect(r.firstFailure?.id).toBe('rules');
    expect(r.firstFailure?.difference?.path).toBe('paramsSha256');
  });

  it('catches one altered ticket', () => {
    const b = bundle('tiny');
    const r = verifyBundle({ ...b, record: edit(b.record, (s) => s.replace('00d5301f', '00d5301e')) });
    expect(r.firstFailure?.id).toBe('tickets');
    expect(r.firstFailure?.difference?.path).toBe('applicants[1].tickets.A');
  });

  it('refuses an input the contract refuses, and skips what depends on it', () => {
    const b = bundle('tiny');
    const r = verifyBundle({ ...b, rules: utf8('{"spec":"fairdraw/v1","spec":"x"}') });
    expect(status(r).rules).toBe('refused');
    expect(r.firstFailure?.message.en).toMatch(/rules\.json.*twice/);
    expect(r.firstFailure?.message.zh).toMatch(/重复/);
    expect(status(r)).toMatchObject({ list: 'skipped', tickets: 'skipped', record: 'skipped' });
  });

  it('accepts a record with an extra member or another layout (§9)', () => {
    const b = bundle('tiny');
    const rec = JSON.parse(fromUtf8(b.record)) as Record<string, Json>;
    const pretty = utf8(JSON.stringify({ ...rec, extra: { note: '公证处' } }, null, 2));
    const r = verifyBundle({ ...b, record: pretty, audit: auditFor({ ...b, record: pretty }) });
    expect(r.valid).toBe(true);
  });

  it('refuses a record that the strict reader refuses', () => {
    const b = bundle('tiny');
    const r = verifyBundle({ ...b, record: edit(b.record, (s) => s.replace('"listSize":6', '"listSize":6.0')) });
    expect(status(r).record).toBe('refused');
    expect(r.valid).toBe(false);
  });

  it('catches an edited audit entry and a forged checkpoint signature', () => {
    const b = bundle('seed-case');
    const log = JSON.parse(fromUtf8(b.audit!)) as { entries: AuditEntry[]; checkpoints: Checkpoint[] };
    log.entries[1]!.actor = 'someone else';
    const r = verifyBundle({ ...b, audit: utf8(JSON.stringify(log)) });
    expect(r.firstFailure?.id).toBe('audit');
    expect(r.firstFailure?.message.zh).toMatch(/第 2 条记录被改动/);

    const log2 = JSON.parse(fromUtf8(b.audit!)) as { entries: AuditEntry[]; checkpoints: Checkpoint[] };
    const sig = log2.checkpoints[2]!.signatures[0]!;
    sig.signature = sig.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r2 = verifyBundle({ ...b, audit: utf8(JSON.stringify(log2)) });
    expect(r2.firstFailure?.id).toBe('audit');
    expect(r2.firstFailure?.message.en).toMatch(/signature/);
  });

  it('catches files that are consistent with each other but not the ones the log fixed', () => {
    const b = bundle('tiny');
    const other = bundle('seed-case');
    const r = verifyBundle({ ...other, audit: b.audit });
    expect(r.firstFailure?.id).toBe('published');
    expect(r.firstFailure?.difference?.path).toMatch(/paramsSha256/);
  });

  it('reports progress from 0 to 1 without going back', () => {
    const seen: number[] = [];
    verifyBundle(bundle('seed-case'), (p) => seen.push(p.fraction));
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe('sha256Large', () => {
  it('agrees with @noble/hashes at every padding edge and on a few megabytes', () => {
    const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4096 + 13, 3_000_001];
    for (const n of lengths) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = (i * 131 + (i >>> 7)) & 0xff;
      expect(sha256Large(b)).toBe(toHex(sha256(b)));
    }
    // A view into a larger buffer hashes only its own bytes.
    const big = utf8('xxabcxx');
    expect(sha256Large(big.subarray(2, 5))).toBe(toHex(sha256(utf8('abc'))));
  });
});

describe('verifyBundle, file by file', () => {
  const FILES = ['rules', 'list', 'sources', 'record', 'audit', 'organiserPub'] as const;
  const NAME = {
    rules: 'rules.json',
    list: 'list.jsonl',
    sources: 'sources.json',
    record: 'record.json',
    audit: 'audit.json',
    organiserPub: 'organiser.pub',
  };
  /** The file a step reads, to check that a failure is put where the byte was changed. */
  const READS: Record<string, string[]> = {
    // The input steps also compare their digests with the record's copy of them.
    rules: ['rules', 'record'],
    list: ['list', 'record'],
    drand: ['sources'],
    sources: ['sources', 'record'],
    seed: ['sources', 'rules', 'list', 'record'],
    tickets: ['record'],
    units: ['record'],
    applicants: ['record'],
    record: ['record'],
    published: ['rules', 'list', 'sources', 'record', 'audit'],
    organiser: ['organiserPub', 'audit'],
    audit: ['audit'],
    sealed: ['audit', 'sources'],
  };

  for (const file of FILES) {
    it(`refuses one flipped byte anywhere in ${NAME[file]}, naming the place`, () => {
      const b = bundle('seed-case');
      const bytes = b[file]!;
      const positions = new Set([0, 1, bytes.length - 1]);
      for (let k = 0; k < 40; k++) positions.add(Math.floor((k * bytes.length) / 40));
      for (const at of positions) {
        const flipped = bytes.slice();
        flipped[at] = flipped[at]! ^ 0x01;
        const r = verifyBundle({ ...b, [file]: flipped });
        expect(r.valid && r.audited, `${NAME[file]} byte ${at} flipped was accepted`).toBe(false);
        const f = r.firstFailure ?? r.steps.find((s) => s.status !== 'passed')!;
        // The failing step is one that reads this file, and it says where.
        expect(READS[f.id], `${NAME[file]} byte ${at}: step ${f.id}`).toContain(file);
        expect(`${f.difference?.path ?? ''} ${f.message.en}`).toMatch(/\S/);
      }
    });
  }

  it('names the file and the byte of a layout change in audit.json, sources.json and organiser.pub', () => {
    const b = bundle('seed-case');
    const spaced = (bytes: Uint8Array, at: number): Uint8Array => utf8(`${fromUtf8(bytes).slice(0, at)} ${fromUtf8(bytes).slice(at)}`);
    const a = verifyBundle({ ...b, audit: spaced(b.audit!, 1) });
    expect(a.firstFailure?.id).toBe('audit');
    expect(a.firstFailure?.message.en).toMatch(/audit\.json.*at byte 1/);
    const s = verifyBundle({ ...b, sources: spaced(b.sources, 1) });
    expect(s.firstFailure?.difference?.path).toBe('sources.json, byte 1');
    const o = verifyBundle({ ...b, organiserPub: utf8(`${TEST_KEY}\r\n`) });
    expect(o.firstFailure?.difference?.path).toBe('organiser.pub, byte 64');
  });

  it('refuses a log signed under a foreign organiser key, whichever key file comes with it', () => {
    const c = readCase('vectors', 'seed-case');
    const files = { rules: c.rules, list: c.list, sources: c.sources, record: c.record! };
    const foreign = new Uint8Array(32).fill(8);
    const audit = utf8(signedAuditLog('ev', draw(files).header, files.record, foreign));
    // With the bureau's organiser.pub: the log names another key.
    const r = verifyBundle({ ...files, audit, organiserPub: utf8(`${TEST_KEY}\n`) });
    expect(r.firstFailure?.id).toBe('organiser');
    expect(r.firstFailure?.message.en).toMatch(/was not signed under it/);
    // audit.json naming the bureau's key while signed under the foreign one:
    const log = JSON.parse(fromUtf8(audit)) as { organiserPublicKey: string };
    log.organiserPublicKey = TEST_KEY;
    const r2 = verifyBundle({ ...files, audit: utf8(jcs(log as unknown as Json)), organiserPub: utf8(`${TEST_KEY}\n`) });
    expect(r2.firstFailure?.id).toBe('audit');
    expect(r2.firstFailure?.message.en).toMatch(/lacks the organiser's signature/);
  });

  it('refuses an edited entry even when the whole chain after it was re-hashed', () => {
    const b = bundle('seed-case');
    const log = JSON.parse(fromUtf8(b.audit!)) as { entries: AuditEntry[]; checkpoints: Checkpoint[] };
    log.entries[0]!.details = { ...(log.entries[0]!.details as object), listRoot: 'e'.repeat(64) };
    for (let i = 0; i < log.entries.length; i++) {
      const e = log.entries[i]!;
      e.prev = i === 0 ? '0'.repeat(64) : log.entries[i - 1]!.hash;
      e.hash = entryHash(e);
      log.checkpoints[i]!.hash = e.hash;
    }
    const r = verifyBundle({ ...b, audit: utf8(jcs(log as unknown as Json)) });
    expect(r.valid).toBe(false);
    expect(status(r).audit).toBe('failed');
    expect(r.steps.find((s) => s.id === 'audit')!.message.en).toMatch(/signature of organiser on checkpoint 1 does not verify/);
  });

  it('refuses witness values that the log never committed', () => {
    const b = bundle('seed-case');
    const log = JSON.parse(fromUtf8(b.audit!)) as { entries: AuditEntry[]; checkpoints: Checkpoint[] };
    const kept = log.entries.filter((e) => e.action !== 'ceremony.commit' && e.action !== 'ceremony.reveal');
    const rebuilt = relog(kept);
    const r = verifyBundle({ ...b, audit: utf8(jcs(rebuilt as unknown as Json)) });
    expect(status(r)).toMatchObject({ audit: 'passed', sealed: 'failed' });
    expect(r.firstFailure?.message.en).toMatch(/never committed/);
  });

  it('refuses a co-signature under a key the log did not register, and accepts the registered one', () => {
    const b = bundle('seed-case');
    const log = JSON.parse(fromUtf8(b.audit!)) as { entries: AuditEntry[] };
    const notary = new Uint8Array(32).fill(4);
    const stranger = new Uint8Array(32).fill(6);
    const withNotary = (signer: Uint8Array): string => {
      const entries = log.entries.map((e) => ({ action: e.action, details: e.details }));
      entries.splice(1, 0, { action: 'audit.notary-key', details: { name: '李公证员', publicKey: publicKeyOf(notary), fingerprint: '' } });
      const built = relog(entries);
      const last = built.checkpoints[built.checkpoints.length - 1]!;
      const sig = signCheckpoint(signer, 'ev', last.seq, last.hash);
      const cosign = relog([
        ...entries,
        {
          action: 'audit.cosign',
          details: { seq: last.seq, hash: last.hash, signer: '李公证员', role: 'notary', publicKey: publicKeyOf(signer), signature: sig },
        },
      ]);
      const at = cosign.entries[cosign.entries.length - 1]!.at;
      cosign.checkpoints[last.seq - 1]!.signatures.push({
        signer: '李公证员',
        role: 'notary',
        publicKey: publicKeyOf(signer),
        signature: sig,
        at,
      });
      return jcs(cosign as unknown as Json);
    };
    const good = verifyBundle({ ...b, audit: utf8(withNotary(notary)) });
    expect(good.firstFailure?.message.en).toBeUndefined();
    expect(good.notaryKey?.publicKey).toBe(publicKeyOf(notary));
    const bad = verifyBundle({ ...b, audit: utf8(withNotary(stranger)) });
    expect(bad.firstFailure?.id).toBe('audit');
    expect(bad.firstFailure?.message.en).toMatch(/not the registered notary key/);
  });
});

/** A fresh chain over the given actions, each with an organiser checkpoint (as the office signs). */
function relog(steps: { action: string; details: Json }[]): {
  event: string;
  organiserPublicKey: string;
  entries: AuditEntry[];
  checkpoints: Checkpoint[];
} {
  const entries: AuditEntry[] = [];
  const checkpoints: Checkpoint[] = [];
  for (const s of steps) {
    const at = new Date(Date.parse('2026-06-01T09:00:00Z') + entries.length * 60_000).toISOString();
    const e = nextEntry(entries[entries.length - 1], { event: 'ev', at, actor: 'operator', action: s.action, details: s.details });
    entries.push(e);
    checkpoints.push({
      event: 'ev',
      seq: e.seq,
      hash: e.hash,
      signatures: [
        { signer: 'organiser', role: 'organiser', publicKey: TEST_KEY, signature: signCheckpoint(TEST_SECRET, 'ev', e.seq, e.hash), at },
      ],
    });
  }
  return { event: 'ev', organiserPublicKey: TEST_KEY, entries, checkpoints };
}

/** The contract's own known answers: every vector byte for byte, every reject case refused. */
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../test/spec-files.js';
import { draw } from './draw.js';
import { FairDrawError } from './errors.js';
import { fromUtf8, utf8 } from './bytes.js';
import { jcs, type Json } from './encoding.js';
import { verify } from './verify.js';

function canonicalRecord(bytes: Uint8Array): string {
  const doc = JSON.parse(fromUtf8(bytes)) as { [k: string]: Json };
  delete doc.extra;
  return jcs(doc);
}

describe('contract vectors', () => {
  const names = caseNames('vectors');
  it('has the vectors the contract lists', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });
  for (const name of names) {
    it(`reproduces ${name} byte for byte`, () => {
      const c = readCase('vectors', name);
      const r = draw(c);
      expect(fromUtf8(r.recordBytes)).toBe(canonicalRecord(c.record!));
    });
    it(`verifies the published record of ${name}`, () => {
      const c = readCase('vectors', name);
      expect(verify(c, c.record!).valid).toBe(true);
    });
  }
});

describe('contract refusals', () => {
  for (const name of caseNames('reject')) {
    it(`refuses ${name}`, () => {
      const c = readCase('reject', name);
      let error: unknown;
      try {
        draw(c);
      } catch (e) {
        error = e;
      }
      expect(error, c.why).toBeInstanceOf(FairDrawError);
      const e = error as FairDrawError;
      expect(e.where.file).toMatch(/^(rules\.json|list\.jsonl|sources\.json)$/);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en.length).toBeGreaterThan(5);
    });
  }
});

describe('verify names the first difference', () => {
  const c = readCase('vectors', 'seed-case');
  const record = JSON.parse(fromUtf8(c.record!)) as {
    seed: string;
    units: { admitted: string[] }[];
    applicants: { tickets: Record<string, string> }[];
    sources: { value: string }[];
  };
  const tamper = (edit: (r: typeof record) => void): Uint8Array => {
    const copy = structuredClone(record);
    edit(copy);
    return utf8(jcs(copy as unknown as Json));
  };

  it('catches a wrong seed', () => {
    const out = verify(
      c,
      tamper((r) => (r.seed = r.seed.replace(/^./, (ch) => (ch === '0' ? '1' : '0')))),
    );
    expect(out.valid).toBe(false);
    if (!out.valid) expect(out.path).toBe('seed');
  });
  it('catches two swapped admitted ids', () => {
    const out = verify(
      c,
      tamper((r) => {
        const a = r.units[0]!.admitted;
        [a[0], a[1]] = [a[1]!, a[0]!];
      }),
    );
    expect(out.valid).toBe(false);
    if (!out.valid) expect(out.path).toBe('units[0].admitted[0]');
  });
  it('catches a changed ticket', () => {
    const out = verify(
      c,
      tamper((r) => {
        const t = r.applicants[3]!.tickets;
        const k = Object.keys(t)[0]!;
        t[k] = t[k]!.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a'));
      }),
    );
    expect(out.valid).toBe(false);
    if (!out.valid) expect(out.path).toMatch(/^applicants\[3\]\.tickets\./);
  });
  it('catches a source digit changed in the record', () => {
    const out = verify(
      c,
      tamper((r) => (r.sources[0]!.value = r.sources[0]!.value.replace(/^./, (d) => (d === '4' ? '5' : '4')))),
    );
    expect(out.valid).toBe(false);
    if (!out.valid) expect(out.path).toBe('sources[0].value');
  });
  it('catches an edited list line (the list root no longer matches)', () => {
    const lines = fromUtf8(c.list).split('\n');
    lines[0] = lines[0]!.replace('"tier":1', '"tier":2');
    const edited = { ...c, list: utf8(lines.join('\n')) };
    const out = verify(edited, c.record!);
    expect(out.valid).toBe(false);
    if (!out.valid) expect(out.path).toBe('listRoot');
  });
  it('accepts a record with an extra object and another layout', () => {
    const pretty = utf8(JSON.stringify({ ...record, extra: { note: '公证处备注' } }, null, 2));
    expect(verify(c, pretty).valid).toBe(true);
  });
});

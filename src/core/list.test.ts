/**
 * parseList's fast scanner (canonical lines read as bytes) must accept exactly what the contract
 * accepts and read it exactly: results are compared with the generator's own values and with a
 * general JSON parse, and mutated lists must be either refused or still canonical.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalLine, parseList } from './list.js';
import { MerkleTree } from './merkle.js';
import { idString, idStrings } from './id-table.js';
import { FairDrawError } from './errors.js';
import { toHex, utf8 } from './bytes.js';

interface Rec {
  id: string;
  group?: string;
  choices: { unit: string; tier: number }[];
}

const UNITS = ['Aa', 'BB', 'u-1', 'School.2', 'x_y', 'Z'];
// 'Aa' and 'BB' have the same 31-polynomial hash: the scanner must tell them apart by their bytes.
const rules = { units: UNITS.map((id) => ({ id })) } as Parameters<typeof parseList>[1];

const ident = fc.stringMatching(/^[0-9A-Za-z_.-]{1,12}$/);

const recs = fc
  .uniqueArray(
    fc.record({
      id: ident,
      choices: fc.uniqueArray(fc.record({ unit: fc.constantFrom(...UNITS), tier: fc.integer({ min: 1, max: 99 }) }), {
        minLength: 1,
        maxLength: 4,
        selector: (c) => c.unit,
      }),
    }),
    { minLength: 1, maxLength: 30, selector: (r) => r.id },
  )
  .map((rs) => {
    const sorted = [...rs].sort((a, b) => (a.id < b.id ? -1 : 1));
    // Pair up some neighbours as a group with shared choices.
    const out: Rec[] = sorted.map((r) => ({ ...r }));
    for (let i = 0; i + 1 < out.length; i += 5) {
      out[i]!.group = `g${i}`;
      out[i + 1]!.group = `g${i}`;
      out[i + 1]!.choices = out[i]!.choices;
    }
    return out;
  });

const lineOf = (r: Rec) => canonicalLine(r.id, r.choices, r.group);
const listBytes = (lines: string[]) => utf8(lines.map((l) => `${l}\n`).join(''));

describe('parseList reads canonical lines exactly', () => {
  it('gives back the generated ids, groups, choices and tiers, and the RFC 6962 root of the lines', () => {
    fc.assert(
      fc.property(recs, (rs) => {
        const lines = rs.map(lineOf);
        const l = parseList(listBytes(lines), rules);
        expect(idStrings(l.idTable)).toEqual(rs.map((r) => r.id));
        expect(l.groups).toEqual(rs.map((r) => r.group));
        rs.forEach((r, i) => {
          const got = [];
          for (let c = l.choiceStart[i]!; c < l.choiceStart[i + 1]!; c++)
            got.push({ unit: UNITS[l.choiceUnit[c]!], tier: l.choiceTier[c] });
          expect(got).toEqual(r.choices);
        });
        expect(l.listRoot).toBe(toHex(MerkleTree.fromEntries(lines.map(utf8)).root()));
      }),
      { numRuns: 300 },
    );
  });

  it('after a character is replaced or inserted anywhere, a list is either refused or still canonical and read as JSON reads it', () => {
    const alphabet = [' ', '"', '0', '1', '9', 'a', 'A', '}', '{', ',', ':', ']', '[', '-', '.', '\\', 'é', '\t'];
    fc.assert(
      fc.property(recs, fc.nat(), fc.constantFrom(...alphabet), fc.boolean(), (rs, at, ch, insert) => {
        const text = rs.map((r) => `${lineOf(r)}\n`).join('');
        const pos = at % text.length;
        if (!insert && text[pos] === '\n') return;
        const mutated = text.slice(0, pos) + ch + text.slice(insert ? pos : pos + 1);
        let l;
        try {
          l = parseList(utf8(mutated), rules);
        } catch (e) {
          expect(e).toBeInstanceOf(FairDrawError);
          return;
        }
        const lines = mutated.split('\n').slice(0, -1);
        lines.forEach((line, i) => {
          const rec = JSON.parse(line) as Rec;
          expect(line).toBe(lineOf(rec));
          expect(idString(l.idTable, i)).toBe(rec.id);
          expect(l.groups[i]).toBe(rec.group);
          expect(l.choiceStart[i + 1]! - l.choiceStart[i]!).toBe(rec.choices.length);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a list with a character outside ASCII, naming its line', () => {
    const lines = ['{"choices":[{"tier":1,"unit":"Z"}],"id":"a1"}', '{"choices":[{"tier":1,"unit":"Z"}],"id":"a2é"}'];
    try {
      parseList(listBytes(lines), rules);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FairDrawError);
      expect((e as FairDrawError).where.line).toBe(2);
    }
  });

  it('reports bytes that are not UTF-8 first, wherever they are, before an earlier line that is wrong', () => {
    const good = utf8('{"choices":[{"tier":1,"unit":"Z"}],"id":"a3"}\n');
    const bytes = new Uint8Array([...utf8('\n{"choices":[]}\n'), ...good, 0x7b, 0xff, 0x7d, 0x0a]);
    try {
      parseList(bytes, rules);
      expect.unreachable();
    } catch (e) {
      expect((e as FairDrawError).code).toBe('file.utf8');
      expect((e as FairDrawError).where.line).toBe(4);
    }
  });

  it('reads a line the fast scanner leaves to the slow path (over 100 choices) like any other, order checks included', () => {
    const many = { units: Array.from({ length: 120 }, (_, i) => ({ id: `u${i}` })) } as Parameters<typeof parseList>[1];
    const line = (id: string, k: number) =>
      canonicalLine(
        id,
        Array.from({ length: k }, (_, i) => ({ unit: `u${i}`, tier: 1 })),
        undefined,
      );
    const l = parseList(listBytes([line('a1', 1), line('a2', 101), line('a3', 2)]), many);
    expect(idStrings(l.idTable)).toEqual(['a1', 'a2', 'a3']);
    expect(Array.from(l.choiceStart)).toEqual([0, 1, 102, 104]);
    for (const [lines, code] of [
      [[line('a2', 101), line('a1', 1)], 'list.unsorted'],
      [[line('a2', 1), line('a2', 101)], 'list.duplicate-id'],
      [[line('a2', 101), line('a2', 1)], 'list.duplicate-id'],
    ] as const) {
      try {
        parseList(listBytes([...lines]), many);
        expect.unreachable();
      } catch (e) {
        expect((e as FairDrawError).code).toBe(code);
        expect((e as FairDrawError).where.line).toBe(2);
      }
    }
  });

  it('takes both of two units whose ids share a hash, each as itself', () => {
    const lines = [
      '{"choices":[{"tier":1,"unit":"Aa"},{"tier":2,"unit":"BB"}],"id":"a1"}',
      '{"choices":[{"tier":3,"unit":"BB"}],"id":"a2"}',
    ];
    const l = parseList(listBytes(lines), rules);
    expect(Array.from(l.choiceUnit)).toEqual([0, 1, 1]);
    expect(Array.from(l.choiceTier)).toEqual([1, 2, 3]);
  });
});

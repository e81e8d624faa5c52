import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCount, idString, idStrings, lessId, packIds } from './id-table.js';
import { utf8 } from './bytes.js';

const identifier = fc.stringMatching(/^[0-9A-Za-z_.-]{1,64}$/);

describe('id tables', () => {
  it('packIds and idStrings give back the same ids, one at a time or all at once', () => {
    fc.assert(
      fc.property(fc.array(identifier, { maxLength: 30 }), (ids) => {
        const t = packIds(ids);
        expect(idStrings(t)).toEqual(ids);
        ids.forEach((id, i) => expect(idString(t, i)).toBe(id));
      }),
    );
  });

  it('reads ranges of any buffer, in any order, also where the buffer holds other text', () => {
    // Bytes 0–2 "b-2", 3–5 the three bytes of "名", 6–8 "a.1".
    const bytes = utf8('b-2名a.1');
    expect(bytes.length).toBe(9);
    const t = { bytes, start: Uint32Array.of(6, 0), end: Uint32Array.of(9, 3) };
    expect(idStrings(t)).toEqual(['a.1', 'b-2']);
    expect(idString(t, 1)).toBe('b-2');
  });

  it('lessId orders ids exactly as JavaScript compares the strings (the list order, §3)', () => {
    fc.assert(
      fc.property(identifier, identifier, (a, b) => {
        const t = packIds([a, b]);
        expect(lessId(t.bytes, t.start[0]!, t.end[0]!, t.start[1]!, t.end[1]!)).toBe(a < b);
        expect(lessId(t.bytes, t.start[1]!, t.end[1]!, t.start[0]!, t.end[0]!)).toBe(b < a);
      }),
    );
    const t = packIds(['ab', 'abc', 'B', 'a']);
    expect(lessId(t.bytes, 0, 2, 2, 5)).toBe(true); // a prefix first
    expect(lessId(t.bytes, 5, 6, 6, 7)).toBe(true); // "B" < "a": upper case first
  });

  it('idCount counts the ids of a table without making strings', () => {
    expect(idCount(packIds([]))).toBe(0);
    expect(idCount(packIds(['a', 'bb', 'ccc']))).toBe(3);
    // Ranges of a shared buffer: the count is the number of ranges, not of bytes.
    expect(idCount({ bytes: utf8('abcdef'), start: Uint32Array.of(0, 4), end: Uint32Array.of(2, 6) })).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { radixSort, radixSortPairs } from './radix.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('radix sorts', () => {
  it('sorts 32-bit keys like a comparison sort, keys of every size (passes skipped or not)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(u32, fc.integer({ min: 0, max: 3000 }), fc.constant(7)), { maxLength: 400 }), (xs) => {
        const keys = Uint32Array.from(xs);
        radixSort(keys, keys.length, new Uint32Array(keys.length));
        expect(Array.from(keys)).toEqual([...xs].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts only the first n keys and leaves the rest alone', () => {
    const keys = Uint32Array.from([5, 3, 0xffffffff, 1, 9, 8]);
    radixSort(keys, 4, new Uint32Array(4));
    expect(Array.from(keys)).toEqual([1, 3, 5, 0xffffffff, 9, 8]);
  });

  it('moves values with their keys and keeps equal keys in their original order (stable)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(u32, fc.integer({ min: 0, max: 5 })), { maxLength: 300 }), (xs) => {
        const keys = Uint32Array.from(xs);
        const values = Uint32Array.from(xs, (_, i) => i);
        radixSortPairs(keys, values, xs.length, new Uint32Array(xs.length), new Uint32Array(xs.length));
        const want = xs.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(Array.from(keys)).toEqual(want.map((x) => x[0]));
        expect(Array.from(values)).toEqual(want.map((x) => x[1]));
      }),
      { numRuns: 300 },
    );
  });
});

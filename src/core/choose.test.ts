/** `choose` (contract §7) on its own: the order of calls, both fits, and only the first `count` ranks. */
import { describe, expect, it } from 'vitest';
import { chooseSorted } from './choose.js';

function run(ranks: number[], count: number, seats: number, fit: 'strict' | 'overflow', sizes: Record<number, number>) {
  const calls: string[] = [];
  const left = chooseSorted(
    Uint32Array.from(ranks),
    count,
    seats,
    fit,
    (r) => sizes[r] ?? 1,
    (r) => calls.push(`accept ${r}`),
    (r) => calls.push(`reject ${r}`),
  );
  return { calls, left };
}

describe('chooseSorted', () => {
  it('under strict fit refuses a group that does not fit whole and goes on to a smaller entrant', () => {
    expect(run([4, 7, 9, 12], 4, 3, 'strict', { 4: 2, 7: 2, 9: 1, 12: 1 })).toEqual({
      calls: ['accept 4', 'reject 7', 'accept 9', 'reject 12'],
      left: 0,
    });
  });

  it('under overflow admits a group while one seat remains, and leaves the seats negative', () => {
    expect(run([4, 7, 9], 3, 3, 'overflow', { 4: 2, 7: 2, 9: 1 })).toEqual({
      calls: ['accept 4', 'accept 7', 'reject 9'],
      left: -1,
    });
  });

  it('takes exactly the seats: a last entrant of the remaining size fits', () => {
    expect(run([1, 2], 2, 3, 'strict', { 1: 1, 2: 2 })).toEqual({ calls: ['accept 1', 'accept 2'], left: 0 });
    expect(run([1], 1, 0, 'overflow', {})).toEqual({ calls: ['reject 1'], left: 0 });
  });

  it('looks only at the first `count` ranks', () => {
    expect(run([5, 6, 8], 2, 10, 'strict', {})).toEqual({ calls: ['accept 5', 'accept 6'], left: 8 });
    expect(run([5, 6], 0, 10, 'strict', {})).toEqual({ calls: [], left: 10 });
  });
});

/**
 * The optimised immediate acceptance against a plain one written straight from §7–§8
 * (test/markets.ts), on random markets with groups, both fits, and lists of different lengths.
 */
import { describe, expect, it } from 'vitest';
import { immediateAcceptance } from './immediate.js';
import { market, plainImmediate } from '../../../test/markets.js';

describe('immediate acceptance', () => {
  it('agrees with the plain implementation on small markets with groups', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const fit of ['strict', 'overflow'] as const) {
        const m = market(200, 7, 1 + (seed % 4), seed, fit);
        expect([...immediateAcceptance(m)]).toEqual([...plainImmediate(m)]);
      }
    }
  });

  it('agrees with the plain implementation when seats are left after the first rounds', () => {
    // With more seats than first choices at some units, every application counts: one made twice,
    // or one left over from an earlier round, would take a seat someone later needs.
    for (let seed = 1; seed <= 40; seed++) {
      for (const share of [0.7, 0.9, 1.0, 1.1, 1.3]) {
        for (const fit of ['strict', 'overflow'] as const) {
          const m = market(40 + 2 * seed, 3 + (seed % 4), 1 + (seed % 3), seed, fit, share);
          expect([...immediateAcceptance(m)]).toEqual([...plainImmediate(m)]);
        }
      }
    }
  });

  it('agrees with the plain implementation when entrants list different numbers of choices', () => {
    for (let seed = 1; seed <= 20; seed++) {
      for (const share of [0.7, 0.9, 1.1, 1.3]) {
        // Two markets over the same units, one with one choice each, one with three: joined, the
        // first entrants stop after one round while the rest go on. Seats from scarce to plenty.
        const a = market(30, 4, 1, seed, 'strict', share);
        const b = market(30, 4, 3, seed + 100, 'strict', share);
        const m = join(a, b);
        const plain = plainImmediate(m);
        expect(plain.some((p) => p >= 0)).toBe(true);
        expect([...immediateAcceptance(m)]).toEqual([...plain]);
      }
    }
  });
});

/** Two markets over the same number of units as one: b's entrants after a's, each unit's candidates a's first. */
function join(a: ReturnType<typeof market>, b: ReturnType<typeof market>): ReturnType<typeof market> {
  const ea = a.entrants;
  const eb = b.entrants;
  const Pa = ea.pairUnit.length;
  const Pb = eb.pairUnit.length;
  const pairStart = Uint32Array.from([...ea.pairStart.subarray(0, ea.count), ...Array.from(eb.pairStart, (s) => s + Pa)]);
  const pairUnit = Uint32Array.from([...ea.pairUnit, ...eb.pairUnit]);
  const pairEntrant = Uint32Array.from([...ea.pairEntrant, ...Array.from(eb.pairEntrant, (e) => e + ea.count)]);
  const size = Uint32Array.from([...ea.size, ...eb.size]);
  const U = a.seats.length;
  const unitOrder: number[] = [];
  const unitStart: number[] = [];
  for (let u = 0; u < U; u++) {
    unitStart.push(unitOrder.length);
    for (let r = a.order.unitStart[u]!; r < a.order.unitStart[u + 1]!; r++) unitOrder.push(a.order.unitOrder[r]!);
    for (let r = b.order.unitStart[u]!; r < b.order.unitStart[u + 1]!; r++) unitOrder.push(b.order.unitOrder[r]! + Pa);
  }
  unitStart.push(unitOrder.length);
  const rank = new Uint32Array(Pa + Pb);
  unitOrder.forEach((p, r) => (rank[p] = r));
  return {
    entrants: { ...ea, count: ea.count + eb.count, pairStart, pairUnit, pairEntrant, size },
    order: {
      unitOrder: Uint32Array.from(unitOrder),
      unitStart: Uint32Array.from(unitStart),
      rank,
      rankEntrant: Uint32Array.from(unitOrder, (p) => pairEntrant[p]!),
    },
    seats: a.seats.map((s, u) => s + b.seats[u]!),
    fit: 'strict',
  };
}

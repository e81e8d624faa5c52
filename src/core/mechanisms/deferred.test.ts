/**
 * The optimised deferred acceptance against a plain one written straight from §7–§8, on markets
 * large enough (over 2^21 choices) that any packing of ranks and pairs into doubles must be exact.
 */
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from './deferred.js';
import type { Market } from './market.js';
import type { Entrants } from '../ticket.js';
import type { UnitOrder } from '../order.js';

/** Deferred acceptance as the contract words it: sort held ∪ proposers by key, choose, repeat. */
function plainDeferred(m: Market): Int32Array {
  const { entrants: en, order, seats, fit } = m;
  const heldAt = new Int32Array(en.count).fill(-1);
  const next = new Uint32Array(en.count);
  let held: number[][] = seats.map(() => []);
  let free = Array.from({ length: en.count }, (_, e) => e);
  for (;;) {
    const proposals = new Map<number, number[]>();
    for (const e of free) {
      const p = en.pairStart[e]! + next[e]!;
      if (p >= en.pairStart[e + 1]!) continue;
      next[e]!++;
      const u = en.pairUnit[p]!;
      proposals.set(u, [...(proposals.get(u) ?? []), p]);
    }
    if (proposals.size === 0) break;
    const nextFree: number[] = [];
    held = held.map((h, u) => {
      const props = proposals.get(u);
      if (!props) return h;
      const cand = [...h, ...props].sort((a, b) => order.rank[a]! - order.rank[b]!);
      let remaining = seats[u]!;
      const kept: number[] = [];
      for (const p of cand) {
        const e = en.pairEntrant[p]!;
        const s = en.size[e]!;
        if (fit === 'strict' ? s <= remaining : remaining >= 1) {
          remaining -= s;
          kept.push(p);
          heldAt[e] = p;
        } else {
          heldAt[e] = -1;
          nextFree.push(e);
        }
      }
      return kept;
    });
    free = nextFree;
  }
  return heldAt;
}

/** A random market: entrants with distinct choices and random priorities at each unit. */
function market(entrantCount: number, units: number, choices: number, seed: number, fit: 'strict' | 'overflow'): Market {
  let s = seed;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pairStart = new Uint32Array(entrantCount + 1);
  const pairUnit: number[] = [];
  const size = new Uint32Array(entrantCount);
  for (let e = 0; e < entrantCount; e++) {
    pairStart[e] = pairUnit.length;
    size[e] = rnd(20) === 0 ? 2 : 1;
    const chosen = new Set<number>();
    while (chosen.size < choices) chosen.add(rnd(units));
    pairUnit.push(...chosen);
  }
  pairStart[entrantCount] = pairUnit.length;
  const P = pairUnit.length;
  const pairEntrant = new Uint32Array(P);
  for (let e = 0; e < entrantCount; e++) for (let p = pairStart[e]!; p < pairStart[e + 1]!; p++) pairEntrant[p] = e;
  // Each unit's candidates in a random order; rank = position in the concatenated blocks.
  const byUnit: number[][] = Array.from({ length: units }, () => []);
  for (let p = 0; p < P; p++) byUnit[pairUnit[p]!]!.push(p);
  const unitOrder = new Uint32Array(P);
  const rank = new Uint32Array(P);
  const unitStart = new Uint32Array(units + 1);
  let o = 0;
  byUnit.forEach((list, u) => {
    unitStart[u] = o;
    for (let i = list.length - 1; i > 0; i--) {
      const j = rnd(i + 1);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    for (const p of list) {
      unitOrder[o] = p;
      rank[p] = o++;
    }
  });
  unitStart[units] = o;
  const entrants = { count: entrantCount, size, pairStart, pairUnit: Uint32Array.from(pairUnit), pairEntrant } as unknown as Entrants;
  const order: UnitOrder = { unitOrder, unitStart, rank, rankEntrant: unitOrder.map((p) => pairEntrant[p]!) };
  const seats = Array.from({ length: units }, () => Math.floor((entrantCount * 0.8) / units));
  return { entrants, order, seats, fit };
}

describe('deferred acceptance at scale', () => {
  it('agrees with the plain implementation on small markets with groups', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const fit of ['strict', 'overflow'] as const) {
        const m = market(200, 7, 3, seed, fit);
        expect([...deferredAcceptance(m)]).toEqual([...plainDeferred(m)]);
      }
    }
  });

  it('agrees with the plain implementation beyond 2^21 choices', () => {
    const m = market(450_000, 2_000, 5, 12345, 'strict');
    expect(m.entrants.pairUnit.length).toBeGreaterThan(2 ** 21);
    const fast = deferredAcceptance(m);
    const plain = plainDeferred(m);
    let diff = -1;
    for (let e = 0; e < fast.length && diff < 0; e++) if (fast[e] !== plain[e]) diff = e;
    expect(diff).toBe(-1);
  }, 120_000);
});

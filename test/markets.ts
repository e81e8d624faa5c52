/**
 * Random mechanism markets and deferred acceptance written plainly from the contract (§7–§8), for
 * the tests that compare the optimised mechanisms with it.
 */
import type { Market } from '../src/core/mechanisms/market.js';
import type { Entrants } from '../src/core/ticket.js';
import type { UnitOrder } from '../src/core/order.js';

/** Deferred acceptance as the contract words it: sort held ∪ proposers by key, choose, repeat. */
export function plainDeferred(m: Market): Int32Array {
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

/** A random market: entrants with distinct choices and random priorities at each unit; seats for `seatShare` of the entrants, spread evenly. */
export function market(
  entrantCount: number,
  units: number,
  choices: number,
  seed: number,
  fit: 'strict' | 'overflow',
  seatShare = 0.8,
): Market {
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
  const seats = Array.from({ length: units }, () => Math.floor((entrantCount * seatShare) / units));
  return { entrants, order, seats, fit };
}

/**
 * Immediate acceptance as the contract words it: in round k every unassigned entrant applies to its
 * k-th choice; each unit sorts this round's applicants by key and admits them into the seats still
 * free (§7), for good.
 */
export function plainImmediate(m: Market): Int32Array {
  const { entrants: en, order, fit } = m;
  const left = [...m.seats];
  const assigned = new Int32Array(en.count).fill(-1);
  for (let k = 0; ; k++) {
    const applications = new Map<number, number[]>();
    for (let e = 0; e < en.count; e++) {
      if (assigned[e] !== -1 || en.pairStart[e]! + k >= en.pairStart[e + 1]!) continue;
      const p = en.pairStart[e]! + k;
      const u = en.pairUnit[p]!;
      applications.set(u, [...(applications.get(u) ?? []), p]);
    }
    if (applications.size === 0) return assigned;
    for (const [u, ps] of applications) {
      for (const p of ps.sort((a, b) => order.rank[a]! - order.rank[b]!)) {
        const e = en.pairEntrant[p]!;
        const s = en.size[e]!;
        if (fit === 'strict' ? s <= left[u]! : left[u]! >= 1) {
          left[u] = left[u]! - s;
          assigned[e] = p;
        }
      }
    }
  }
}

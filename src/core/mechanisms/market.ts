/** What both mechanisms (§8) work on: entrants, each unit's key order, and the seats. */
import type { Entrants } from '../ticket.js';
import type { UnitOrder } from '../order.js';
import type { GroupFit } from '../rules.js';

export interface Market {
  entrants: Entrants;
  order: UnitOrder;
  seats: readonly number[];
  fit: GroupFit;
}

/** For each entrant, the pair (entrant, unit) it is assigned through, or -1. */
export type Assignment = Int32Array;

/** Puts pairs into per-unit buckets (counting sort); returns bucket bounds and the pairs' ranks. */
export function bucketByUnit(market: Market, pairs: Uint32Array, n: number): { start: Uint32Array; ranks: Uint32Array } {
  const U = market.seats.length;
  const { pairUnit } = market.entrants;
  const start = new Uint32Array(U + 1);
  for (let i = 0; i < n; i++) start[pairUnit[pairs[i]!]! + 1]!++;
  for (let u = 0; u < U; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, U);
  const ranks = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const p = pairs[i]!;
    ranks[fill[pairUnit[p]!]!++] = market.order.rank[p]!;
  }
  return { start, ranks };
}

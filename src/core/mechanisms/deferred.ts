/**
 * Contract §8, deferred acceptance (student-proposing, simultaneous rounds): each round every free
 * entrant proposes to its next choice; each unit keeps the best of those it holds and those who
 * proposed, by `choose` (§7) over all its seats, and frees the rest. Without groups this is the
 * applicant-optimal stable matching (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003).
 *
 * Written for city scale (a million entrants, ten thousand units, ninety rounds): each round's
 * proposals are sorted once by rank, only the units that received proposals are visited, `choose`
 * (its test is `fits` of choose.ts) runs over what a unit holds merged with its proposers, resuming
 * after the part that cannot change, and the held entrants sit in one preallocated array (a rank
 * compares exactly as the key at that unit, order.ts).
 */
import type { Assignment, Market } from './market.js';
import { radixSort } from '../radix.js';
import { fits } from '../choose.js';

export function deferredAcceptance(market: Market): Assignment {
  const { entrants, order, fit, seats } = market;
  const { pairStart, size, pairUnit } = entrants;
  const { rank } = order;
  const U = seats.length;
  const strict = fit === 'strict';
  // What each unit holds, as (rank, entrant, size, seats left after it) tuples in rank order, in
  // one array: unit u's tuples start at base[u]. A unit never holds more entrants than it has
  // seats (each one held takes at least one seat while one remains), so the space is fixed.
  const base = new Float64Array(U + 1);
  for (let u = 0; u < U; u++) base[u + 1] = base[u]! + 4 * Math.max(0, seats[u]!);
  const H = new Uint32Array(base[U]!);
  const count = new Uint32Array(U);
  const next = new Uint32Array(entrants.count); // index of the next choice to propose to
  let free = new Uint32Array(entrants.count);
  let nextFree = new Uint32Array(entrants.count);
  let nFree = 0;
  for (let e = 0; e < entrants.count; e++) free[nFree++] = e;
  // This round's proposals as ranks. Ranks are positions in `unitOrder`, which holds each unit's
  // candidates as one block in key order: one sort of the round's ranks groups the
  // proposals by unit and puts each group in key order, and unitOrder[rank] gives back the pair.
  const props = new Uint32Array(Math.max(16, entrants.count));
  const scratch = new Uint32Array(props.length);
  let aside = new Uint32Array(256);
  const { unitOrder, unitStart } = order;
  // The entrant at each rank, read in rank order: the round's sorted proposals walk it forwards.
  const rankEntrant = order.rankEntrant;

  for (;;) {
    let n = 0;
    for (let i = 0; i < nFree; i++) {
      const e = free[i]!;
      const p = pairStart[e]! + next[e]!;
      if (p >= pairStart[e + 1]!) continue; // out of choices: stays unassigned
      next[e]!++;
      props[n++] = rank[p]!;
    }
    if (n === 0) break;
    radixSort(props, n, scratch);
    const round = props.subarray(0, n);
    let nNext = 0;
    for (let g = 0; g < n;) {
      const u = pairUnit[unitOrder[round[g]!]!]!;
      const end = unitStart[u + 1]!;
      let g2 = g + 1;
      while (g2 < n && round[g2]! < end) g2++;
      const ps = round.subarray(g, g2);
      const k = g2 - g;
      g = g2;
      // Everything held ahead of the best proposer keeps its decision and leaves the same seats:
      // `choose` (§7) only runs again from there, over the rest of the held merged with the
      // proposers. That rest is set aside first (in round one there is none), since what is chosen
      // is written back over it.
      const b = base[u]!;
      const nh = count[u]!;
      const best = ps[0]!;
      let lo = 0;
      let hi = nh;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (H[b + 4 * mid]! < best) lo = mid + 1;
        else hi = mid;
      }
      const keep = lo;
      let remaining = keep > 0 ? H[b + 4 * keep - 1]! | 0 : seats[u]!;
      const rest = nh - keep;
      while (aside.length < rest * 4) aside = grow(aside);
      aside.set(H.subarray(b + 4 * keep, b + 4 * nh));
      let kept = keep;
      for (let i = 0, j = 0; i < rest || j < k;) {
        let r: number;
        let e: number;
        let s: number;
        if (i < rest && (j === k || aside[4 * i]! < ps[j]!)) {
          r = aside[4 * i]!;
          e = aside[4 * i + 1]!;
          s = aside[4 * i + 2]!;
          i++;
        } else {
          r = ps[j]!;
          e = rankEntrant[r]!;
          s = size[e]!;
          j++;
        }
        if (fits(strict, s, remaining)) {
          remaining -= s;
          const at = b + 4 * kept;
          H[at] = r;
          H[at + 1] = e;
          H[at + 2] = s;
          H[at + 3] = remaining >>> 0; // may be negative under overflow: read back with | 0
          kept++;
        } else {
          nextFree[nNext++] = e;
        }
      }
      count[u] = kept;
    }
    const swap = free;
    free = nextFree;
    nextFree = swap;
    nFree = nNext;
  }
  // What the units hold at the end is the assignment.
  const heldAt = new Int32Array(entrants.count).fill(-1);
  for (let u = 0; u < U; u++) {
    for (let x = 0, at = base[u]!; x < count[u]!; x++, at += 4) heldAt[H[at + 1]!] = unitOrder[H[at]!]!;
  }
  return heldAt;
}

function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

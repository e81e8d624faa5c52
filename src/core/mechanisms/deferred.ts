/**
 * Contract §8, deferred acceptance (student-proposing, simultaneous rounds): each round every free
 * entrant proposes to its next choice; each unit keeps the best of those it holds and those who
 * proposed, by `choose` over all its seats, and frees the rest. Without groups this is the
 * applicant-optimal stable matching (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003).
 */
import { chooseSorted } from '../choose.js';
import { bucketByUnit, type Assignment, type Market } from './market.js';

export function deferredAcceptance(market: Market): Assignment {
  const { entrants, order, fit, seats } = market;
  const { count, pairStart, size, pairEntrant } = entrants;
  const held: Uint32Array[] = seats.map(() => new Uint32Array(0)); // ranks, ascending
  const heldAt = new Int32Array(count).fill(-1);
  const next = new Uint32Array(count); // index of the next choice to propose to
  let free = new Uint32Array(count);
  let nFree = 0;
  for (let e = 0; e < count; e++) free[nFree++] = e;
  const proposals = new Uint32Array(count);
  let merged = new Uint32Array(16);

  for (;;) {
    let n = 0;
    for (let i = 0; i < nFree; i++) {
      const e = free[i]!;
      const p = pairStart[e]! + next[e]!;
      if (p < pairStart[e + 1]!) {
        proposals[n++] = p;
        next[e]!++;
      }
    }
    if (n === 0) break;
    const { start, ranks } = bucketByUnit(market, proposals, n);
    const nextFree = new Uint32Array(count);
    let nNext = 0;
    for (let u = 0; u < seats.length; u++) {
      const a = start[u]!;
      const b = start[u + 1]!;
      if (a === b) continue;
      const props = ranks.subarray(a, b).sort();
      const h = held[u]!;
      const total = h.length + props.length;
      if (merged.length < total) merged = new Uint32Array(total * 2);
      // Merge two ascending lists: held ∪ proposers in key order.
      let i = 0;
      let j = 0;
      let o = 0;
      while (i < h.length && j < props.length) merged[o++] = h[i]! < props[j]! ? h[i++]! : props[j++]!;
      while (i < h.length) merged[o++] = h[i++]!;
      while (j < props.length) merged[o++] = props[j++]!;
      const kept: number[] = [];
      chooseSorted(
        merged,
        total,
        seats[u]!,
        fit,
        (r) => size[pairEntrant[order.unitOrder[r]!]!]!,
        (r) => {
          kept.push(r);
          const p = order.unitOrder[r]!;
          heldAt[pairEntrant[p]!] = p;
        },
        (r) => {
          const e = pairEntrant[order.unitOrder[r]!]!;
          heldAt[e] = -1;
          nextFree[nNext++] = e;
        },
      );
      held[u] = Uint32Array.from(kept);
    }
    free = nextFree;
    nFree = nNext;
  }
  return heldAt;
}

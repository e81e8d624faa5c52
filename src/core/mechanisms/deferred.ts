/**
 * Contract §8, deferred acceptance (student-proposing, simultaneous rounds): each round every free
 * entrant proposes to its next choice; each unit keeps the best of those it holds and those who
 * proposed, by `choose` (§7) over all its seats, and frees the rest. Without groups this is the
 * applicant-optimal stable matching (Gale & Shapley 1962; Abdulkadiroğlu & Sönmez 2003).
 *
 * Written for city scale (a million entrants, ten thousand units, ninety rounds): proposals are
 * chained per unit in preallocated arrays, only the units that received proposals are visited, and
 * `choose` runs inline over ranks (a rank compares exactly as the key at that unit, order.ts).
 */
import type { Assignment, Market } from './market.js';

const EMPTY = new Uint32Array(0);

export function deferredAcceptance(market: Market): Assignment {
  const { entrants, order, fit, seats } = market;
  const { count, pairStart, size, pairEntrant, pairUnit } = entrants;
  const { rank } = order;
  const U = seats.length;
  const strict = fit === 'strict';
  let bits = 1;
  while (2 ** bits < pairUnit.length + 1) bits++;
  if (2 * bits > 53) throw new RangeError('deferredAcceptance: more than 2^26 choices in one draw');
  const scale = 2 ** bits;
  // What each unit holds, as tuples in rank order: re-running `choose` over held ∪ proposers then
  // reads the held part sequentially, with no lookups scattered in memory.
  const held: Uint32Array[] = new Array<Uint32Array>(U).fill(EMPTY);
  const heldAt = new Int32Array(count).fill(-1);
  const next = new Uint32Array(count); // index of the next choice to propose to
  let free = new Uint32Array(count);
  let nextFree = new Uint32Array(count);
  let nFree = 0;
  for (let e = 0; e < count; e++) free[nFree++] = e;
  // This round's proposals, chained per unit: head[u] → link[p] → … → -1.
  const head = new Int32Array(U).fill(-1);
  const link = new Int32Array(pairUnit.length);
  const touched = new Uint32Array(U);
  let props = new Float64Array(64);
  let merged = new Uint32Array(256);

  for (;;) {
    let nTouched = 0;
    for (let i = 0; i < nFree; i++) {
      const e = free[i]!;
      const p = pairStart[e]! + next[e]!;
      if (p >= pairStart[e + 1]!) continue; // out of choices: stays unassigned
      next[e]!++;
      const u = pairUnit[p]!;
      if (head[u] === -1) touched[nTouched++] = u;
      link[p] = head[u]!;
      head[u] = p;
    }
    if (nTouched === 0) break;
    let nNext = 0;
    for (let t = 0; t < nTouched; t++) {
      const u = touched[t]!;
      // This round's proposers, sorted by rank (rank · 2^bits + pair keeps the pair with its rank;
      // exact while both fit in 26 bits, checked above).
      let k = 0;
      for (let p = head[u]!; p !== -1; p = link[p]!) {
        if (k === props.length) props = growF(props);
        props[k++] = rank[p]! * scale + p;
      }
      head[u] = -1;
      const ps = props.subarray(0, k).sort();
      // Everything held ahead of the best proposer keeps its decision and leaves the same seats:
      // `choose` (§7) only has to run again from there. Tuples are (rank, entrant, size, seats
      // left after it); a proposer's size carries bit 31.
      const h = held[u]!;
      const nh = h.length / 4;
      const best = Math.floor(ps[0]! / scale);
      let lo = 0;
      let hi = nh;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (h[4 * mid]! < best) lo = mid + 1;
        else hi = mid;
      }
      const keep = lo;
      let remaining = keep > 0 ? h[4 * keep - 1]! | 0 : seats[u]!;
      const total = nh - keep + k;
      while (merged.length < (keep + total) * 4) merged = grow(merged);
      merged.set(h.subarray(0, 4 * keep));
      let i = keep;
      let j = 0;
      let o = 4 * keep;
      while (i < nh || j < k) {
        const pr = j < k ? Math.floor(ps[j]! / scale) : Infinity;
        if (i < nh && h[4 * i]! < pr) {
          merged[o++] = h[4 * i]!;
          merged[o++] = h[4 * i + 1]!;
          merged[o++] = h[4 * i + 2]!;
          o++;
          i++;
        } else {
          const p = ps[j]! % scale;
          const e = pairEntrant[p]!;
          merged[o++] = pr;
          merged[o++] = e;
          merged[o++] = (size[e]! | 0x80000000) >>> 0;
          o++;
          j++;
        }
      }
      let kept = keep;
      for (let x = keep; x < keep + total; x++) {
        const e = merged[4 * x + 1]!;
        const flagged = merged[4 * x + 2]!;
        const s = flagged & 0x7fffffff;
        if (strict ? s <= remaining : remaining >= 1) {
          remaining -= s;
          const r = merged[4 * x]!;
          if (flagged !== s) heldAt[e] = order.unitOrder[r]!; // a new proposer now held
          merged[4 * kept] = r;
          merged[4 * kept + 1] = e;
          merged[4 * kept + 2] = s;
          merged[4 * kept + 3] = remaining >>> 0; // may be negative under overflow: read back with | 0
          kept++;
        } else {
          heldAt[e] = -1;
          nextFree[nNext++] = e;
        }
      }
      held[u] = merged.slice(0, 4 * kept);
    }
    const swap = free;
    free = nextFree;
    nextFree = swap;
    nFree = nNext;
  }
  return heldAt;
}

function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function growF(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

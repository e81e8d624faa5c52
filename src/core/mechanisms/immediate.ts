/**
 * Contract §8, immediate acceptance (志愿优先, the "Boston" mechanism): in round k every entrant
 * still unassigned applies to its k-th choice; each unit admits from this round's applicants only,
 * into the seats still free, and those admitted are assigned for good.
 */
import { chooseSorted } from '../choose.js';
import { bucketByUnit, type Assignment, type Market } from './market.js';

export function immediateAcceptance(market: Market): Assignment {
  const { entrants, order, fit } = market;
  const { count, pairStart, size, pairEntrant } = entrants;
  const remaining = market.seats.slice();
  const assigned = new Int32Array(count).fill(-1);
  let maxLen = 0;
  for (let e = 0; e < count; e++) maxLen = Math.max(maxLen, pairStart[e + 1]! - pairStart[e]!);
  const pairs = new Uint32Array(count);
  for (let k = 0; k < maxLen; k++) {
    let n = 0;
    for (let e = 0; e < count; e++) {
      if (assigned[e] === -1 && pairStart[e]! + k < pairStart[e + 1]!) pairs[n++] = pairStart[e]! + k;
    }
    if (n === 0) break;
    const { start, ranks } = bucketByUnit(market, pairs, n);
    for (let u = 0; u < remaining.length; u++) {
      const a = start[u]!;
      const b = start[u + 1]!;
      if (a === b) continue;
      const block = ranks.subarray(a, b).sort();
      remaining[u] = chooseSorted(
        block,
        block.length,
        remaining[u]!,
        fit,
        (r) => size[pairEntrant[order.unitOrder[r]!]!]!,
        (r) => {
          const p = order.unitOrder[r]!;
          assigned[pairEntrant[p]!] = p;
        },
        () => {},
      );
    }
  }
  return assigned;
}

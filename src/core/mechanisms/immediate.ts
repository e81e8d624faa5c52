/**
 * Contract §8, immediate acceptance (志愿优先, the "Boston" mechanism): in round k every entrant
 * still unassigned applies to its k-th choice; each unit admits from this round's applicants only,
 * into the seats still free, and those admitted are assigned for good.
 *
 * A round's applications are kept as ranks (positions in the units' concatenated key orders,
 * order.ts), so one sort of them groups them by unit and puts each group in key order.
 */
import { chooseSorted } from '../choose.js';
import { radixSort } from '../radix.js';
import type { Assignment, Market } from './market.js';

export function immediateAcceptance(market: Market): Assignment {
  const { entrants, order, fit } = market;
  const { count, pairStart, size } = entrants;
  const { rank, rankEntrant, unitOrder, unitStart } = order;
  const remaining = market.seats.slice();
  const assigned = new Int32Array(count).fill(-1);
  let maxLen = 0;
  for (let e = 0; e < count; e++) maxLen = Math.max(maxLen, pairStart[e + 1]! - pairStart[e]!);
  const props = new Uint32Array(Math.max(1, count));
  const scratch = new Uint32Array(props.length);
  const sizeOfRank = (r: number) => size[rankEntrant[r]!]!;
  const accept = (r: number) => {
    assigned[rankEntrant[r]!] = unitOrder[r]!;
  };
  const reject = () => {};
  for (let k = 0; k < maxLen; k++) {
    let n = 0;
    for (let e = 0; e < count; e++) {
      if (assigned[e] === -1 && pairStart[e]! + k < pairStart[e + 1]!) props[n++] = rank[pairStart[e]! + k]!;
    }
    if (n === 0) break;
    radixSort(props, n, scratch);
    for (let g = 0; g < n;) {
      const u = entrants.pairUnit[unitOrder[props[g]!]!]!;
      const end = unitStart[u + 1]!;
      let g2 = g + 1;
      while (g2 < n && props[g2]! < end) g2++;
      remaining[u] = chooseSorted(props.subarray(g, g2), g2 - g, remaining[u]!, fit, sizeOfRank, accept, reject);
      g = g2;
    }
  }
  return assigned;
}

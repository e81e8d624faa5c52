/**
 * Contract §6: `key(e, u) = (tier, ticket, kind, name)`, ascending. Rather than compare keys again
 * in every round, each unit's candidates are put in key order once: tickets are sorted globally,
 * then a stable counting sort by (unit, tier) keeps ticket order inside each unit and tier. A
 * candidate's `rank` (its position in `unitOrder`) then compares exactly as its key at that unit.
 */
import { lessId } from './id-table.js';
import type { Entrants, Tickets } from './ticket.js';
import { radixSortPairs } from './radix.js';

export interface UnitOrder {
  /** Pairs grouped by unit, each unit's block in key order. */
  unitOrder: Uint32Array;
  /** Unit u's block is unitOrder[unitStart[u]..unitStart[u+1]). */
  unitStart: Uint32Array;
  /** Position of each pair in `unitOrder`. */
  rank: Uint32Array;
  /** The entrant of the pair at each position of `unitOrder`. */
  rankEntrant: Uint32Array;
}

/** Ticket indices sorted by (ticket bytes, kind, name). */
export function sortTickets(t: Tickets, entrants: Entrants): Uint32Array {
  const n = t.words.length / 8;
  const w = t.words;
  const entrantOfTicket = (i: number): number => (t.perPair ? entrants.pairEntrant[i]! : i);
  const full = (a: number, b: number): number => {
    for (let k = 0; k < 8; k++) {
      const x = w[a * 8 + k]!;
      const y = w[b * 8 + k]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    const ea = entrantOfTicket(a);
    const eb = entrantOfTicket(b);
    const dk = entrants.kind[ea]! - entrants.kind[eb]!; // "applicant" < "group" as bytes
    if (dk !== 0) return dk;
    // ASCII identifiers: byte order is code-unit order.
    const { bytes, start, end } = entrants.names;
    if (lessId(bytes, start[ea]!, end[ea]!, start[eb]!, end[eb]!)) return -1;
    return lessId(bytes, start[eb]!, end[eb]!, start[ea]!, end[ea]!) ? 1 : 0;
  };
  // Sort by the ticket's first word (a radix sort), then put runs that tie on it in order by the
  // full comparison; with random tickets such runs are rare and short.
  const top = new Uint32Array(n);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    top[i] = w[i * 8]!;
    idx[i] = i;
  }
  radixSortPairs(top, idx, n, new Uint32Array(n), new Uint32Array(n));
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && top[j] === top[i]) j++;
    if (j - i > 1) idx.subarray(i, j).sort(full);
    i = j;
  }
  return idx;
}

/** Orders every unit's candidates by key (§6). */
export function orderUnits(t: Tickets, entrants: Entrants, unitCount: number): UnitOrder {
  const sorted = sortTickets(t, entrants);
  const P = entrants.pairUnit.length;
  const { pairUnit, pairTier, pairStart, pairEntrant } = entrants;
  const unitFill = new Uint32Array(unitCount + 1);
  for (let p = 0; p < P; p++) unitFill[pairUnit[p]! + 1]!++;
  for (let u = 0; u < unitCount; u++) unitFill[u + 1]! += unitFill[u]!;
  const unitStart = unitFill.slice();
  const unitOrder = new Uint32Array(P);
  const rank = new Uint32Array(P);
  const rankEntrant = new Uint32Array(P);
  // Two stable counting sorts (least significant key first): by tier, then by unit. Small count
  // arrays (100, then one per unit) stay in cache, unlike one pass over unit × tier buckets. The
  // first pass reads the pairs in ticket order and takes each pair's unit and entrant along while
  // the entrant's pairs (stored together) are in cache, so the second reads nothing at random. With
  // one tier the first pass keeps ticket order; with one unit its order is already the final one,
  // so it writes that directly and the second pass is skipped.
  const tierCount = new Uint32Array(101);
  for (let p = 0; p < P; p++) tierCount[pairTier[p]!]!++;
  // Counts become start positions (exclusive prefix sums).
  for (let k = 0, acc = 0; k <= 100; k++) {
    const c = tierCount[k]!;
    tierCount[k] = acc;
    acc += c;
  }
  const direct = unitCount === 1;
  const byTier = direct ? unitOrder : new Uint32Array(P);
  const byTierUnit = direct ? undefined : new Uint32Array(P);
  const byTierEntrant = direct ? rankEntrant : new Uint32Array(P);
  if (t.perPair) {
    for (let i = 0; i < P; i++) {
      const p = sorted[i]!;
      const at = tierCount[pairTier[p]!]!++;
      byTier[at] = p;
      if (direct) rank[p] = at;
      else byTierUnit![at] = pairUnit[p]!;
      byTierEntrant[at] = pairEntrant[p]!;
    }
  } else {
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i]!;
      for (let p = pairStart[e]!; p < pairStart[e + 1]!; p++) {
        const at = tierCount[pairTier[p]!]!++;
        byTier[at] = p;
        if (direct) rank[p] = at;
        else byTierUnit![at] = pairUnit[p]!;
        byTierEntrant[at] = e;
      }
    }
  }
  if (byTierUnit) {
    for (let i = 0; i < P; i++) {
      const p = byTier[i]!;
      const pos = unitFill[byTierUnit[i]!]!++;
      unitOrder[pos] = p;
      rank[p] = pos;
      rankEntrant[pos] = byTierEntrant[i]!;
    }
  }
  return { unitOrder, unitStart, rank, rankEntrant };
}

/**
 * Contract §7: a unit's choice among candidates. Candidates are taken in key order; each is
 * accepted if it fits (strict: its whole size fits the remaining seats; overflow: at least one
 * seat remains), and the scan goes on after a refusal, so a later, smaller entrant may take seats
 * a group could not.
 */
import type { GroupFit } from './rules.js';

/**
 * §7's test, the one place it is written: whether a candidate of `size` is accepted while
 * `remaining` seats are left (strict: it fits whole; overflow: at least one seat remains).
 * Deferred acceptance (§8), which merges what a unit holds with its proposers, asks it too.
 */
export function fits(strict: boolean, size: number, remaining: number): boolean {
  return strict ? size <= remaining : remaining >= 1;
}

/**
 * `choose(C, u, q)` over candidates given by their ranks at the unit, already sorted ascending.
 * Calls `accept(rank)` or `reject(rank)` for each, in order; returns the seats left (negative
 * under overflow when a group went past the last seat).
 */
export function chooseSorted(
  ranks: ArrayLike<number>,
  count: number,
  seats: number,
  fit: GroupFit,
  sizeOfRank: (rank: number) => number,
  accept: (rank: number) => void,
  reject: (rank: number) => void,
): number {
  let remaining = seats;
  const strict = fit === 'strict';
  for (let i = 0; i < count; i++) {
    const r = ranks[i]!;
    const size = sizeOfRank(r);
    if (fits(strict, size, remaining)) {
      remaining -= size;
      accept(r);
    } else {
      reject(r);
    }
  }
  return remaining;
}

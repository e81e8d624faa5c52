/**
 * Both mechanisms (§8) on markets small enough to work out by hand; the expected assignments below
 * were derived on paper from the contract's wording, not by running the code.
 */
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from './deferred.js';
import { immediateAcceptance } from './immediate.js';
import type { Market } from './market.js';
import type { Entrants } from '../ticket.js';
import type { UnitOrder } from '../order.js';
import type { GroupFit } from '../rules.js';

/**
 * A market from each entrant's choices (unit numbers, in preference order), each unit's key order
 * (entrant numbers, best first), the seats and the group sizes. Pairs are numbered in entrant order.
 */
function handMarket(choices: number[][], keyOrder: number[][], seats: number[], size: number[], fit: GroupFit): Market {
  const pairStart: number[] = [0];
  const pairUnit: number[] = [];
  const pairEntrant: number[] = [];
  choices.forEach((units, e) => {
    for (const u of units) {
      pairUnit.push(u);
      pairEntrant.push(e);
    }
    pairStart.push(pairUnit.length);
  });
  const pairOf = (e: number, u: number): number => pairStart[e]! + choices[e]!.indexOf(u);
  const unitOrder: number[] = [];
  const unitStart: number[] = [];
  keyOrder.forEach((es, u) => {
    unitStart.push(unitOrder.length);
    for (const e of es) unitOrder.push(pairOf(e, u));
  });
  unitStart.push(unitOrder.length);
  const rank = new Uint32Array(pairUnit.length);
  unitOrder.forEach((p, r) => (rank[p] = r));
  const entrants = {
    count: choices.length,
    size: Uint32Array.from(size),
    pairStart: Uint32Array.from(pairStart),
    pairUnit: Uint32Array.from(pairUnit),
    pairEntrant: Uint32Array.from(pairEntrant),
  } as unknown as Entrants;
  const order: UnitOrder = {
    unitOrder: Uint32Array.from(unitOrder),
    unitStart: Uint32Array.from(unitStart),
    rank,
    rankEntrant: Uint32Array.from(unitOrder, (p) => pairEntrant[p]!),
  };
  return { entrants, order, seats, fit };
}

// Entrant 0 lists A then B, entrant 1 lists A then B, entrant 2 lists B only; one seat each.
// A ranks 1 before 0; B ranks 0 before 2 before 1. Pairs: 0 = (0,A), 1 = (0,B), 2 = (1,A), 3 = (1,B), 4 = (2,B).
const A = 0;
const B = 1;
const contested = (): Market =>
  handMarket(
    [[A, B], [A, B], [B]],
    [
      [1, 0],
      [0, 2, 1],
    ],
    [1, 1],
    [1, 1, 1],
    'strict',
  );

describe('immediate acceptance, worked by hand', () => {
  it('admits for good in each round: the one refused by its first choice finds its second already full', () => {
    // Round 1: A takes 1 (ahead of 0), B takes 2. Round 2: 0 applies to B, which has no seat left.
    const m = contested();
    expect([...immediateAcceptance(m)]).toEqual([-1, 2, 4]);
  });

  it('leaves the caller’s seats as they were', () => {
    const m = contested();
    immediateAcceptance(m);
    expect(m.seats).toEqual([1, 1]);
    // And a second run on the same market gives the same answer.
    expect([...immediateAcceptance(m)]).toEqual([-1, 2, 4]);
  });

  it('fits a group whole under strict fit, and lets it overflow the last seat under overflow', () => {
    // One unit of 2 seats; key order 1 (alone), 0 (a group of 2), 2 (alone).
    const strict = handMarket([[A], [A], [A]], [[1, 0, 2]], [2], [2, 1, 1], 'strict');
    expect([...immediateAcceptance(strict)]).toEqual([-1, 1, 2]); // the group does not fit the 1 seat left; 2 does
    const overflow = handMarket([[A], [A], [A]], [[1, 0, 2]], [2], [2, 1, 1], 'overflow');
    expect([...immediateAcceptance(overflow)]).toEqual([0, 1, -1]); // the group takes the last seat and one more
  });

  it('reaches a third choice in round three', () => {
    // Entrant 0 lists A, B, C; entrant 1 takes A, entrant 2 takes B in round 1; C is free in round 3.
    const m = handMarket([[0, 1, 2], [0], [1]], [[1, 0], [2, 0], [0]], [1, 1, 1], [1, 1, 1], 'strict');
    expect([...immediateAcceptance(m)]).toEqual([2, 3, 4]);
  });
});

describe('deferred acceptance, worked by hand', () => {
  it('holds tentatively: a better-ranked newcomer displaces a held entrant, who has nowhere left', () => {
    // Round 1: A holds 1, B holds 2. Round 2: 0 proposes to B, which ranks 0 before 2: holds 0, frees 2.
    const m = contested();
    expect([...deferredAcceptance(m)]).toEqual([1, 2, -1]);
    expect(m.seats).toEqual([1, 1]);
  });

  it('fits a group whole under strict fit, and lets it overflow the last seat under overflow', () => {
    const strict = handMarket([[A], [A], [A]], [[1, 0, 2]], [2], [2, 1, 1], 'strict');
    expect([...deferredAcceptance(strict)]).toEqual([-1, 1, 2]);
    const overflow = handMarket([[A], [A], [A]], [[1, 0, 2]], [2], [2, 1, 1], 'overflow');
    expect([...deferredAcceptance(overflow)]).toEqual([0, 1, -1]);
  });
});

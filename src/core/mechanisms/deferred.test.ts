/**
 * The optimised deferred acceptance against a plain one written straight from §7–§8 (test/markets.ts),
 * on small random markets, and on markets where one unit holds many entrants when better ones
 * arrive. The same comparison beyond 2^21 choices is in deferred-scale.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from './deferred.js';
import { market, plainDeferred } from '../../../test/markets.js';

describe('deferred acceptance', () => {
  it('agrees with the plain implementation on small markets with groups', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const fit of ['strict', 'overflow'] as const) {
        const m = market(200, 7, 3, seed, fit);
        expect([...deferredAcceptance(m)]).toEqual([...plainDeferred(m)]);
      }
    }
  });

  it('agrees with the plain implementation when a unit reconsiders hundreds of held entrants in one round', () => {
    // Two units of 200 seats each and 500 entrants who list both: in round two the entrants refused
    // by one unit propose to the other, which by then holds up to 200, most of them behind the best
    // newcomer, so far more than the 64 held entrants its first working space takes are set aside.
    for (let seed = 1; seed <= 4; seed++) {
      for (const fit of ['strict', 'overflow'] as const) {
        const m = market(500, 2, 2, seed, fit);
        const plain = plainDeferred(m);
        expect(plain.filter((p) => p >= 0).length).toBeGreaterThan(300);
        expect([...deferredAcceptance(m)]).toEqual([...plain]);
      }
    }
  });

  it('leaves the market it is given as it was', () => {
    const m = market(200, 7, 3, 9, 'strict');
    const seats = m.seats.slice();
    const rank = m.order.rank.slice();
    deferredAcceptance(m);
    expect(m.seats).toEqual(seats);
    expect(m.order.rank).toEqual(rank);
  });
});

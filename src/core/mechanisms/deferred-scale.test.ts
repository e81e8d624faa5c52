/**
 * The optimised deferred acceptance against the plain one (test/markets.ts) on a market large
 * enough (over 2^21 choices) that any packing of ranks and pairs into doubles must be exact.
 */
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from './deferred.js';
import { market, plainDeferred } from '../../../test/markets.js';

describe('deferred acceptance at scale', () => {
  it('agrees with the plain implementation beyond 2^21 choices', () => {
    const m = market(450_000, 2_000, 5, 12345, 'strict');
    expect(m.entrants.pairUnit.length).toBeGreaterThan(2 ** 21);
    const fast = deferredAcceptance(m);
    const plain = plainDeferred(m);
    let diff = -1;
    for (let e = 0; e < fast.length && diff < 0; e++) if (fast[e] !== plain[e]) diff = e;
    expect(diff).toBe(-1);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { RecordLike } from './record-data.js';
import { fairnessReport, formatP, formatPValue, positionCheck, ticketCheck } from './fairness-checks.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `A${String(i).padStart(4, '0')}`);

describe('positionCheck', () => {
  it('finds nothing when the admitted are spread evenly', () => {
    const c = ids(20);
    const r = positionCheck(
      { id: 'U' },
      c,
      c.filter((_, i) => i % 2 === 0),
    );
    expect(r.bins.map((b) => [b.candidates, b.observed, b.expected])).toEqual(Array.from({ length: 10 }, () => [2, 1, 1]));
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
    expect(r.verdict.level).toBe('ok');
  });

  it('scales X² for drawing without replacement (hand-computed small case)', () => {
    const c = ids(20);
    const r = positionCheck({ id: 'U', name: '单元' }, c, c.slice(0, 10));
    // Observed 2,2,2,2,2,0,0,0,0,0 against 1 each: X² = 10; × (n − 1)/(n − k) = 19/10 → 19.
    expect(r.rawStatistic).toBeCloseTo(10, 12);
    expect(r.statistic).toBeCloseTo(19, 12);
    expect(r.df).toBe(9);
    // P(χ²₉ ≥ 19) by the closed form for odd degrees of freedom, erfc(√(x/2)) + √(2x/π)·e^(−x/2)·Σ…,
    // computed with Python's math.erfc.
    expect(r.pValue!).toBeCloseTo(0.025192895081668935, 12);
    expect(r.smallExpected).toBe(true);
  });

  it('flags a deliberately biased assignment: the first in the list admitted', () => {
    const c = ids(200);
    const r = positionCheck({ id: 'U' }, c, c.slice(0, 60));
    expect(r.verdict.level).toBe('flag');
    expect(r.pValue!).toBeLessThan(1e-10);
    // Every other applicant, in the same numbers: no flag.
    const fair = positionCheck(
      { id: 'U' },
      c,
      c.filter((_, i) => i % 10 < 3),
    );
    expect(fair.verdict.level).toBe('ok');
  });

  it('does not test a unit where everybody or nobody was admitted', () => {
    const c = ids(7);
    expect(positionCheck({ id: 'U' }, c, c).verdict.level).toBe('not-applicable');
    expect(positionCheck({ id: 'U' }, c, []).pValue).toBeNull();
  });
});

describe('ticketCheck', () => {
  const ticket = (firstHex: string, i: number): string => firstHex + i.toString(16).padStart(63, '0');

  it('counts first bytes in 16 bins, each distinct ticket once', () => {
    const tickets = '0123456789abcdef'.split('').flatMap((h) => [ticket(h, 1), ticket(h, 2)]);
    const r = ticketCheck([...tickets, tickets[0]!]);
    expect(r.tickets).toBe(32);
    expect(r.bins.map((b) => b.observed)).toEqual(Array.from({ length: 16 }, () => 2));
    expect(r.statistic).toBe(0);
    expect(r.df).toBe(15);
    expect(r.verdict.level).toBe('ok');
  });

  it('flags tickets that all start low', () => {
    const r = ticketCheck(Array.from({ length: 64 }, (_, i) => ticket(i % 2 ? '0' : '1', i)));
    expect(r.statistic).toBeCloseTo((2 * (28 * 28)) / 4 + 14 * 4, 9); // bins 0 and 1 hold 32 each, 14 bins hold 0; E = 4
    expect(r.verdict.level).toBe('flag');
  });
});

const record: RecordLike = {
  units: [
    { id: 'U1', seats: 2, admitted: ['b', 'd'], waitlist: ['a', 'c'] },
    { id: 'U2', seats: 5, admitted: ['a'], waitlist: [] },
  ],
  applicants: [
    { id: 'd', tickets: { U1: 'f'.repeat(64) } },
    { id: 'a', tickets: { U1: '1'.repeat(64), U2: '1'.repeat(64) } },
    { id: 'b', tickets: { U1: '2'.repeat(64) } },
    { id: 'c', tickets: { U1: '3'.repeat(64) } },
  ],
};

describe('fairnessReport', () => {
  it('reads candidates in 报名号 order and counts distinct tickets', () => {
    const r = fairnessReport(record, new Map([['U1', '一小']]));
    const u1 = r.units[0]!;
    expect(u1).toMatchObject({ unit: 'U1', name: '一小', candidates: 4, admitted: 2 });
    // a, b, c, d → tenths 0, 2, 5, 7; admitted b and d.
    expect(u1.bins.filter((b) => b.observed > 0).map((b) => b.decile)).toEqual([3, 8]);
    expect(r.units[1]!.verdict.level).toBe('not-applicable');
    expect(r.tickets.tickets).toBe(4);
  });
});

describe('p-values as text', () => {
  it('writes "< 0.001" below a thousandth, three decimals otherwise, and a dash when no test ran', () => {
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.4234)).toBe('0.423');
    expect(formatPValue(null)).toBe('—');
    expect(formatPValue(NaN)).toBe('—');
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.4234)).toBe('p = 0.423');
    expect(formatP(null)).toBe('p 不适用');
  });
});

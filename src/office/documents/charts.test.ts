import { describe, expect, it } from 'vitest';
import {
  chiSquarePValue,
  chiSquareTest,
  demandFromRecord,
  demandScene,
  eventChartsSvg,
  fairnessReport,
  lnGamma,
  niceScale,
  positionCheck,
  positionScene,
  regularizedGammaP,
  regularizedGammaQ,
  sceneToSvg,
  ticketCheck,
  ticketScene,
  type RecordLike,
} from './charts.js';

/** Γ(m) for a whole or half-whole m, exactly by the recurrence Γ(m) = (m − 1) Γ(m − 1). */
function gamma(m: number): number {
  let g = Number.isInteger(m) ? 1 : Math.sqrt(Math.PI);
  for (let a = Number.isInteger(m) ? 1 : 0.5; a < m; a++) g *= a;
  return g;
}

/** P(χ²_k ≥ x) by Simpson's rule on the density: independent of the incomplete gamma code. */
function upperTailBySimpson(x: number, k: number, n = 20_000): number {
  const c = 1 / (2 ** (k / 2) * gamma(k / 2));
  const pdf = (t: number): number => (t === 0 ? (k === 2 ? c : 0) : c * t ** (k / 2 - 1) * Math.exp(-t / 2));
  const h = x / n;
  let s = pdf(0) + pdf(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * pdf(i * h);
  return 1 - (s * h) / 3;
}

describe('chi-square', () => {
  it('computes X² and p of a known histogram (two degrees of freedom: p = e^(−x/2))', () => {
    const r = chiSquareTest([12, 18, 30], [20, 20, 20]);
    expect(r.statistic).toBeCloseTo(8.4, 12);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(Math.exp(-4.2), 14); // 0.014995576820477703
  });

  it('matches the closed form for four degrees of freedom: p = e^(−x/2)(1 + x/2)', () => {
    const r = chiSquareTest([15, 25, 20, 18, 22], [20, 20, 20, 20, 20]);
    expect(r.statistic).toBeCloseTo(2.9, 12);
    expect(r.pValue).toBeCloseTo(Math.exp(-1.45) * (1 + 1.45), 13);
  });

  it('gives p = 0.05 at the tabulated critical values', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(16.918977604620448, 9)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(24.995790139728616, 15)).toBeCloseTo(0.05, 10);
  });

  it('agrees with numerical integration of the density', () => {
    for (const [x, k] of [
      [19, 9],
      [30.5, 15],
      [0.7, 6],
    ] as const) {
      expect(chiSquarePValue(x, k)).toBeCloseTo(upperTailBySimpson(x, k), 9);
    }
  });

  it('matches the closed form for three degrees of freedom', () => {
    // erfc(√(x/2)) + √(2x/π)·e^(−x/2) at x = 4.2, computed with Python's math.erfc.
    expect(chiSquarePValue(4.2, 3)).toBeCloseTo(0.2406618852096154, 14);
  });

  it('has a consistent incomplete gamma function', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    for (const [a, x] of [
      [1, 0.3],
      [1, 7],
      [4.5, 2],
      [4.5, 20],
      [50, 45],
    ] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 13);
    }
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(chiSquarePValue(0, 9)).toBe(1);
  });

  it('skips bins that expect nothing', () => {
    expect(chiSquareTest([3, 0, 5], [4, 0, 4])).toMatchObject({ statistic: 0.5, df: 1 });
  });
});

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
    expect(r.pValue!).toBeCloseTo(upperTailBySimpson(19, 9), 9); // ≈ 0.0252
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

describe('fairnessReport and scenes', () => {
  it('reads candidates in 报名号 order and counts distinct tickets', () => {
    const r = fairnessReport(record, new Map([['U1', '一小']]));
    const u1 = r.units[0]!;
    expect(u1).toMatchObject({ unit: 'U1', name: '一小', candidates: 4, admitted: 2 });
    // a, b, c, d → tenths 0, 2, 5, 7; admitted b and d.
    expect(u1.bins.filter((b) => b.observed > 0).map((b) => b.decile)).toEqual([3, 8]);
    expect(r.units[1]!.verdict.level).toBe('not-applicable');
    expect(r.tickets.tickets).toBe(4);
    expect(demandFromRecord(record)).toEqual([
      { id: 'U1', name: 'U1', seats: 2, applicants: 4 },
      { id: 'U2', name: 'U2', seats: 5, applicants: 1 },
    ]);
  });

  it('draws SVG without a DOM, escaping names', () => {
    const demand = [{ id: 'X', name: '<甲&乙>', seats: 3, applicants: 7 }];
    const svg = sceneToSvg(demandScene(demand));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('&lt;甲&amp;乙&gt;');
    expect(svg).not.toContain('<甲');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    const all = eventChartsSvg(demand, fairnessReport(record));
    expect(all.positions).toHaveLength(2);
    for (const s of [...all.demand, all.tickets, ...all.positions.map((p) => p.svg)]) expect(s).toMatch(/<\/svg>$/);
  });

  it('puts the bars where the numbers say', () => {
    const scene = positionScene(positionCheck({ id: 'U' }, ids(20), ids(20).slice(0, 10)));
    const bars = scene.marks.filter((m) => m.kind === 'rect');
    expect(bars).toHaveLength(5);
    const heights = new Set(bars.map((b) => (b.kind === 'rect' ? Math.round(b.h * 1000) : 0)));
    expect(heights.size).toBe(1);
    expect(ticketScene(ticketCheck([])).marks.some((m) => m.kind === 'text' && m.text.includes('无需检验'))).toBe(true);
  });

  it('chooses round axis scales', () => {
    expect(niceScale(47)).toEqual({ max: 50, step: 10 });
    expect(niceScale(3.2)).toEqual({ max: 4, step: 1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });
});

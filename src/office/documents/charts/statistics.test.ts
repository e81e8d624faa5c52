import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareTest, lnGamma, regularizedGammaQ } from './statistics.js';

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

  it('has log-gamma and the upper incomplete gamma function right on both sides of a + 1', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    // Whole a: Q(n, x) = e^(−x) Σ_{k<n} x^k / k! (the Poisson tail), summed here term by term.
    const poisson = (n: number, x: number): number => {
      let term = Math.exp(-x);
      let sum = 0;
      for (let k = 0; k < n; k++) {
        sum += term;
        term *= x / (k + 1);
      }
      return sum;
    };
    for (const [a, x] of [
      [1, 0.3], // series
      [1, 7], // continued fraction
      [50, 45], // series, many terms
      [5, 30], // continued fraction, a small tail
    ] as const) {
      expect(regularizedGammaQ(a, x)).toBeCloseTo(poisson(a, x), 13);
    }
    // Half-whole a: Q(k/2, x/2) is the chi-square tail with k degrees of freedom.
    expect(regularizedGammaQ(4.5, 2)).toBeCloseTo(upperTailBySimpson(4, 9), 9);
    expect(regularizedGammaQ(4.5, 20)).toBeCloseTo(upperTailBySimpson(40, 9), 9);
    expect(regularizedGammaQ(1, 0)).toBe(1);
    expect(regularizedGammaQ(0, 1)).toBeNaN();
    expect(chiSquarePValue(0, 9)).toBe(1);
  });

  it('skips bins that expect nothing', () => {
    expect(chiSquareTest([3, 0, 5], [4, 0, 4])).toMatchObject({ statistic: 0.5, df: 1 });
  });
});

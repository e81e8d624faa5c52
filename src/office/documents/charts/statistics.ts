/**
 * Pearson's chi-square test and its p-value, for the fairness self-check (fairness-checks.ts). The
 * p-value comes from the regularized incomplete gamma function (Numerical Recipes, 3rd ed., §6.2;
 * Lanczos log-gamma, §6.1).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, relative error below 1e-14). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;

/**
 * Q(a, x) = 1 − P(a, x), P(a, x) = γ(a, x) / Γ(a) being the regularized lower incomplete gamma
 * function (a > 0, x ≥ 0): by the series below a + 1, by the continued fraction above, so that
 * small tails keep their precision.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let del = sum;
  for (let n = 0; n < 10_000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by Lentz's continued fraction (x ≥ a + 1). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** The probability that a chi-square variable with `df` degrees of freedom is at least `statistic`. */
export function chiSquarePValue(statistic: number, df: number): number {
  if (df <= 0) return NaN;
  if (statistic <= 0) return 1;
  return regularizedGammaQ(df / 2, statistic / 2);
}

export interface ChiSquare {
  statistic: number;
  /** Bins with a positive expectation, less one. */
  df: number;
  pValue: number;
}

/** Pearson's X² = Σ (O − E)² / E over the bins with E > 0, and its p-value. */
export function chiSquareTest(observed: readonly number[], expected: readonly number[]): ChiSquare {
  if (observed.length !== expected.length) throw new RangeError('observed and expected differ in length');
  let statistic = 0;
  let bins = 0;
  observed.forEach((o, i) => {
    const e = expected[i]!;
    if (e > 0) {
      statistic += ((o - e) * (o - e)) / e;
      bins++;
    }
  });
  const df = bins - 1;
  return { statistic, df, pValue: chiSquarePValue(statistic, df) };
}

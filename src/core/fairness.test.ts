/**
 * Statistical fairness of the whole draw: over 2,000 draws that differ only in the witness value,
 * seats fall on applicants as a uniformly random subset would put them, whatever their position in
 * the list. The seeds are fixed, so the test is deterministic; its bounds (3σ in aggregate, 4σ per
 * applicant) are wide enough for an honest lottery and far too narrow for a biased one (the
 * control tests show the same checks refusing a biased rule).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { draw } from './draw.js';

const DRAWS = 2000;
const N = 40;
const enc = new TextEncoder();
const ids = Array.from({ length: N }, (_, i) => `a${String(i).padStart(2, '0')}`); // sorted as bytes

interface Rec {
  units: { id: string; admitted: string[] }[];
  applicants: { id: string; assigned: string | null; tickets: Record<string, string> }[];
}

function inputs(units: { id: string; seats: number }[], tieBreak: 'single' | 'multiple', mechanism: string) {
  const rules = enc.encode(
    JSON.stringify({
      declaredSources: [{ kind: 'witness', label: '公证员' }],
      drawId: `fair-${tieBreak}`,
      groupFit: 'strict',
      mechanism,
      spec: 'fairdraw/v1',
      tieBreak,
      units,
    }),
  );
  const choices = units.map((u) => `{"tier":1,"unit":"${u.id}"}`).join(',');
  const list = enc.encode(ids.map((id) => `{"choices":[${choices}],"id":"${id}"}\n`).join(''));
  return (witness: string) => ({
    rules,
    list,
    sources: enc.encode(JSON.stringify([{ kind: 'witness', label: '公证员', value: witness }])),
  });
}

function runDraws(make: (w: string) => { rules: Uint8Array; list: Uint8Array; sources: Uint8Array }, count: number): Rec[] {
  const out: Rec[] = [];
  for (let d = 0; d < count; d++) out.push(JSON.parse(new TextDecoder().decode(draw(make(`${d},${(d * 7919) % 6}`)).recordBytes)) as Rec);
  return out;
}

/** Variance of a hypergeometric count: `draws` from a population of `pop` holding `marked`. */
const hyperVar = (pop: number, marked: number, draws: number): number =>
  (draws * marked * (pop - marked) * (pop - draws)) / (pop * pop * (pop - 1));

const TWO_UNITS = [
  { id: 'A', seats: 10 },
  { id: 'B', seats: 10 },
];

/** |observed − mean| ≤ k·σ. */
const within = (observed: number, mean: number, variance: number, k: number): boolean =>
  Math.abs(observed - mean) <= k * Math.sqrt(variance);

/** The first-half aggregate check: the first N/2 ids get their share of `seats` admissions. */
function firstHalfOk(admittedPerDraw: string[][], seats: number): { ok: boolean; observed: number; mean: number; sigma: number } {
  const firstHalf = new Set(ids.slice(0, N / 2));
  let observed = 0;
  for (const adm of admittedPerDraw) observed += adm.filter((id) => firstHalf.has(id)).length;
  const mean = (admittedPerDraw.length * seats) / 2;
  const variance = admittedPerDraw.length * hyperVar(N, N / 2, seats);
  return { ok: within(observed, mean, variance, 3), observed, mean, sigma: Math.sqrt(variance) };
}

/** The per-applicant check: each id admitted with frequency p ± 4σ (binomial). */
function perApplicantOutliers(admittedPerDraw: string[][], p: number): string[] {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const adm of admittedPerDraw) for (const id of adm) counts.set(id, counts.get(id)! + 1);
  const n = admittedPerDraw.length;
  return ids.filter((id) => !within(counts.get(id)!, n * p, n * p * (1 - p), 4)).map((id) => `${id}: ${counts.get(id)} vs ${n * p}`);
}

/**
 * Per draw, how many applicants are in the top half of the ticket order at both A and B. With
 * independent tickets per unit that is hypergeometric(40, 20, 20); summed over the draws, within 3σ.
 */
function overlapCheck(records: Rec[]): { ok: boolean; observed: number; mean: number; sigma: number } {
  const overlap = (r: Rec): number => {
    const topHalf = (u: string): Set<string> =>
      new Set(
        [...r.applicants]
          .sort((x, y) => (x.tickets[u]! < y.tickets[u]! ? -1 : 1))
          .slice(0, N / 2)
          .map((a) => a.id),
      );
    const a = topHalf('A');
    return [...topHalf('B')].filter((id) => a.has(id)).length;
  };
  const observed = records.reduce((s, r) => s + overlap(r), 0);
  const mean = (records.length * N) / 4;
  const variance = records.length * hyperVar(N, N / 2, N / 2);
  return { ok: within(observed, mean, variance, 3), observed, mean, sigma: Math.sqrt(variance) };
}

describe('fairness of a single tie-break (one unit, 10 seats, 40 applicants, one tier)', () => {
  let records: Rec[] = [];
  let admitted: string[][] = [];
  beforeAll(() => {
    records = runDraws(inputs([{ id: 'A', seats: 10 }], 'single', 'immediate-acceptance'), DRAWS);
    admitted = records.map((r) => r.units[0]!.admitted);
  });

  it('fills all 10 seats in every draw, and the draws differ', () => {
    expect(admitted.every((a) => a.length === 10)).toBe(true);
    expect(new Set(admitted.map((a) => [...a].sort().join())).size).toBeGreaterThan(DRAWS * 0.99);
  });

  it('gives the first half of the list 50% of the seats within 3σ (hypergeometric)', () => {
    const r = firstHalfOk(admitted, 10);
    expect(r.ok, `observed ${r.observed}, expected ${r.mean} ± 3×${r.sigma.toFixed(1)}`).toBe(true);
  });

  it('admits every applicant with frequency 10/40 within 4σ (binomial)', () => {
    expect(perApplicantOutliers(admitted, 10 / 40)).toEqual([]);
  });

  it('puts every applicant first in the waitlist order about equally often (rank 1 of 40 within 4σ)', () => {
    const firsts = records.map((r) => [r.units[0]!.admitted[0]!]);
    expect(perApplicantOutliers(firsts, 1 / 40)).toEqual([]);
  });
});

describe('fairness of a multiple tie-break (two units of 10 seats, everyone lists A then B)', () => {
  let records: Rec[] = [];
  let anywhere: string[][] = [];
  let atA: string[][] = [];
  let atB: string[][] = [];
  beforeAll(() => {
    records = runDraws(inputs(TWO_UNITS, 'multiple', 'deferred-acceptance'), DRAWS);
    anywhere = records.map((r) => r.applicants.filter((a) => a.assigned !== null).map((a) => a.id));
    atA = records.map((r) => r.units[0]!.admitted);
    atB = records.map((r) => r.units[1]!.admitted);
  });

  it('fills both units in every draw', () => {
    expect(records.every((r) => r.units.every((u) => u.admitted.length === 10))).toBe(true);
  });

  it('gives the first half of the list 50% of the 20 seats within 3σ (hypergeometric)', () => {
    const r = firstHalfOk(anywhere, 20);
    expect(r.ok, `observed ${r.observed}, expected ${r.mean} ± 3×${r.sigma.toFixed(1)}`).toBe(true);
  });

  it('gives the first half of the list 50% of the seats of each unit within 3σ', () => {
    for (const adm of [atA, atB]) {
      const r = firstHalfOk(adm, 10);
      expect(r.ok, `observed ${r.observed}, expected ${r.mean} ± 3×${r.sigma.toFixed(1)}`).toBe(true);
    }
  });

  it('admits every applicant with frequency 20/40 overall, and 10/40 at each unit, within 4σ (binomial)', () => {
    expect(perApplicantOutliers(anywhere, 20 / 40)).toEqual([]);
    expect(perApplicantOutliers(atA, 10 / 40)).toEqual([]);
    expect(perApplicantOutliers(atB, 10 / 40)).toEqual([]);
  });

  it("draws each unit's tickets independently: top half at A and top half at B overlap as chance predicts (3σ)", () => {
    const r = overlapCheck(records);
    expect(r.ok, `overlap ${r.observed}, expected ${r.mean} ± 3×${r.sigma.toFixed(1)}`).toBe(true);
  });
});

describe('the fairness checks can fail', () => {
  it('refuses a rule that admits by list position', () => {
    const byPosition = Array.from({ length: DRAWS }, () => ids.slice(0, 10));
    expect(firstHalfOk(byPosition, 10).ok).toBe(false);
    expect(perApplicantOutliers(byPosition, 10 / 40).length).toBe(40);
  });

  it('refuses a slightly biased rule: the first applicant gets one extra chance in eight', () => {
    // Take an honest sample and give a00 the seat of a random admitted applicant in 1 of 8 draws.
    const records = runDraws(inputs([{ id: 'A', seats: 10 }], 'single', 'immediate-acceptance'), 800);
    const biased = records.map((r, d) => {
      const adm = r.units[0]!.admitted.slice();
      if (d % 8 === 0 && !adm.includes('a00')) adm[d % 10] = 'a00';
      return adm;
    });
    expect(perApplicantOutliers(biased, 10 / 40)).toContainEqual(expect.stringMatching(/^a00:/));
  });

  it('refuses a single tie-break in the independence check (the same ticket at both units)', () => {
    const records = runDraws(inputs(TWO_UNITS, 'single', 'deferred-acceptance'), 100);
    expect(overlapCheck(records).ok).toBe(false);
  });
});

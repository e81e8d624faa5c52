/**
 * 公平性自检 after the draw: two checks anyone can repeat from the public record.
 *   - per unit, where the admitted stand in the unit's list of applicants (list order = 报名号
 *     order, which is random and fixed before the draw). Under a fair draw admission does not
 *     depend on that position, so each tenth of the list should hold its share of the admitted;
 *   - the tickets' first bytes, which HMAC-SHA-256 (spec §6) spreads evenly over 0x00–0xff.
 * Both use Pearson's chi-square test (statistics.ts).
 */
import { chiSquarePValue, chiSquareTest } from './statistics.js';
import type { RecordLike } from './record-data.js';

export type VerdictLevel = 'ok' | 'watch' | 'flag' | 'not-applicable';

export interface Verdict {
  level: VerdictLevel;
  /** Short label for a chart. */
  label: string;
  zh: string;
  en: string;
}

/** Thresholds: p < 0.001 is flagged, p < 0.01 worth a look; anything else is what chance gives. */
export function verdictOf(pValue: number, what: { zh: string; en: string }): Verdict {
  if (pValue < 0.001) {
    return {
      level: 'flag',
      label: '明显偏离',
      zh: `明显偏离：${what.zh}与随机结果差异极大（p < 0.001），随机抽取几乎不会出现这种分布，请立即核查`,
      en: `clear deviation: ${what.en} differs strongly from chance (p < 0.001); a random draw almost never gives this, investigate`,
    };
  }
  if (pValue < 0.01) {
    return {
      level: 'watch',
      label: '略有偏离',
      zh: `略有偏离：${what.zh}偶然出现这种分布的可能性较小（p < 0.01），建议复核；单元较多时，个别单元出现此结果属正常`,
      en: `some deviation: ${what.en} is unlikely by chance (p < 0.01), worth a second look; among many units one such result is normal`,
    };
  }
  return {
    level: 'ok',
    label: '未见异常',
    zh: `未见异常：${what.zh}与随机抽取相符`,
    en: `no sign of bias: ${what.en} is what chance gives`,
  };
}

function notApplicable(zh: string, en: string): Verdict {
  return { level: 'not-applicable', label: '无需检验', zh, en };
}

export interface PositionBin {
  /** 1 … 10: the tenth of the unit's list, in 报名号 order. */
  decile: number;
  /** Applicants of the unit in this tenth. */
  candidates: number;
  /** Admitted applicants in this tenth. */
  observed: number;
  /** admitted × candidates / all candidates. */
  expected: number;
}

export interface PositionCheck {
  unit: string;
  name: string;
  /** Applicants who listed the unit. */
  candidates: number;
  admitted: number;
  bins: PositionBin[];
  /** Pearson's X² as computed from the bins. */
  rawStatistic: number;
  /** X² × (n − 1) / (n − k): corrected for drawing without replacement (see positionCheck). */
  statistic: number;
  df: number;
  /** null when the test does not apply (nobody or everybody admitted). */
  pValue: number | null;
  /** Some bin expects fewer than 5: the chi-square approximation is rough, read with care. */
  smallExpected: boolean;
  verdict: Verdict;
}

/**
 * Where the admitted stand in a unit's list. `candidates` are the unit's applicants in list order;
 * position i of n falls in tenth ⌊10·i / n⌋. Seats are drawn without replacement, so the counts
 * are multivariate hypergeometric and Pearson's X² is about (n − k)/(n − 1) times a chi-square
 * variable (the finite-population factor of the hypergeometric covariance); the statistic is
 * scaled back by (n − 1)/(n − k) before the p-value is taken.
 */
export function positionCheck(
  unit: { id: string; name?: string },
  candidates: readonly string[],
  admitted: Iterable<string>,
): PositionCheck {
  const n = candidates.length;
  const admittedSet = new Set(admitted);
  const bins: PositionBin[] = Array.from({ length: 10 }, (_, d) => ({ decile: d + 1, candidates: 0, observed: 0, expected: 0 }));
  let k = 0;
  candidates.forEach((id, i) => {
    const bin = bins[Math.floor((i * 10) / n)]!;
    bin.candidates++;
    if (admittedSet.has(id)) {
      bin.observed++;
      k++;
    }
  });
  for (const b of bins) b.expected = n > 0 ? (k * b.candidates) / n : 0;
  const base = { unit: unit.id, name: unit.name ?? unit.id, candidates: n, admitted: k, bins };
  if (k === 0 || k === n || n < 2) {
    const verdict =
      k === n && n > 0
        ? notApplicable('无需检验：报名人数未超过学位，全部录取', 'not applicable: every applicant was admitted')
        : notApplicable('无需检验：本单元无人录取', 'not applicable: nobody was admitted');
    return { ...base, rawStatistic: 0, statistic: 0, df: 0, pValue: null, smallExpected: false, verdict };
  }
  const test = chiSquareTest(
    bins.map((b) => b.observed),
    bins.map((b) => b.expected),
  );
  const statistic = (test.statistic * (n - 1)) / (n - k);
  const pValue = chiSquarePValue(statistic, test.df);
  return {
    ...base,
    rawStatistic: test.statistic,
    statistic,
    df: test.df,
    pValue,
    smallExpected: bins.some((b) => b.expected > 0 && b.expected < 5),
    verdict: verdictOf(pValue, { zh: '录取者在名单中的位置分布', en: 'where the admitted stand in the list' }),
  };
}

export interface TicketBin {
  /** The first hex digit of the ticket: bin b holds first bytes 16b … 16b + 15. */
  bin: number;
  label: string;
  observed: number;
  expected: number;
}

export interface TicketCheck {
  /** Distinct tickets counted (a group's members and, under a single tie-break, all units share one). */
  tickets: number;
  bins: TicketBin[];
  statistic: number;
  df: number;
  pValue: number | null;
  verdict: Verdict;
}

/** The first byte of every distinct ticket in 16 bins, against the flat line of a uniform draw. */
export function ticketCheck(tickets: Iterable<string>): TicketCheck {
  const distinct = new Set<string>();
  for (const t of tickets) distinct.add(t.toLowerCase());
  const bins: TicketBin[] = Array.from({ length: 16 }, (_, b) => ({
    bin: b,
    label: b.toString(16),
    observed: 0,
    expected: distinct.size / 16,
  }));
  for (const t of distinct) {
    const b = parseInt(t[0] ?? '', 16);
    if (Number.isInteger(b)) bins[b]!.observed++;
  }
  if (distinct.size === 0) {
    return {
      tickets: 0,
      bins,
      statistic: 0,
      df: 0,
      pValue: null,
      verdict: notApplicable('无需检验：没有随机号', 'not applicable: no tickets'),
    };
  }
  const test = chiSquareTest(
    bins.map((b) => b.observed),
    bins.map((b) => b.expected),
  );
  return {
    tickets: distinct.size,
    bins,
    ...test,
    verdict: verdictOf(test.pValue, { zh: '随机号首字节的分布', en: 'the spread of the tickets’ first bytes' }),
  };
}

export interface FairnessReport {
  units: PositionCheck[];
  tickets: TicketCheck;
}

/** Both self-checks for a stored record. The list order is 报名号 order (spec §3.1). */
export function fairnessReport(record: RecordLike, names: ReadonlyMap<string, string> = new Map()): FairnessReport {
  const ordered = [...record.applicants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidates = new Map<string, string[]>(record.units.map((u) => [u.id, []]));
  for (const a of ordered) for (const u of Object.keys(a.tickets)) candidates.get(u)?.push(a.id);
  const units = record.units.map((u) => positionCheck({ id: u.id, name: names.get(u.id) ?? u.id }, candidates.get(u.id)!, u.admitted));
  return { units, tickets: ticketCheck(record.applicants.flatMap((a) => Object.values(a.tickets))) };
}

/** A p-value for a table cell: "< 0.001", "0.423", or "—" when the test does not apply. */
export function formatPValue(p: number | null): string {
  if (p === null || Number.isNaN(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A p-value in a sentence: "p < 0.001" or "p = 0.423". */
export function formatP(p: number | null): string {
  const v = formatPValue(p);
  return v === '—' ? 'p 不适用' : v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

/**
 * Charts of an event, as numbers and as drawings, with no DOM and no IO: the web console, the
 * PDF announcement (pdf-charts.ts draws the same scenes with pdfkit) and the tests share them.
 *
 * (a) 报名与学位: applicants and seats per unit.
 * (b) 公平性自检 after the draw, two checks anyone can repeat from the public record:
 *   - per unit, where the admitted stand in the unit's list of applicants (list order = 报名号
 *     order, which is random and fixed before the draw). Under a fair draw admission does not
 *     depend on that position, so each tenth of the list should hold its share of the admitted;
 *   - the tickets' first bytes, which HMAC-SHA-256 (spec §6) spreads evenly over 0x00–0xff.
 *   Both use Pearson's chi-square test; the p-value comes from the regularized incomplete gamma
 *   function (Numerical Recipes, 3rd ed., §6.2; Lanczos log-gamma, §6.1).
 */

// ---------------------------------------------------------------------------------------------
// Statistics

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

/** P(a, x) = γ(a, x) / Γ(a), the regularized lower incomplete gamma function (a > 0, x ≥ 0). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x), computed directly so that small tails keep their precision. */
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

// ---------------------------------------------------------------------------------------------
// Chart data

/** The parts of a stored record the charts read (spec §9). */
export interface RecordLike {
  units: readonly { id: string; seats: number; admitted: readonly string[]; waitlist: readonly string[] }[];
  applicants: readonly { id: string; tickets: Readonly<Record<string, string>> }[];
}

export interface UnitDemand {
  id: string;
  name: string;
  seats: number;
  applicants: number;
}

/** Applicants (who listed the unit) per unit, from a record. */
export function demandFromRecord(record: RecordLike, names: ReadonlyMap<string, string> = new Map()): UnitDemand[] {
  const counts = new Map<string, number>();
  for (const a of record.applicants) for (const u of Object.keys(a.tickets)) counts.set(u, (counts.get(u) ?? 0) + 1);
  return record.units.map((u) => ({ id: u.id, name: names.get(u.id) ?? u.id, seats: u.seats, applicants: counts.get(u.id) ?? 0 }));
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

// ---------------------------------------------------------------------------------------------
// Scenes: charts as a few marks in a box (y grows downwards), rendered as SVG here and with pdfkit
// in pdf-charts.ts, so the browser and the printed announcement show the same drawing.

export type Mark =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: readonly [number, number] }
  | {
      kind: 'text';
      x: number;
      /** Baseline. */
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      bold?: boolean;
    };

export interface Scene {
  width: number;
  height: number;
  title: string;
  marks: Mark[];
}

export const COLORS = {
  text: '#1a202c',
  muted: '#4a5568',
  axis: '#718096',
  grid: '#e2e8f0',
  seats: '#a0aec0',
  applicants: '#2b6cb0',
  observed: '#2b6cb0',
  expected: '#c53030',
  ok: '#2f855a',
  watch: '#b7791f',
  flag: '#c53030',
  'not-applicable': '#718096',
} as const;

/** Rough text width for layout in a scene: CJK characters 1 em, others 0.55 em. */
export function approxWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? size : size * 0.55;
  return w;
}

/** Cuts `text` to fit `width` (approximately), ending with … when cut. */
export function fitText(text: string, size: number, width: number): string {
  if (approxWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && approxWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** A round axis maximum ≥ `max` and its step (1, 2 or 5 × 10^k, at most about 5 steps). */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const stepped = Math.max(1, step);
  return { max: Math.ceil(max / stepped) * stepped, step: stepped };
}

interface Plot {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The value axis with its gridlines and, above its top, its title (what is counted). */
function yAxis(marks: Mark[], p: Plot, max: number, step: number, size: number, title?: string): (v: number) => number {
  const yOf = (v: number): number => p.y + p.h - (v / max) * p.h;
  if (title) marks.push({ kind: 'text', x: p.x - 4, y: p.y - size * 0.9, text: title, size, anchor: 'end', fill: COLORS.muted });
  for (let v = 0; v <= max + 1e-9; v += step) {
    const y = yOf(v);
    marks.push({ kind: 'line', x1: p.x, y1: y, x2: p.x + p.w, y2: y, stroke: v === 0 ? COLORS.axis : COLORS.grid, width: 0.5 });
    marks.push({ kind: 'text', x: p.x - 4, y: y + size * 0.35, text: fmtNumber(v), size, anchor: 'end', fill: COLORS.muted });
  }
  return yOf;
}

function fmtNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** A p-value for a table cell: "< 0.001", "0.423", or "—" when the test does not apply. */
export function formatPValue(p: number | null): string {
  if (p === null || Number.isNaN(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "χ² = …，自由度 …，p = …" for a test that ran, else nothing. */
function chiSquareLine(check: { statistic: number; df: number; pValue: number | null }): string {
  return check.pValue === null ? '' : `χ² = ${check.statistic.toFixed(2)}，自由度 ${check.df}，${formatP(check.pValue)}`;
}

/** A p-value in a sentence: "p < 0.001" or "p = 0.423". */
export function formatP(p: number | null): string {
  const v = formatPValue(p);
  return v === '—' ? 'p 不适用' : v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

/** (a) Grouped bars: seats and applicants for each unit (draw at most ~12 units per scene). */
export function demandScene(units: readonly UnitDemand[], width = 480, height = 220): Scene {
  const marks: Mark[] = [];
  const title = '各招生单元学位数与报名人数';
  marks.push({ kind: 'text', x: width / 2, y: 14, text: title, size: 10, anchor: 'middle', fill: COLORS.text, bold: true });
  const legendY = 30;
  const legend = (x: number, fill: string, label: string): void => {
    marks.push({ kind: 'rect', x, y: legendY - 7, w: 10, h: 8, fill });
    marks.push({ kind: 'text', x: x + 14, y: legendY, text: label, size: 8, anchor: 'start', fill: COLORS.text });
  };
  legend(width / 2 - 70, COLORS.seats, '学位数');
  legend(width / 2 + 10, COLORS.applicants, '报名人数');
  const p: Plot = { x: 40, y: 50, w: width - 52, h: height - 50 - 40 };
  // Headroom: the tallest bar's value label stays inside the plot, below the legend.
  const { max, step } = niceScale(Math.max(1, ...units.map((u) => Math.max(u.seats, u.applicants))) * 1.15);
  const yOf = yAxis(marks, p, max, step, 7.5, '人数');
  const band = p.w / Math.max(1, units.length);
  const bar = Math.min(22, band * 0.32);
  units.forEach((u, i) => {
    const cx = p.x + band * (i + 0.5);
    const bars: [number, string, number][] = [
      [cx - bar - 1, COLORS.seats, u.seats],
      [cx + 1, COLORS.applicants, u.applicants],
    ];
    for (const [x, fill, v] of bars) {
      const y = yOf(v);
      if (v > 0) marks.push({ kind: 'rect', x, y, w: bar, h: p.y + p.h - y, fill });
      marks.push({ kind: 'text', x: x + bar / 2, y: y - 3, text: String(v), size: 7, anchor: 'middle', fill: COLORS.text });
    }
    marks.push({
      kind: 'text',
      x: cx,
      y: p.y + p.h + 12,
      text: fitText(u.name, 8, band - 4),
      size: 8,
      anchor: 'middle',
      fill: COLORS.text,
    });
    if (u.seats > 0) {
      const ratio = `${(u.applicants / u.seats).toFixed(2)} : 1`;
      marks.push({ kind: 'text', x: cx, y: p.y + p.h + 24, text: ratio, size: 7, anchor: 'middle', fill: COLORS.muted });
    }
  });
  marks.push({
    kind: 'text',
    x: p.x + p.w / 2,
    y: height - 3,
    text: '招生单元（其下为报名人数与学位数之比）',
    size: 7,
    anchor: 'middle',
    fill: COLORS.muted,
  });
  return { width, height, title, marks };
}

function histogram(
  marks: Mark[],
  p: Plot,
  bins: readonly { label: string; observed: number; expected: number }[],
  labelSize: number,
  yTitle: string,
): void {
  const { max, step } = niceScale(Math.max(1, ...bins.map((b) => Math.max(b.observed, b.expected))) * 1.1);
  const yOf = yAxis(marks, p, max, step, 6.5, yTitle);
  const band = p.w / bins.length;
  bins.forEach((b, i) => {
    const x = p.x + band * i;
    const y = yOf(b.observed);
    if (b.observed > 0) marks.push({ kind: 'rect', x: x + band * 0.12, y, w: band * 0.76, h: p.y + p.h - y, fill: COLORS.observed });
    marks.push({
      kind: 'text',
      x: x + band / 2,
      y: p.y + p.h + labelSize + 3,
      text: b.label,
      size: labelSize,
      anchor: 'middle',
      fill: COLORS.muted,
    });
  });
  // The expectation as a step line: flat when the bins are equal, as they are up to one applicant.
  bins.forEach((b, i) => {
    const y = yOf(b.expected);
    const x1 = p.x + band * i;
    marks.push({ kind: 'line', x1, y1: y, x2: x1 + band, y2: y, stroke: COLORS.expected, width: 1.2, dash: [3, 2] });
    const next = bins[i + 1];
    if (next && next.expected !== b.expected) {
      marks.push({
        kind: 'line',
        x1: x1 + band,
        y1: y,
        x2: x1 + band,
        y2: yOf(next.expected),
        stroke: COLORS.expected,
        width: 1.2,
        dash: [3, 2],
      });
    }
  });
}

function verdictLine(marks: Mark[], x: number, y: number, text: string, verdict: Verdict, size: number): void {
  marks.push({ kind: 'text', x, y, text: `${text}  ${verdict.label}`, size, anchor: 'start', fill: COLORS[verdict.level], bold: true });
}

/** (b) One unit's admitted by tenth of its list, against the expected flat line. */
export function positionScene(check: PositionCheck, width = 230, height = 160): Scene {
  const marks: Mark[] = [];
  const title = `${check.name}：录取者在名单中的位置`;
  marks.push({
    kind: 'text',
    x: 4,
    y: 11,
    text: fitText(title, 8.5, width - 8),
    size: 8.5,
    anchor: 'start',
    fill: COLORS.text,
    bold: true,
  });
  marks.push({
    kind: 'text',
    x: 4,
    y: 22,
    text: `报名 ${check.candidates} 人，录取 ${check.admitted} 人；柱 = 实际录取，虚线 = 随机时的期望`,
    size: 6.5,
    anchor: 'start',
    fill: COLORS.muted,
  });
  const p: Plot = { x: 26, y: 36, w: width - 34, h: height - 36 - 36 };
  histogram(
    marks,
    p,
    check.bins.map((b) => ({ label: String(b.decile), observed: b.observed, expected: b.expected })),
    6.5,
    '录取人数',
  );
  marks.push({
    kind: 'text',
    x: p.x + p.w / 2,
    y: p.y + p.h + 19,
    text: '名单位置（按报名号排序，十等分，1 = 最前）',
    size: 6.5,
    anchor: 'middle',
    fill: COLORS.muted,
  });
  const stat = chiSquareLine(check);
  verdictLine(marks, 4, height - 4, stat, check.verdict, 7.5);
  return { width, height, title, marks };
}

/** (b) The first byte of every ticket in 16 bins, against the expected flat line. */
export function ticketScene(check: TicketCheck, width = 480, height = 170): Scene {
  const marks: Mark[] = [];
  const title = '随机号首字节分布（16 组）';
  marks.push({ kind: 'text', x: width / 2, y: 12, text: title, size: 10, anchor: 'middle', fill: COLORS.text, bold: true });
  marks.push({
    kind: 'text',
    x: width / 2,
    y: 25,
    text: `共 ${check.tickets} 个不同的随机号；柱 = 实际个数，虚线 = 均匀分布时的期望`,
    size: 7.5,
    anchor: 'middle',
    fill: COLORS.muted,
  });
  const p: Plot = { x: 40, y: 40, w: width - 52, h: height - 40 - 38 };
  histogram(
    marks,
    p,
    check.bins.map((b) => ({ label: `${b.label}x`, observed: b.observed, expected: b.expected })),
    7,
    '随机号个数',
  );
  marks.push({
    kind: 'text',
    x: p.x + p.w / 2,
    y: p.y + p.h + 21,
    text: '首字节的十六进制高位（0x = 00–0f，1x = 10–1f，……）',
    size: 7,
    anchor: 'middle',
    fill: COLORS.muted,
  });
  const stat = chiSquareLine(check);
  verdictLine(marks, p.x, height - 4, stat, check.verdict, 8);
  return { width, height, title, marks };
}

// ---------------------------------------------------------------------------------------------
// SVG

const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A scene as a standalone SVG document (no scripts, no external references). */
export function sceneToSvg(scene: Scene): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(scene.width)}" height="${num(scene.height)}" viewBox="0 0 ${num(scene.width)} ${num(scene.height)}" role="img" aria-label="${esc(scene.title)}" font-family="${esc(FONT_FAMILY)}">`,
    `<title>${esc(scene.title)}</title>`,
    `<rect x="0" y="0" width="${num(scene.width)}" height="${num(scene.height)}" fill="#ffffff"/>`,
  ];
  for (const m of scene.marks) {
    if (m.kind === 'rect') out.push(`<rect x="${num(m.x)}" y="${num(m.y)}" width="${num(m.w)}" height="${num(m.h)}" fill="${m.fill}"/>`);
    else if (m.kind === 'line') {
      const dash = m.dash ? ` stroke-dasharray="${m.dash[0]} ${m.dash[1]}"` : '';
      out.push(
        `<line x1="${num(m.x1)}" y1="${num(m.y1)}" x2="${num(m.x2)}" y2="${num(m.y2)}" stroke="${m.stroke}" stroke-width="${num(m.width)}"${dash}/>`,
      );
    } else {
      const weight = m.bold ? ' font-weight="bold"' : '';
      out.push(
        `<text x="${num(m.x)}" y="${num(m.y)}" font-size="${num(m.size)}" text-anchor="${m.anchor}" fill="${m.fill}"${weight}>${esc(m.text)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Every chart of a drawn event as SVG, for the web console. */
export function eventChartsSvg(
  demand: readonly UnitDemand[],
  report: FairnessReport,
): { demand: string[]; positions: { unit: string; svg: string }[]; tickets: string } {
  const chunks: UnitDemand[][] = [];
  for (let i = 0; i < demand.length; i += 10) chunks.push(demand.slice(i, i + 10));
  return {
    demand: chunks.map((c) => sceneToSvg(demandScene(c))),
    positions: report.units.map((u) => ({ unit: u.unit, svg: sceneToSvg(positionScene(u)) })),
    tickets: sceneToSvg(ticketScene(report.tickets)),
  };
}

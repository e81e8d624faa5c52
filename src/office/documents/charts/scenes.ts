/**
 * Charts as scenes: a few marks in a box (y grows downwards), laid out here with no DOM and no IO,
 * drawn as SVG by the web pages (web/shared/SceneSvg.tsx) and with pdfkit in the printed
 * announcement (pdf.ts), so the browser and the paper show the same drawing.
 *
 * (a) 报名与学位: applicants and seats per unit. (b) 公平性自检: where the admitted stand in each
 * unit's list, and the tickets' first bytes (fairness-checks.ts).
 */
import type { UnitDemand } from './record-data.js';
import { formatP, type PositionCheck, type TicketCheck, type Verdict } from './fairness-checks.js';

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

/** The fonts a scene's text is set in where it is drawn as SVG (the PDF embeds Noto Sans CJK). */
export const SCENE_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

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

/** "χ² = …，自由度 …，p = …" for a test that ran, else nothing. */
function chiSquareLine(check: { statistic: number; df: number; pValue: number | null }): string {
  return check.pValue === null ? '' : `χ² = ${check.statistic.toFixed(2)}，自由度 ${check.df}，${formatP(check.pValue)}`;
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

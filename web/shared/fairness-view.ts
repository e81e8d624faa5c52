/**
 * What the fairness charts of the console and the portal show, as plain numbers: applicants
 * against places per unit (bars scaled to the largest number of all units, so the units compare at
 * a glance on any screen), and the self-check of a published record (src/office/documents/charts/, the same numbers as
 * the printed announcement). Read from public data only: the units' seats and applicant counts,
 * and record.json.
 */
import {
  fairnessReport,
  formatPValue,
  type FairnessReport,
  type PositionCheck,
  type VerdictLevel,
} from '../../src/office/documents/charts/fairness-checks.js';
import type { RecordLike } from '../../src/office/documents/charts/record-data.js';
import { approxWidth, type Scene } from '../../src/office/documents/charts/scenes.js';

export interface DemandUnit {
  id: string;
  name: string;
  seats: number;
  applicants: number;
}

export interface DemandBar extends DemandUnit {
  /** Bar lengths in percent of the longest bar of the chart (0–100). */
  seatsPct: number;
  applicantsPct: number;
  /** Applicants per place, "3.50"; null for a unit without places. */
  ratio: string | null;
  /** More applicants than places: the unit draws lots. */
  lottery: boolean;
}

const pct = (v: number, max: number): number => (max > 0 ? Math.round((v / max) * 1000) / 10 : 0);

export function demandBars(units: readonly DemandUnit[]): DemandBar[] {
  const max = Math.max(0, ...units.map((u) => Math.max(u.seats, u.applicants)));
  return units.map((u) => ({
    ...u,
    seatsPct: pct(u.seats, max),
    applicantsPct: pct(u.applicants, max),
    ratio: u.seats > 0 ? (u.applicants / u.seats).toFixed(2) : null,
    lottery: u.applicants > u.seats,
  }));
}

export interface CheckRow {
  unit: string;
  name: string;
  candidates: number;
  admitted: number;
  /** "0.423", "< 0.001", or "—" when the test does not apply. */
  p: string;
  level: VerdictLevel;
  zh: string;
  en: string;
  check: PositionCheck;
}

export interface FairnessView {
  rows: CheckRow[];
  tickets: { count: number; p: string; level: VerdictLevel; zh: string; en: string };
  report: FairnessReport;
  /** The worst verdict over every check, for a one-line summary. */
  overall: VerdictLevel;
}

const SEVERITY: VerdictLevel[] = ['not-applicable', 'ok', 'watch', 'flag'];

/** The self-check of a record, each unit by name. */
export function fairnessView(record: RecordLike, names: ReadonlyMap<string, string>): FairnessView {
  const report = fairnessReport(record, names);
  const rows = report.units.map((u) => ({
    unit: u.unit,
    name: u.name,
    candidates: u.candidates,
    admitted: u.admitted,
    p: formatPValue(u.pValue),
    level: u.verdict.level,
    zh: u.verdict.zh,
    en: u.verdict.en,
    check: u,
  }));
  const t = report.tickets;
  const levels = [...rows.map((r) => r.level), t.verdict.level];
  const overall = levels.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'not-applicable' as VerdictLevel);
  return {
    rows,
    tickets: { count: t.tickets, p: formatPValue(t.pValue), level: t.verdict.level, zh: t.verdict.zh, en: t.verdict.en },
    report,
    overall,
  };
}

/**
 * The horizontal extent of a scene with its labels: a scene may set a label a little past its left
 * or right edge (the printed page does not clip it), so a web view is widened to show it whole.
 */
export function sceneBounds(scene: Scene): { left: number; right: number } {
  let left = 0;
  let right = scene.width;
  for (const m of scene.marks) {
    if (m.kind !== 'text') continue;
    const w = approxWidth(m.text, m.size);
    const x0 = m.anchor === 'end' ? m.x - w : m.anchor === 'middle' ? m.x - w / 2 : m.x;
    left = Math.min(left, x0 - 2);
    right = Math.max(right, x0 + w + 2);
  }
  return { left, right };
}

/** The fairness self-check on a real draw, and on the same draw with its result tampered with. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demandFromRecord } from '../../src/office/documents/charts/record-data.js';
import { fairnessReport } from '../../src/office/documents/charts/fairness-checks.js';
import { demandScene, positionScene, ticketScene, type Scene } from '../../src/office/documents/charts/scenes.js';
import type { StoredRecord } from '../../src/office/documents/drawn-event.js';
import { EVENT, drawnEvent, type Drawn } from './drawn.js';

let t: Drawn;
let record: StoredRecord;
const names = new Map([
  ['TML', '檀木林小学'],
  ['TKS', '塘坎上小学'],
]);

beforeAll(async () => {
  t = await drawnEvent();
  record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
});
afterAll(async () => {
  await t.office.close();
});

describe('fairness self-check on the sample draw', () => {
  it('counts each unit’s applicants and admitted by tenth of the 报名号 order', () => {
    const r = fairnessReport(record, names);
    expect(r.units.map((u) => [u.unit, u.name, u.candidates, u.admitted])).toEqual([
      ['TML', '檀木林小学', 47, 30],
      ['TKS', '塘坎上小学', 58, 30],
    ]);
    for (const u of r.units) {
      expect(u.bins.reduce((s, b) => s + b.candidates, 0)).toBe(u.candidates);
      expect(u.bins.reduce((s, b) => s + b.observed, 0)).toBe(u.admitted);
      expect(u.bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(u.admitted, 10);
      // Recount by hand: tenth of each admitted applicant among the unit's applicants in id order.
      const ordered = record.applicants
        .filter((a) => u.unit in a.tickets)
        .map((a) => a.id)
        .sort();
      const unit = record.units.find((x) => x.id === u.unit)!;
      const byHand = Array.from({ length: 10 }, () => 0);
      for (const reg of unit.admitted) byHand[Math.floor((ordered.indexOf(reg) * 10) / ordered.length)]!++;
      expect(u.bins.map((b) => b.observed)).toEqual(byHand);
      expect(u.verdict.level).not.toBe('flag');
      expect(u.pValue).toBeGreaterThan(0.001);
    }
    // One ticket per entrant: 105 applicants, one pair of twins sharing theirs.
    expect(r.tickets.tickets).toBe(104);
    expect(r.tickets.bins.reduce((s, b) => s + b.observed, 0)).toBe(104);
    expect(r.tickets.verdict.level).not.toBe('flag');
  });

  it('flags a result in which the first applicants in the list took the seats', () => {
    const tks = record.applicants
      .filter((a) => 'TKS' in a.tickets)
      .map((a) => a.id)
      .sort();
    const biased: StoredRecord = {
      ...record,
      units: record.units.map((u) => (u.id === 'TKS' ? { ...u, admitted: tks.slice(0, 30), waitlist: tks.slice(30) } : u)),
    };
    const r = fairnessReport(biased, names);
    const unit = r.units.find((u) => u.unit === 'TKS')!;
    expect(unit.verdict.level).toBe('flag');
    expect(unit.verdict.zh).toMatch(/^明显偏离/);
    expect(unit.pValue!).toBeLessThan(0.001);
    expect(r.units.find((u) => u.unit === 'TML')!.verdict.level).not.toBe('flag');
  });

  it('flags tickets that are not spread evenly', () => {
    const low: StoredRecord = {
      ...record,
      applicants: record.applicants.map((a) => ({
        ...a,
        tickets: Object.fromEntries(Object.entries(a.tickets).map(([u, tk]) => [u, `0${tk.slice(1)}`])),
      })),
    };
    expect(fairnessReport(low).tickets.verdict.level).toBe('flag');
  });

  it('lays out a scene for every chart, as the announcement and the web pages draw them', () => {
    const texts = (scene: Scene): string[] => scene.marks.flatMap((m) => (m.kind === 'text' ? [m.text] : []));
    const report = fairnessReport(record, names);
    expect(texts(demandScene(demandFromRecord(record, names)))).toContain('檀木林小学');
    expect(report.units.map((u) => positionScene(u).title)).toEqual([
      '檀木林小学：录取者在名单中的位置',
      '塘坎上小学：录取者在名单中的位置',
    ]);
    expect(ticketScene(report.tickets).title).toBe('随机号首字节分布（16 组）');
  });
});

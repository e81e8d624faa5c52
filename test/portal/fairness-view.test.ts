/** The numbers behind the fairness charts of the console and the portal (web/shared/fairness-view.ts). */
import { describe, expect, it } from 'vitest';
import type { RecordLike } from '../../src/office/documents/charts/record-data.js';
import { demandBars, fairnessView, sceneBounds } from '../../web/shared/fairness-view.js';

describe('demandBars', () => {
  it('scales every bar to the largest number of the chart and says which units draw lots', () => {
    const bars = demandBars([
      { id: 'A', name: '甲校', seats: 30, applicants: 120 },
      { id: 'B', name: '乙校', seats: 40, applicants: 25 },
      { id: 'C', name: '丙校', seats: 0, applicants: 3 },
    ]);
    expect(bars.map((b) => [b.seatsPct, b.applicantsPct])).toEqual([
      [25, 100],
      [33.3, 20.8],
      [0, 2.5],
    ]);
    expect(bars.map((b) => b.ratio)).toEqual(['4.00', '0.63', null]);
    expect(bars.map((b) => b.lottery)).toEqual([true, false, true]);
  });

  it('draws nothing for an event without places or applicants', () => {
    expect(demandBars([{ id: 'A', name: '甲校', seats: 0, applicants: 0 }])[0]).toMatchObject({ seatsPct: 0, applicantsPct: 0 });
  });
});

/** 200 applicants at one unit with 20 seats, tickets spread evenly over the 16 first digits. */
function record(admittedIndexes: number[]): RecordLike {
  const ids = Array.from({ length: 200 }, (_, i) => `R${String(i).padStart(4, '0')}`);
  const hex = '0123456789abcdef';
  return {
    units: [
      { id: 'A', seats: 20, admitted: admittedIndexes.map((i) => ids[i]!), waitlist: [] },
      { id: 'B', seats: 5, admitted: ids.slice(0, 2), waitlist: [] },
    ],
    // Distinct tickets, their first hex digits spread evenly: 200 at A, 2 more at B.
    applicants: ids.map((id, i) => {
      const ticket = (salt: string): string => `${hex[i % 16]}${salt}${i.toString(16).padStart(62, '0')}`;
      const tickets: Record<string, string> = i < 2 ? { A: ticket('a'), B: ticket('b') } : { A: ticket('a') };
      return { id, tickets };
    }),
  };
}

describe('fairnessView', () => {
  const names = new Map([
    ['A', '甲校'],
    ['B', '乙校'],
  ]);

  it('finds nothing wrong when the admitted are spread over the list, and skips a unit that admitted everyone', () => {
    // Two admitted in each tenth of A's list of 200 (tenths of 20): positions 0, 10, 20, 30, …
    const v = fairnessView(record(Array.from({ length: 20 }, (_, i) => i * 10)), names);
    expect(v.rows.map((r) => [r.name, r.candidates, r.admitted, r.level])).toEqual([
      ['甲校', 200, 20, 'ok'],
      ['乙校', 2, 2, 'not-applicable'],
    ]);
    // Every tenth holds exactly its expected 2: X² = 0, p = 1.
    expect(v.rows[0]!.p).toBe('1.000');
    expect(v.rows[1]!.p).toBe('—');
    expect(v.overall).toBe('ok');
  });

  it('flags a unit whose admitted all stand at the head of the list, and says so overall', () => {
    const v = fairnessView(record(Array.from({ length: 20 }, (_, i) => i)), names);
    expect(v.rows[0]!.level).toBe('flag');
    expect(v.rows[0]!.p).toBe('< 0.001');
    expect(v.overall).toBe('flag');
    expect(v.tickets.count).toBe(202);
  });
});

describe('sceneBounds', () => {
  it('widens the view to a label set past the left or right edge, and keeps the scene otherwise', () => {
    const text = (x: number, anchor: 'start' | 'middle' | 'end', t: string) =>
      ({ kind: 'text', x, y: 10, text: t, size: 10, anchor, fill: '#000' }) as const;
    const rect = { kind: 'rect', x: -50, y: 0, w: 10, h: 10, fill: '#000' } as const;
    expect(sceneBounds({ width: 100, height: 50, title: '', marks: [rect, text(50, 'middle', '居中')] })).toEqual({ left: 0, right: 100 });
    // 录取人数 is 4 CJK characters of 10 = 40 wide, ending at x = 22: it starts at -18, 2 more for air.
    expect(sceneBounds({ width: 100, height: 50, title: '', marks: [text(22, 'end', '录取人数')] })).toEqual({ left: -20, right: 100 });
    // "ab" is 2 × 5.5 = 11 wide from x = 95.
    expect(sceneBounds({ width: 100, height: 50, title: '', marks: [text(95, 'start', 'ab')] })).toEqual({ left: 0, right: 108 });
  });
});

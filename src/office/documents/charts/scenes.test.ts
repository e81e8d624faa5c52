import { describe, expect, it } from 'vitest';
import { positionCheck, ticketCheck } from './fairness-checks.js';
import { approxWidth, demandScene, fitText, niceScale, positionScene, ticketScene, type Mark } from './scenes.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `A${String(i).padStart(4, '0')}`);

/** Every number a mark carries. */
function numbers(m: Mark): number[] {
  return Object.values(m).filter((v): v is number => typeof v === 'number');
}

describe('scenes', () => {
  it('lays out the demand bars with finite coordinates, the names as given and each number written', () => {
    const scene = demandScene([
      { id: 'X', name: '<甲&乙>', seats: 3, applicants: 7 },
      { id: 'Y', name: '丙', seats: 0, applicants: 0 },
    ]);
    for (const m of scene.marks) for (const v of numbers(m)) expect(Number.isFinite(v)).toBe(true);
    const texts = scene.marks.flatMap((m) => (m.kind === 'text' ? [m.text] : []));
    expect(texts).toContain('<甲&乙>');
    expect(texts).toContain('2.33 : 1');
    // One bar per non-zero number: seats 3 and applicants 7; the empty unit draws none.
    const bars = scene.marks.filter((m) => m.kind === 'rect' && m.h > 0 && m.w > 10);
    expect(bars).toHaveLength(2);
    const [seats, applicants] = bars as Extract<Mark, { kind: 'rect' }>[];
    expect(applicants!.h / seats!.h).toBeCloseTo(7 / 3, 9);
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

  it('measures CJK at one em and other characters at 0.55 em, and cuts long names with …', () => {
    expect(approxWidth('一小', 10)).toBe(20);
    expect(approxWidth('ab', 10)).toBeCloseTo(11, 12);
    expect(fitText('檀木林小学', 10, 50)).toBe('檀木林小学');
    // … counts 0.55 em: 檀木林… is 35.5 wide, 檀木林小… 45.5.
    expect(fitText('檀木林小学', 10, 40)).toBe('檀木林…');
  });
});

/** The big screen's reveal animation: it never shows a real registration number in a place it will not end in. */
import { describe, expect, it } from 'vitest';
import { flicker, frameAt, planFor, rollDuration, ROLL_SYMBOLS, settledCount } from '../../web/ceremony/roll.js';

// Registration numbers as a bureau issues them: the same prefix, different digits.
const ADMITTED = Array.from({ length: 30 }, (_, i) => `ZLJ2020-${String(101 + i * 3).padStart(4, '0')}`);
const WAITING = ['ZLJ2020-0400', 'ZLJ2020-0401', 'ZLJ2020-0402'];

describe('the reveal animation', () => {
  it('shows in every frame either the final number of that place or neutral symbols', () => {
    const plan = planFor(ADMITTED.length);
    const everyNumber = new Set([...ADMITTED, ...WAITING]);
    const end = rollDuration(ADMITTED.length, plan) + plan.tick;
    let rollingFrames = 0;
    for (let t = 0; t <= end; t += plan.tick / 3) {
      const frame = frameAt(ADMITTED, t, plan);
      expect(frame).toHaveLength(ADMITTED.length);
      frame.forEach((text, i) => {
        if (text === ADMITTED[i]) return;
        rollingFrames++;
        // Not another child's number, and nothing that could be read as one.
        expect(everyNumber.has(text)).toBe(false);
        expect(text).not.toMatch(/[0-9A-Za-z]/);
        expect(text).toHaveLength(ADMITTED[i]!.length);
        expect(text[7]).toBe('-');
      });
    }
    expect(rollingFrames).toBeGreaterThan(ADMITTED.length);
    // At the end every place shows its own number, in order.
    expect(frameAt(ADMITTED, end, plan)).toEqual(ADMITTED);
    expect(frameAt(ADMITTED, Number.POSITIVE_INFINITY, plan)).toEqual(ADMITTED);
  });

  it('settles the places one after another, the first after the lead', () => {
    const plan = { stagger: 100, lead: 700, tick: 60 };
    expect(settledCount(0, 5, plan)).toBe(0);
    expect(settledCount(699, 5, plan)).toBe(0);
    expect(settledCount(700, 5, plan)).toBe(1);
    expect(settledCount(899, 5, plan)).toBe(2);
    expect(settledCount(1100, 5, plan)).toBe(5);
    expect(settledCount(9999, 5, plan)).toBe(5);
    expect(rollDuration(5, plan)).toBe(1100);
    expect(rollDuration(0, plan)).toBe(0);
    const f = frameAt(['A-1', 'B-2', 'C-3'], 800, plan);
    expect(f.slice(0, 2)).toEqual(['A-1', 'B-2']);
    expect(f[2]).toMatch(/^[◆◇●○■□▲△]-[◆◇●○■□▲△]$/);
  });

  it('flickers: the symbols change from frame to frame, only symbols of the neutral set', () => {
    const plan = planFor(10);
    const seen = new Set<string>();
    for (let frame = 0; frame < 8; frame++) seen.add(flicker('ZLJ2020-0101', 0, frame * plan.tick, plan));
    expect(seen.size).toBeGreaterThan(4);
    for (const s of seen) for (const ch of s.replace('-', '')) expect(ROLL_SYMBOLS).toContain(ch);
    // Chinese characters in a number are hidden too.
    expect(flicker('自流井-12', 1, 0, plan)).toMatch(/^[◆◇●○■□▲△]{3}-[◆◇●○■□▲△]{2}$/);
  });
});

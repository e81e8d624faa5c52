import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boxes, breakLines, justifySpacing } from './typeset.js';

// A monospaced stand-in for a font: CJK 1 em (10 pt), everything else half an em.
const measure = (s: string): number => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef“”‘’…—·]/.test(ch) ? 10 : 5), 0);

const NO_START = '，。、；：？！）】》」』”’…%,.;:?!)';
const NO_END = '（【《「『“‘([';

describe('breakLines', () => {
  it('breaks Chinese between any two characters and fills each line', () => {
    const lines = breakLines('一二三四五六七八九十一二三四五', 50, measure);
    expect(lines.map((l) => l.text)).toEqual(['一二三四五', '六七八九十', '一二三四五']);
    expect(lines.map((l) => l.end)).toEqual([false, false, true]);
  });

  it('never begins a line with closing punctuation (禁则)', () => {
    const lines = breakLines('一二三四五，六七', 50, measure);
    expect(lines.map((l) => l.text)).toEqual(['一二三四', '五，六七']);
  });

  it('never ends a line with opening punctuation', () => {
    const lines = breakLines('一二三四（五六）', 50, measure);
    expect(lines.map((l) => l.text)).toEqual(['一二三四', '（五六）']);
  });

  it('keeps a Latin word whole and breaks a hash wider than the line anywhere', () => {
    expect(breakLines('报名号 ABCDEFGHIJ 已录取', 60, measure).map((l) => l.text)).toEqual(['报名号', 'ABCDEFGHIJ', '已录取']);
    const hash = 'ab'.repeat(32);
    const lines = breakLines(hash, 100, measure);
    expect(lines.map((l) => l.text).join('')).toBe(hash);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(100);
  });

  it('starts a paragraph at each newline and narrows the first line by the indent', () => {
    const lines = breakLines('一二三四五六\n七八', 50, measure, 20);
    expect(lines.map((l) => l.text)).toEqual(['一二三', '四五六', '七八']);
    expect(lines.map((l) => l.end)).toEqual([false, true, true]);
  });

  it('does not end a paragraph on a lone character (孤字)', () => {
    expect(breakLines('一二三四五六', 50, measure).map((l) => l.text)).toEqual(['一二三四', '五六']);
    expect(breakLines('一二三四五六。', 50, measure).map((l) => l.text)).toEqual(['一二三四', '五六。']);
    // A first line of a paragraph with an indent is not emptied for it.
    expect(breakLines('一二三', 20, measure).map((l) => l.text)).toEqual(['一二', '三']);
  });

  it('keeps a full-width space (全角空格) as a character', () => {
    expect(boxes('甲\u3000乙').map((b) => b.text)).toEqual(['甲', '\u3000', '乙']);
  });

  it('holds the 禁则 rules and the width for any text', () => {
    const alphabet = fc.constantFrom(...'一二三四五六七八九十甲乙丙丁', ...NO_START, ...NO_END, 'a', 'b', '1', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), fc.integer({ min: 40, max: 200 }), (chars, width) => {
        const text = chars.join('');
        const lines = breakLines(text, width, measure);
        lines.forEach((l, i) => {
          if (i > 0 && l.text) {
            const prev = lines[i - 1]!.text;
            // Allowed only when the previous line is a single unbreakable piece (nothing to carry over).
            if (NO_START.includes(l.text[0]!)) expect(boxes(prev).length).toBeLessThanOrEqual(1);
            if (NO_END.includes(prev[prev.length - 1]!)) expect(boxes(prev).length).toBeLessThanOrEqual(1);
          }
          const pieces = boxes(l.text).filter((b) => !b.space);
          if (pieces.length > 1) expect(l.width).toBeLessThanOrEqual(width + 1e-6);
        });
        // Nothing is lost but white space.
        expect(
          lines
            .map((l) => l.text)
            .join('')
            .replace(/\s/g, ''),
        ).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});

describe('justifySpacing', () => {
  it('spreads the slack of a full line over its gaps, not on the last line', () => {
    const [first, last] = breakLines('一二三四五，六七', 55, measure);
    expect(justifySpacing(first!, 55, 6)).toBeCloseTo(15 / 3);
    expect(justifySpacing(last!, 55, 6)).toBe(0);
  });

  it('leaves a line ragged when the gaps would grow too wide', () => {
    const [first] = breakLines('一二 ABCDEFGHIJKLMNOPQRST', 110, measure);
    expect(first).toMatchObject({ text: '一二', end: false });
    expect(justifySpacing(first!, 110, 2)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDate, isRealDate, parseDate, sameDay } from './dates.js';

describe('dates', () => {
  it('accepts the four spellings and gives YYYY-MM-DD', () => {
    for (const t of ['2013-09-01', '2013-9-1', '2013/9/1', '2013/09/01', '2013.09.01', '20130901', ' 2013-09-01 ', '2013-09-01 00:00:00']) {
      expect(parseDate(t), t).toEqual({ ok: true, date: '2013-09-01', parts: { y: 2013, m: 9, d: 1 } });
    }
  });

  it('tells an impossible day from an unreadable text, keeping the parts of the impossible one', () => {
    expect(parseDate('2013-02-30')).toEqual({ ok: false, reason: 'impossible', parts: { y: 2013, m: 2, d: 30 } });
    expect(parseDate('20130229')).toMatchObject({ ok: false, reason: 'impossible' });
    expect(parseDate('2013-13-01')).toMatchObject({ ok: false, reason: 'impossible' });
    expect(parseDate('2013-04-31')).toMatchObject({ ok: false, reason: 'impossible' });
    for (const t of ['', '2013年9月1日', '01/09/2013', '2013-09', '41528', '2013-09-01 08:30', '2013-9/1']) {
      expect(parseDate(t), t).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('knows leap years', () => {
    expect(isRealDate(2012, 2, 29)).toBe(true);
    expect(isRealDate(2013, 2, 29)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2013, 12, 31)).toBe(true);
    expect(isRealDate(2013, 0, 1)).toBe(false);
  });

  it('formats and compares parts', () => {
    expect(formatDate({ y: 2014, m: 3, d: 5 })).toBe('2014-03-05');
    expect(sameDay({ y: 2013, m: 2, d: 30 }, { y: 2013, m: 2, d: 30 })).toBe(true);
    expect(sameDay({ y: 2013, m: 2, d: 30 }, { y: 2013, m: 11, d: 27 })).toBe(false);
  });
});

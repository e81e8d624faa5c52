import { describe, expect, it } from 'vitest';
import { idCheckChar, isExcelMangled, normaliseIdText, parseIdCard } from './id-card.js';
import { validIdEndingIn000 } from './test-support.js';

describe('GB 11643 ID-card numbers', () => {
  it('computes the MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X'); // the example in GB 11643-1999
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idCheckChar('51030220140305475')).toBe('X'); // from the sample file
    expect(() => idCheckChar('1234')).toThrow(RangeError);
  });

  it('reads birth date and sex from a valid number', () => {
    expect(parseIdCard('11010519491231002X')).toEqual({ ok: true, id: '11010519491231002X', birthDate: '1949-12-31', sex: '女' });
    expect(parseIdCard('440524188001010014')).toEqual({ ok: true, id: '440524188001010014', birthDate: '1880-01-01', sex: '男' });
    expect(parseIdCard('510302201309171706')).toMatchObject({ ok: true, birthDate: '2013-09-17', sex: '女' });
  });

  it('normalises lower-case x, full-width digits and spaces', () => {
    expect(parseIdCard('51030220140305475x')).toMatchObject({ ok: true, id: '51030220140305475X' });
    expect(parseIdCard('５１０３０２２０１４０３０５４７５Ｘ')).toMatchObject({ ok: true, id: '51030220140305475X' });
    expect(parseIdCard(' 510302 20140305 475X\u3000')).toMatchObject({ ok: true, id: '51030220140305475X' });
    expect(normaliseIdText("'51030220140305475x")).toBe('51030220140305475X');
  });

  it('refuses a wrong check character, naming the expected one', () => {
    const r = parseIdCard('510311201309242530');
    expect(r).toMatchObject({ ok: false, code: 'idcard.check-digit' });
    if (!r.ok) {
      expect(r.zh).toContain('应为 1');
      expect(r.en).toContain('give 1, found 0');
    }
    // every single-digit change is caught
    const good = '510302201309171706';
    for (let i = 0; i < 18; i++) {
      const wrong = good.slice(0, i) + String((Number(good[i]) + 1) % 10) + good.slice(i + 1);
      expect(parseIdCard(wrong).ok, wrong).toBe(false);
    }
  });

  it('refuses wrong length, characters and an impossible birth date inside', () => {
    expect(parseIdCard('51030220130917170')).toMatchObject({ ok: false, code: 'idcard.length' });
    expect(parseIdCard('5103022013091717061')).toMatchObject({ ok: false, code: 'idcard.length' });
    expect(parseIdCard('51030220130917X706')).toMatchObject({ ok: false, code: 'idcard.characters' });
    expect(parseIdCard('51030220130917170A')).toMatchObject({ ok: false, code: 'idcard.characters' });
    const feb30 = '51030220130230100';
    expect(parseIdCard(feb30 + idCheckChar(feb30))).toMatchObject({ ok: false, code: 'idcard.birth-date' });
    expect(parseIdCard('')).toMatchObject({ ok: false, code: 'idcard.empty' });
  });

  it('detects what Excel leaves of a number typed into a number cell', () => {
    for (const t of ['5.10302E+17', '5.10302201309012e+17', '5.10302201309011E+17', '5.1E17', '510302201309011000', '51030220130901100']) {
      expect(isExcelMangled(t), t).toBe(true);
      const r = parseIdCard(t);
      expect(r, t).toMatchObject({ ok: false, code: 'idcard.excel-mangled' });
      if (!r.ok) {
        expect(r.zh).toContain('文本');
        expect(r.en).toContain('format the column as Text');
      }
    }
    for (const t of ['510302201309171706', '51030220140305475X', '18797512014', '510311201309242530', '510302201309010000x']) {
      expect(isExcelMangled(t), t).toBe(false);
    }
    // a real number that ends in 000 with a fitting check digit is not called mangled on its own
    const ends000 = validIdEndingIn000();
    expect(parseIdCard(ends000)).toMatchObject({ ok: true });
    expect(isExcelMangled(ends000)).toBe(false);
  });
});

/** The ID-card checks at their edges: the check character X in the wrong place, odd white space, long cells. */
import { describe, expect, it } from 'vitest';
import { clip, idCheckChar, isExcelMangled, normaliseIdText, parseIdCard } from './id-card.js';

describe('the check character X', () => {
  it('is refused where the first 17 digits give a digit', () => {
    // GB 11643's second example: 44052418800101001 gives 4.
    const r = parseIdCard('44052418800101001X');
    expect(r).toEqual({
      ok: false,
      code: 'idcard.check-digit',
      zh: '身份证号“44052418800101001X”校验码不符（按前 17 位应为 4，实为 X）：请核对整个号码，任何一位都可能录错',
      en: 'the check character of the ID-card number "44052418800101001X" is wrong (the first 17 digits give 4, found X): check the whole number, any digit may be mistyped',
    });
  });

  it('is required where the first 17 digits give X, and a digit there is refused', () => {
    for (const last of '0123456789') {
      expect(parseIdCard('11010519491231002' + last), last).toMatchObject({ ok: false, code: 'idcard.check-digit' });
    }
    expect(parseIdCard('11010519491231002X')).toMatchObject({ ok: true });
  });

  it('maps each remainder of the weighted sum to its character', () => {
    // One first-17 per remainder 0..10, the sum worked by hand from the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
    // a single 1 in the last position adds 2, in the 8th adds 1.
    const withSum = (s: number) => {
      const d = Array(17).fill(0);
      d[7] = s % 2; // weight 1
      d[16] = Math.floor(s / 2); // weight 2
      return d.join('');
    };
    const expected = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    for (let s = 0; s <= 10; s++) expect(idCheckChar(withSum(s)), `sum ${s}`).toBe(expected[s]);
    expect(idCheckChar('10000000000000000')).toBe('5'); // 7 → '5'
    expect(idCheckChar('01000000000000000')).toBe('3'); // 9 → '3'
  });

  it('is only computed from exactly 17 digits', () => {
    for (const bad of ['1101051949123100X', '110105194912310021', '1101051949123100', ' 11010519491231002', '11010519491231002\n']) {
      expect(() => idCheckChar(bad), JSON.stringify(bad)).toThrow(new RangeError('idCheckChar needs 17 digits'));
    }
  });
});

describe('what the clerk typed', () => {
  it('loses zero-width characters, no-break spaces and one leading apostrophe only', () => {
    expect(normaliseIdText('\u200b5103\u200c0220\u200d1403\u2060054\ufeff75\u00a0x')).toBe('51030220140305475X');
    expect(normaliseIdText("''5103")).toBe("'5103");
    expect(normaliseIdText("51'03")).toBe("51'03");
    expect(normaliseIdText('a\tb\nc')).toBe('ABC');
  });

  it('is quoted as shown, trimmed, and clipped to 40 characters', () => {
    const forty = '一'.repeat(40);
    expect(clip(forty)).toBe(forty);
    expect(clip(forty + '二')).toBe(forty + '…');
    expect(clip('𠀀'.repeat(41))).toBe('𠀀'.repeat(40) + '…');
    const r = parseIdCard('  51030220130917170  ');
    expect(r).toEqual({
      ok: false,
      code: 'idcard.length',
      zh: '身份证号“51030220130917170”应为 18 位，实为 17 位',
      en: 'the ID-card number "51030220130917170" must have 18 characters, it has 17',
    });
  });

  it('names the impossible birth date and the characters rule in its messages', () => {
    const feb30 = '51030220130230100';
    expect(parseIdCard(feb30 + idCheckChar(feb30))).toEqual({
      ok: false,
      code: 'idcard.birth-date',
      zh: `身份证号“${feb30 + idCheckChar(feb30)}”第 7–14 位的出生日期 20130230 不是真实存在的日期`,
      en: `the birth date 20130230 in positions 7–14 of the ID-card number "${feb30 + idCheckChar(feb30)}" is not a real date`,
    });
    expect(parseIdCard('51030220130917X706')).toEqual({
      ok: false,
      code: 'idcard.characters',
      zh: '身份证号“51030220130917X706”应为 17 位数字加 1 位校验码（数字或 X）',
      en: 'the ID-card number "51030220130917X706" must be 17 digits followed by a check character (a digit or X)',
    });
    expect(parseIdCard('  \u3000 ')).toEqual({ ok: false, code: 'idcard.empty', zh: '身份证号为空', en: 'the ID-card number is empty' });
  });

  it('reads the sex from the 17th digit: odd a boy, even a girl', () => {
    expect(parseIdCard('440524188001010014')).toMatchObject({ sex: '男' });
    expect(parseIdCard('11010519491231002X')).toMatchObject({ sex: '女' });
  });
});

describe('what Excel leaves', () => {
  it('is any scientific notation, signed or not, with or without a fraction', () => {
    for (const t of ['5E17', '51E16', '+5.1E+17', '-5.10302E-3', '5.E17']) expect(isExcelMangled(t), t).toBe(true);
    for (const t of ['5.1', 'E17', '5.1E', '5.1E17X', 'X5.1E17']) expect(isExcelMangled(t), t).toBe(false);
  });

  it('is 15 digits followed by one to three zeros, unless the whole is a valid number', () => {
    const fifteen = '510302201309011';
    expect(isExcelMangled(fifteen)).toBe(false);
    expect(isExcelMangled(fifteen + '0')).toBe(true);
    expect(isExcelMangled(fifteen + '00')).toBe(true);
    expect(isExcelMangled(fifteen + '000')).toBe(true);
    expect(isExcelMangled(fifteen + '0000')).toBe(false);
    expect(isExcelMangled('x' + fifteen + '000')).toBe(false);
    expect(isExcelMangled(fifteen + '000x')).toBe(false);
  });
});

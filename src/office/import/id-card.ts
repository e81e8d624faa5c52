/**
 * Resident ID-card numbers (居民身份证号码), GB 11643-1999: 6 digits of area, 8 digits of birth date
 * (YYYYMMDD), 3 digits of sequence (odd for men, even for women) and a check character computed with
 * ISO 7064 MOD 11-2.
 */
import { formatDate, isRealDate } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type ParsedIdCard =
  { ok: true; id: string; birthDate: string; sex: '男' | '女' } | { ok: false; code: string; zh: string; en: string };

/**
 * What an operator means by the text in the cell: full-width digits become ASCII (NFKC), white space
 * anywhere (including U+3000 and no-break space) and zero-width characters are removed, a leading
 * apostrophe (Excel's "store as text" mark, when it leaks into an export) is dropped, `x` becomes `X`.
 */
export function normaliseIdText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/^'/, '')
    .toUpperCase();
}

/** The check character (0–9 or X) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

const SCIENTIFIC = /^[+-]?\d+(\.\d*)?E[+-]?\d+$/;

/**
 * True when the text is what Excel leaves of an ID number that was typed into a cell formatted as a
 * number: scientific notation (`5.10302E+17`, or `5.10302201309012e+17` as a program prints the
 * stored number), or a 16–18 digit string whose digits after the 15th are all zero (Excel keeps only
 * 15 significant digits) and that is not a valid ID number. The last three digits are lost either
 * way and cannot be recovered from the file.
 */
export function isExcelMangled(text: string): boolean {
  const t = normaliseIdText(text);
  if (SCIENTIFIC.test(t)) return true;
  if (/^\d{15}0{1,3}$/.test(t)) return !(t.length === 18 && idCheckChar(t.slice(0, 17)) === t[17]);
  return false;
}

/** Checks one ID-card number and reads the birth date and sex from it. */
export function parseIdCard(text: string): ParsedIdCard {
  const shown = clip(text.trim());
  const t = normaliseIdText(text);
  if (t === '') return bad('idcard.empty', '身份证号为空', 'the ID-card number is empty');
  if (isExcelMangled(t)) {
    return bad(
      'idcard.excel-mangled',
      `身份证号“${shown}”已被 Excel 当作数字处理，后几位已丢失，无法恢复：请把该列设置为“文本”格式后重新录入完整号码`,
      `the ID-card number "${shown}" was stored by Excel as a number and its last digits are lost for good: format the column as Text and enter the full number again`,
    );
  }
  if (t.length !== 18) {
    return bad(
      'idcard.length',
      `身份证号“${shown}”应为 18 位，实为 ${[...t].length} 位`,
      `the ID-card number "${shown}" must have 18 characters, it has ${[...t].length}`,
    );
  }
  if (!/^\d{17}[\dX]$/.test(t)) {
    return bad(
      'idcard.characters',
      `身份证号“${shown}”应为 17 位数字加 1 位校验码（数字或 X）`,
      `the ID-card number "${shown}" must be 17 digits followed by a check character (a digit or X)`,
    );
  }
  const y = Number(t.slice(6, 10));
  const m = Number(t.slice(10, 12));
  const d = Number(t.slice(12, 14));
  if (!isRealDate(y, m, d)) {
    return bad(
      'idcard.birth-date',
      `身份证号“${shown}”第 7–14 位的出生日期 ${t.slice(6, 14)} 不是真实存在的日期`,
      `the birth date ${t.slice(6, 14)} in positions 7–14 of the ID-card number "${shown}" is not a real date`,
    );
  }
  const expected = idCheckChar(t.slice(0, 17));
  if (expected !== t[17]) {
    return bad(
      'idcard.check-digit',
      `身份证号“${shown}”校验码不符（按前 17 位应为 ${expected}，实为 ${t[17]}）：请核对整个号码，任何一位都可能录错`,
      `the check character of the ID-card number "${shown}" is wrong (the first 17 digits give ${expected}, found ${t[17]}): check the whole number, any digit may be mistyped`,
    );
  }
  return { ok: true, id: t, birthDate: formatDate({ y, m, d }), sex: (t.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女' };
}

function bad(code: string, zh: string, en: string): ParsedIdCard {
  return { ok: false, code, zh, en };
}

/** Cell text quoted in a message: at most 40 characters. */
export function clip(text: string): string {
  const chars = [...text];
  return chars.length <= 40 ? text : `${chars.slice(0, 40).join('')}…`;
}

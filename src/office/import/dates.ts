/**
 * Calendar dates as they appear in applicant spreadsheets. A date is split into year, month and day
 * before it is checked, so that an impossible date such as 2013-02-30 can still be compared with the
 * birth date inside an ID-card number.
 */

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

export type ParsedDate =
  | { ok: true; date: string; parts: DateParts }
  /** `format`: not one of the accepted spellings. `impossible`: well spelled, but no such day. */
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'impossible'; parts: DateParts };

const SPELLINGS: RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/, // 2013-09-01, 2013-9-1
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, // 2013/9/1
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/, // 2013.09.01
  /^(\d{4})(\d{2})(\d{2})$/, // 20130901
];

/** True when y-m-d is a day of the Gregorian calendar (years 1000–9999). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` with zero padding. */
export function formatDate(p: DateParts): string {
  return `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/**
 * Reads YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD or YYYYMMDD (surrounding white space ignored). A time of
 * exactly midnight after the date (`2013-09-01 00:00:00`, as some exports write it) is accepted too.
 */
export function parseDate(text: string): ParsedDate {
  const t = text
    .trim()
    .replace(/[T\s]+0{1,2}:00(:00(\.0+)?)?$/, '')
    .trim();
  for (const re of SPELLINGS) {
    const m = re.exec(t);
    if (m === null) continue;
    const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    if (!isRealDate(parts.y, parts.m, parts.d)) return { ok: false, reason: 'impossible', parts };
    return { ok: true, date: formatDate(parts), parts };
  }
  return { ok: false, reason: 'format' };
}

/** The same calendar day (compares the parts, so it works for impossible dates as well). */
export function sameDay(a: DateParts, b: DateParts): boolean {
  return a.y === b.y && a.m === b.m && a.d === b.d;
}

/**
 * Invented applicants for the demo: made-up names and ID-card numbers with valid GB 11643 check
 * characters, born in the 2020 school-entry window, spread over the demo's two schools. The same
 * count always gives the same file; it describes no real person.
 */
import { idCheckChar } from '../import/id-card.js';

const AREAS = ['510302', '510303', '510304', '510311', '510321', '510322', '510381', '510402', '510403', '510411'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '子涵一诺欣怡梓轩浩然思远雨桐嘉怡俊熙若曦宇航晨阳';
const STREETS = ['汇东路', '五星街', '丹桂大街', '檀木林街', '塘坎上路', '解放路'];
/** The window the demo event accepts (2013-09-01 … 2014-08-31). */
const FIRST_BIRTH_DAY = Date.UTC(2013, 8, 1);
const DAYS = 365;
/** Distinct ID numbers the scheme below can give: area × birth day × two-digit sequence × sex digit. */
export const MAX_INVENTED = AREAS.length * DAYS * 100 * 10;

/**
 * A CSV file (UTF-8, the bureau's import columns) of `count` invented applicants. Every one lists
 * both schools; the first choice alternates between 檀木林小学 (TML) and 塘坎上小学 (TKS), and one in
 * five lists only its first choice. Each has an invented mailing address for the notice's envelope.
 */
export function inventedApplicantsCsv(count: number): Uint8Array {
  let s = 2020;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  // The mailing address and postcode go where a window envelope shows them on the family's notice.
  const lines = [
    ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '类别', '多胞胎组', '通讯地址', '邮政编码'].join(','),
  ];
  for (let i = 0; i < count; i++) {
    // Unique for every i below MAX_INVENTED: area × birth day × sequence × sex digit.
    const area = AREAS[i % AREAS.length]!;
    const born = new Date(FIRST_BIRTH_DAY + (Math.floor(i / AREAS.length) % DAYS) * 86_400_000);
    const birth = born.toISOString().slice(0, 10);
    const rest = Math.floor(i / (AREAS.length * DAYS));
    const seq = String(rest % 100).padStart(2, '0');
    const sexDigit = (Math.floor(rest / 100) % 5) * 2 + (i % 2); // odd: 男, even: 女
    const first17 = `${area}${birth.replace(/-/g, '')}${seq}${sexDigit}`;
    const [first, second] = i % 2 === 0 ? ['TML', 'TKS'] : ['TKS', 'TML'];
    lines.push(
      [
        SURNAMES[rnd(SURNAMES.length)]! + GIVEN[rnd(GIVEN.length)]!,
        sexDigit % 2 ? '男' : '女',
        first17 + idCheckChar(first17),
        birth,
        `${SURNAMES[rnd(SURNAMES.length)]}某`,
        `139${String(rnd(1e8)).padStart(8, '0')}`,
        first,
        i % 5 === 4 ? '' : second,
        '1',
        '',
        `自流井区${STREETS[i % STREETS.length]}${(i % 180) + 1}号${(i % 6) + 1}栋${(i % 4) + 1}单元`,
        '643000',
      ].join(','),
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * Invented applicant files for tests: made-up names and ID-card numbers with valid GB 11643
 * check characters. Deterministic for a given seed; describes no real person.
 */
import { idCheckChar } from '../../src/office/import/id-card.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '子涵一诺欣怡梓轩浩然思远雨桐嘉怡俊熙若曦宇航晨阳';

export interface SyntheticRow {
  name: string;
  choices: string[];
  tier?: number;
  group?: string;
}

export function syntheticCsv(rows: SyntheticRow[], seed = 1): Uint8Array {
  let s = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const maxChoices = Math.max(1, ...rows.map((r) => r.choices.length));
  const header = ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', ...Array.from({ length: maxChoices }, (_, i) => `志愿${i + 1}`), '类别', '多胞胎组'];
  const lines = [header.join(',')];
  rows.forEach((r, i) => {
    const day = 1 + (i % 28);
    const birth = `2013-10-${String(day).padStart(2, '0')}`;
    const seq = String(100 + ((i * 7) % 900)).padStart(3, '0');
    const sexDigit = (i % 2) * 2 + 1; // odd: 男
    const first17 = `510302${birth.replace(/-/g, '')}${seq.slice(0, 2)}${sexDigit}`;
    const id = first17 + idCheckChar(first17);
    const name = r.name || SURNAMES[rnd(SURNAMES.length)]! + GIVEN[rnd(GIVEN.length)]!;
    const cells = [name, '男', id, birth, `${SURNAMES[rnd(SURNAMES.length)]}某`, `139${String(rnd(1e8)).padStart(8, '0')}`];
    for (let c = 0; c < maxChoices; c++) cells.push(r.choices[c] ?? '');
    cells.push(String(r.tier ?? 1), r.group ?? '');
    lines.push(cells.join(','));
  });
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * Invented applicant files for tests: made-up names and ID-card numbers with valid GB 11643
 * check characters. Deterministic for a given seed; describes no real person.
 */
import { idCheckChar } from '../../src/office/import/id-card.js';

const AREAS = ['510302', '510303', '510304', '510311', '510321', '510322', '510381', '510402', '510403', '510411'];
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
  const header = [
    '姓名',
    '性别',
    '身份证号',
    '出生日期',
    '监护人',
    '联系电话',
    ...Array.from({ length: maxChoices }, (_, i) => `志愿${i + 1}`),
    '类别',
    '多胞胎组',
  ];
  const lines = [header.join(',')];
  rows.forEach((r, i) => {
    // Unique for up to ~1.8 million rows: area × birth day (2013-09-01 … 2014-08-31) × sequence.
    const area = AREAS[i % AREAS.length]!;
    const born = new Date(Date.UTC(2013, 8, 1) + (Math.floor(i / AREAS.length) % 365) * 86_400_000);
    const birth = born.toISOString().slice(0, 10);
    const rest = Math.floor(i / (AREAS.length * 365));
    const seq = String(rest % 100).padStart(2, '0');
    const sexDigit = (Math.floor(rest / 100) % 5) * 2 + (i % 2); // odd: 男, even: 女
    const first17 = `${area}${birth.replace(/-/g, '')}${seq}${sexDigit}`;
    const id = first17 + idCheckChar(first17);
    const name = r.name || SURNAMES[rnd(SURNAMES.length)]! + GIVEN[rnd(GIVEN.length)]!;
    const cells = [
      name,
      sexDigit % 2 ? '男' : '女',
      id,
      birth,
      `${SURNAMES[rnd(SURNAMES.length)]}某`,
      `139${String(rnd(1e8)).padStart(8, '0')}`,
    ];
    for (let c = 0; c < maxChoices; c++) cells.push(r.choices[c] ?? '');
    cells.push(String(r.tier ?? 1), r.group ?? '');
    lines.push(cells.join(','));
  });
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importApplicantsFile, type ImportResult } from './index.js';
import { samplePath, SAMPLE_UNITS, SAMPLE_WINDOW } from './test-support.js';

const OPTIONS = { units: SAMPLE_UNITS, ageWindow: SAMPLE_WINDOW };

async function load(name: string): Promise<ImportResult> {
  return importApplicantsFile(readFileSync(samplePath(name)), name, OPTIONS);
}

describe('the sample files', () => {
  it('imports 105 applicants from each good file, with identical results', async () => {
    const [xlsx, utf8, gbk] = await Promise.all([load('applicants.xlsx'), load('applicants.utf8.csv'), load('applicants.gbk.csv')]);
    for (const r of [xlsx, utf8, gbk]) {
      expect(r.errors, r.file).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.applicants).toHaveLength(105);
    }
    expect(utf8.applicants).toEqual(xlsx.applicants);
    expect(gbk.applicants).toEqual(xlsx.applicants);
    expect(gbk.summary).toEqual(xlsx.summary);

    const ids = xlsx.applicants.map((a) => a.idNumber);
    expect(new Set(ids).size).toBe(105);
    expect(xlsx.applicants[0]).toEqual({
      row: 2,
      name: '于葛琪桐',
      sex: '女',
      idNumber: '510302201309171706',
      birthDate: '2013-09-17',
      guardian: '向文',
      phone: '18797512014',
      tier: 1,
      choices: ['tanmulin'],
      extra: {},
    });
    expect(xlsx.applicants.find((a) => a.idNumber === '51030220140305475X')).toMatchObject({ sex: '男', choices: ['tangkanshang'] });

    const twins = xlsx.applicants.filter((a) => a.group !== undefined);
    expect(twins.map((a) => [a.row, a.name, a.group])).toEqual([
      [32, '程懿', 'T0035'],
      [74, '程嘉豪', 'T0035'],
    ]);
    expect(twins[0]!.choices).toEqual(twins[1]!.choices);
  });

  it('summarises per unit and per tier', async () => {
    const r = await load('applicants.xlsx');
    expect(r.summary).toEqual({
      applicants: 105,
      groups: 1,
      groupMembers: 2,
      perUnit: [
        { id: 'tanmulin', name: '檀木林小学', firstChoice: 47, anyChoice: 47 },
        { id: 'tangkanshang', name: '塘坎上小学', firstChoice: 58, anyChoice: 58 },
      ],
      perTier: [
        { tier: 1, applicants: 79 },
        { tier: 2, applicants: 26 },
      ],
    });
  });

  it.each(['applicants-bad.xlsx', 'applicants-bad.utf8.csv', 'applicants-bad.gbk.csv'])(
    'refuses %s with errors on exactly the planted rows',
    async (name) => {
      const r = await load(name);
      expect(r.ok).toBe(false);
      expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [5, '身份证号', 'idcard.check-digit'],
        // row 9 carries row 7's ID number: duplicate, and that number's birth date and sex (a girl) are not row 9's
        [9, '性别', 'sex.idcard-mismatch'],
        [9, '身份证号', 'idcard.duplicate'],
        [9, '出生日期', 'birthdate.idcard-mismatch'],
        [11, '志愿1', 'choice.unknown-unit'],
        [13, '姓名', 'field.empty'],
        [15, '出生日期', 'birthdate.impossible'],
        [15, '出生日期', 'birthdate.idcard-mismatch'],
      ]);
      const dup = r.errors.find((e) => e.code === 'idcard.duplicate')!;
      expect(dup.zh).toContain('第 7 行');
      expect(dup.en).toContain('row 7');
      expect(r.errors.find((e) => e.code === 'choice.unknown-unit')!.zh).toContain('不存在小学');
      expect(r.errors.find((e) => e.code === 'birthdate.impossible')!.en).toContain('2013-02-30');
      const accepted = new Set(r.applicants.map((a) => a.row));
      expect([5, 9, 11, 13, 15].filter((row) => accepted.has(row))).toEqual([]);
      expect(r.applicants).toHaveLength(100);
    },
  );
});

describe('the demo data (demo/ at the repository root)', () => {
  const demo = (name: string): string => fileURLToPath(new URL(`../../../demo/${name}`, import.meta.url));

  it('holds the good files, which import cleanly, and the bad workbook, which is refused', async () => {
    for (const name of ['applicants.xlsx', 'applicants.utf8.csv', 'applicants.gbk.csv']) {
      const r = await importApplicantsFile(readFileSync(demo(name)), name, OPTIONS);
      expect(r.errors, name).toEqual([]);
      expect(r.applicants, name).toHaveLength(105);
    }
    const bad = await importApplicantsFile(readFileSync(demo('applicants-bad.xlsx')), 'applicants-bad.xlsx', OPTIONS);
    expect([...new Set(bad.errors.map((e) => e.row))]).toEqual([5, 9, 11, 13, 15]);
  });
});

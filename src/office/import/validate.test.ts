import { describe, expect, it } from 'vitest';
import { importApplicantsFile } from './index.js';
import type { Table } from './table.js';
import { boyIdWithX, fakeId, SAMPLE_UNITS, SAMPLE_WINDOW, utf8, validIdEndingIn000, xlsxBytes } from './test-support.js';
import { validateApplicants, type ImportError, type ValidateOptions } from './validate.js';

const H = ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '类别', '多胞胎组'] as const;
type Rec = Partial<Record<(typeof H)[number] | string, string>>;

/** A valid applicant born 2013-10-15; person i gets a distinct ID number (a girl's: even sequence). */
function person(i: number, over: Rec = {}): Rec {
  const birth = '2013-10-15';
  return {
    姓名: `学生${i}`,
    性别: '女',
    身份证号: fakeId(birth, (2 * i) % 1000, `5103${String(10 + Math.floor(i / 500))}`),
    出生日期: birth,
    监护人: `家长${i}`,
    联系电话: '13800000000',
    志愿1: '檀木林小学',
    志愿2: '塘坎上小学',
    类别: '1',
    多胞胎组: '',
    ...over,
  };
}

function table(recs: Rec[], headers: readonly string[] = H): Table {
  return { headers: [...headers], rows: recs.map((r, i) => ({ row: i + 2, cells: headers.map((h) => r[h] ?? '') })) };
}

const OPTS: ValidateOptions = { file: 'test.csv', units: SAMPLE_UNITS, ageWindow: SAMPLE_WINDOW };

function codes(errors: ImportError[]): [number, string, string][] {
  return errors.map((e) => [e.row, e.field, e.code]);
}

function csv(headers: readonly string[], recs: Rec[]): Uint8Array {
  return utf8([headers.join(','), ...recs.map((r) => headers.map((h) => r[h] ?? '').join(','))].join('\r\n') + '\r\n');
}

describe('validateApplicants: a clean file', () => {
  it('gives each applicant with unit ids in order, ID-derived fields, group label and extra columns', () => {
    const t = table(
      [
        person(1, { 姓名: ' Zoe\u0308 张\u3000', 志愿1: 'tangkanshang', 志愿2: ' 檀木林 小学 ', 类别: '02', 备注: ' 转学 ' }),
        person(2, { 多胞胎组: 'T1', 性别: '' }),
        person(3, { 多胞胎组: 'T1', 志愿2: '' }),
      ].map((r, i) => (i === 2 ? { ...r, 志愿2: '塘坎上小学' } : r)),
      [...H, '备注'],
    );
    const r = validateApplicants(t, OPTS);
    expect(r.errors).toEqual([]);
    expect(r.applicants).toHaveLength(3);
    expect(r.applicants[0]).toEqual({
      row: 2,
      name: 'Zoë 张',
      sex: '女',
      idNumber: fakeId('2013-10-15', 2, '510310'),
      birthDate: '2013-10-15',
      guardian: '家长1',
      phone: '13800000000',
      tier: 2,
      choices: ['tangkanshang', 'tanmulin'],
      extra: { 备注: '转学' },
    });
    expect(r.applicants[0]!.name).toBe('Zoë 张'.normalize('NFC'));
    expect(r.applicants[1]).toMatchObject({ row: 3, group: 'T1', sex: '女', choices: ['tanmulin', 'tangkanshang'], extra: { 备注: '' } });
    expect(r.applicants[2]).toMatchObject({ row: 4, group: 'T1' });
    expect('group' in r.applicants[0]!).toBe(false);
  });

  it('accepts every birth-date spelling, and a missing 出生日期 or 性别 column (taken from the ID number)', () => {
    const spellings = ['2013-10-15', '2013/10/15', '2013.10.15', '20131015', '2013-10-15 00:00:00'];
    const r = validateApplicants(table(spellings.map((d, i) => person(i, { 出生日期: d }))), OPTS);
    expect(r.errors).toEqual([]);
    expect(r.applicants.map((a) => a.birthDate)).toEqual(spellings.map(() => '2013-10-15'));
    const bare = validateApplicants(table([person(1, { 身份证号: fakeId('2014-02-03', 1) })], ['姓名', '身份证号', '志愿1', '类别']), OPTS);
    expect(bare.errors).toEqual([]);
    expect(bare.applicants[0]).toMatchObject({ birthDate: '2014-02-03', sex: '男', guardian: '', phone: '', choices: ['tanmulin'] });
  });

  it('accepts the age window bounds and skips blank rows', () => {
    const t = table([
      person(1, { 身份证号: fakeId('2013-09-01', 2), 出生日期: '2013-09-01' }),
      {},
      person(2, { 身份证号: fakeId('2014-08-31', 4), 出生日期: '2014-08-31' }),
    ]);
    const r = validateApplicants(t, OPTS);
    expect(r.errors).toEqual([]);
    expect(r.applicants.map((a) => a.row)).toEqual([2, 4]);
  });

  it('reads a real Excel date cell in 出生日期', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名', '身份证号', '出生日期', '志愿1', '类别']);
      ws.addRow(['张三', fakeId('2013-10-15', 1), new Date(Date.UTC(2013, 9, 15)), '檀木林小学', 1]);
    });
    const r = await importApplicantsFile(bytes, 'd.xlsx', { units: SAMPLE_UNITS, ageWindow: SAMPLE_WINDOW });
    expect(r.errors).toEqual([]);
    expect(r.applicants[0]).toMatchObject({ birthDate: '2013-10-15', tier: 1 });
  });
});

describe('validateApplicants: every problem at once, each with row and column', () => {
  it('reports a generated file with a mangled ID, a group of one, a group with different choices, a repeated choice and an age-window violation', async () => {
    const recs = [
      person(1), // row 2: fine
      person(2, { 身份证号: '5.10302E+17' }), // row 3: Excel-mangled
      person(3, { 多胞胎组: 'G-solo' }), // row 4: group of one
      person(4, { 多胞胎组: 'G2' }), // row 5
      person(5, { 多胞胎组: 'G2', 志愿1: '塘坎上小学', 志愿2: '檀木林小学' }), // row 6: differs from row 5
      person(6, { 志愿2: 'tanmulin' }), // row 7: same school twice
      person(7, { 身份证号: fakeId('2012-08-31', 14), 出生日期: '2012-08-31' }), // row 8: too old
      person(8, { 身份证号: fakeId('2014-09-01', 16), 出生日期: '2014-09-01' }), // row 9: too young
    ];
    const r = await importApplicantsFile(csv(H, recs), 'generated.csv', { units: SAMPLE_UNITS, ageWindow: SAMPLE_WINDOW });
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual([
      [3, '身份证号', 'idcard.excel-mangled'],
      [4, '多胞胎组', 'group.single'],
      [6, '多胞胎组', 'group.choices-differ'],
      [7, '志愿2', 'choice.repeated'],
      [8, '出生日期', 'birthdate.out-of-window'],
      [9, '出生日期', 'birthdate.out-of-window'],
    ]);
    const [mangled, single, differ, repeated, old] = r.errors;
    expect(mangled!.zh).toContain('文本');
    expect(mangled!.en).toContain('format the column as Text');
    expect(single!.zh).toContain('G-solo');
    expect(differ!.zh).toContain('第 5 行');
    expect(differ!.en).toContain('row 5');
    expect(repeated!.en).toContain('志愿1');
    expect(old!.zh).toContain('2013-09-01 至 2014-08-31');
    expect(r.applicants.map((a) => a.row)).toEqual([2, 5]);
  });

  it('refuses an ID number stored as a number in a workbook', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名', '身份证号', '志愿1', '类别']);
      ws.addRow(['张三', Number('510302201309011234'), '檀木林小学', 1]); // an ID typed into a number cell
      ws.addRow(['李四', fakeId('2013-10-15', 1), '檀木林小学', 1]);
    });
    const r = await importApplicantsFile(bytes, 'n.xlsx', { units: SAMPLE_UNITS });
    expect(codes(r.errors)).toEqual([[2, '身份证号', 'idcard.excel-mangled']]);
    expect(r.errors[0]!.zh).toContain('5.10302201309011e+17');
  });

  it('once one ID in the file is mangled, also flags IDs ending in 000 (their check digit may fit by chance)', () => {
    const ends000 = validIdEndingIn000();
    const withMangled = validateApplicants(
      table([person(1, { 身份证号: '510302201309011000' }), person(2, { 身份证号: ends000, 出生日期: '' })]),
      OPTS,
    );
    expect(codes(withMangled.errors)).toEqual([
      [2, '身份证号', 'idcard.excel-mangled'],
      [3, '身份证号', 'idcard.excel-mangled'],
    ]);
    const alone = validateApplicants(table([person(1), person(2, { 身份证号: ends000, 出生日期: '' })]), OPTS);
    expect(alone.errors).toEqual([]);
  });

  it('reports duplicates within the file (later row names the earlier) and against earlier imports', () => {
    const x = boyIdWithX();
    const lower = x.replace('X', 'x');
    const t = table([
      person(1, { 身份证号: x, 性别: '男' }),
      person(2),
      person(3, { 身份证号: lower, 性别: '男' }),
      person(4, { 身份证号: ` ${lower} `, 性别: '男' }),
    ]);
    const r = validateApplicants(t, { ...OPTS, existingIdNumbers: new Set([` ${person(2).身份证号!} `]) });
    expect(codes(r.errors)).toEqual([
      [3, '身份证号', 'idcard.already-registered'],
      [4, '身份证号', 'idcard.duplicate'],
      [5, '身份证号', 'idcard.duplicate'],
    ]);
    expect(r.applicants.map((a) => [a.row, a.idNumber])).toEqual([[2, x]]);
    expect(r.errors[1]!.zh).toContain('与第 2 行相同');
    expect(r.errors[1]!.en).toContain('same as in row 2');
    expect(r.errors[2]!.en).toContain('row 2');
  });

  it('reports each empty required field, naming its column', () => {
    const r = validateApplicants(table([person(1, { 姓名: ' ', 身份证号: '', 志愿1: '', 志愿2: '', 类别: '\u3000' })]), OPTS);
    expect(codes(r.errors)).toEqual([
      [2, '姓名', 'field.empty'],
      [2, '身份证号', 'field.empty'],
      [2, '志愿1', 'field.empty'],
      [2, '类别', 'field.empty'],
    ]);
    expect(r.applicants).toEqual([]);
  });

  it('checks the tier, the sex, the name, the choices and the dates', () => {
    const boy = fakeId('2013-10-15', 3);
    const t = table([
      person(1, { 类别: '0' }),
      person(2, { 类别: '100' }),
      person(3, { 类别: '1.5' }),
      person(4, { 性别: '男' }), // girl's ID number
      person(5, { 性别: 'F' }),
      person(6, { 姓名: '张\t三' }),
      person(7, { 志愿1: '檀木林', 志愿2: '' }),
      person(8, { 出生日期: '2013年10月15日' }),
      person(9, { 出生日期: '2013-10-16' }),
      person(10, { 身份证号: boy, 性别: '男', 出生日期: '2013-10-15' }), // fine
    ]);
    const r = validateApplicants(t, OPTS);
    expect(codes(r.errors)).toEqual([
      [2, '类别', 'tier.invalid'],
      [3, '类别', 'tier.invalid'],
      [4, '类别', 'tier.invalid'],
      [5, '性别', 'sex.idcard-mismatch'],
      [6, '性别', 'sex.invalid'],
      [7, '姓名', 'name.invalid-characters'],
      [8, '志愿1', 'choice.unknown-unit'],
      [9, '出生日期', 'birthdate.format'],
      [10, '出生日期', 'birthdate.idcard-mismatch'],
    ]);
    expect(r.applicants.map((a) => a.row)).toEqual([11]);
    expect(r.errors.every((e) => e.zh !== '' && e.en !== '' && /[\u4e00-\u9fff]/.test(e.zh) && /[a-z]/.test(e.en))).toBe(true);
  });

  it('reports a gap between choices and a group whose tiers differ', () => {
    const h = [...H.slice(0, 8), '志愿3', '类别', '多胞胎组'];
    const t = table(
      [
        person(1, { 志愿2: '', 志愿3: '塘坎上小学' }),
        person(2, { 多胞胎组: '双胞胎甲', 类别: '1' }),
        person(3, { 多胞胎组: '双胞胎甲', 类别: '2' }),
      ],
      h,
    );
    expect(codes(validateApplicants(t, OPTS).errors)).toEqual([
      [2, '志愿3', 'choice.gap'],
      [4, '多胞胎组', 'group.tier-differ'],
    ]);
  });

  it('reports everything wrong in one row, in column order', () => {
    const r = validateApplicants(
      table([person(1, { 性别: '未知', 身份证号: '510302201310150001', 出生日期: '2013-02-30', 志愿1: '一小', 志愿2: '一小', 类别: 'A' })]),
      OPTS,
    );
    expect(codes(r.errors)).toEqual([
      [2, '性别', 'sex.invalid'],
      [2, '身份证号', 'idcard.check-digit'],
      [2, '出生日期', 'birthdate.impossible'],
      [2, '志愿1', 'choice.unknown-unit'],
      [2, '志愿2', 'choice.unknown-unit'],
      [2, '类别', 'tier.invalid'],
    ]);
  });

  it('reports progress every 1,000 rows and at the end', () => {
    const recs = Array.from({ length: 2500 }, (_, i) => person(i));
    const calls: [number, number][] = [];
    const r = validateApplicants(table(recs), { ...OPTS, onProgress: (d, n) => calls.push([d, n]) });
    expect(r.errors).toEqual([]);
    expect(calls).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('accepts an open-ended age window written as 0000-01-01 or 9999-12-31', () => {
    const recs = [person(1), person(2, { 身份证号: fakeId('2015-01-01', 2), 出生日期: '2015-01-01' })];
    const open = validateApplicants(table(recs), { ...OPTS, ageWindow: { bornFrom: '0000-01-01', bornTo: '2014-08-31' } });
    expect(codes(open.errors)).toEqual([[3, '出生日期', 'birthdate.out-of-window']]);
    expect(validateApplicants(table(recs), { ...OPTS, ageWindow: { bornFrom: '2013-09-01', bornTo: '9999-12-31' } }).errors).toEqual([]);
  });

  it('throws for a file without data rows and for a wrong age window', () => {
    expect(() => validateApplicants(table([{}]), OPTS)).toThrow(
      expect.objectContaining({ code: 'import.no-rows', where: { file: 'test.csv' } }),
    );
    expect(() => validateApplicants(table([person(1)]), { ...OPTS, ageWindow: { bornFrom: '2014-09-01', bornTo: '2013-08-31' } })).toThrow(
      expect.objectContaining({ code: 'import.age-window' }),
    );
    expect(() => validateApplicants(table([person(1)]), { ...OPTS, ageWindow: { bornFrom: '2013-02-30', bornTo: '2014-08-31' } })).toThrow(
      expect.objectContaining({ code: 'import.age-window' }),
    );
  });
});

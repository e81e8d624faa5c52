/**
 * Workbooks as people make them: several sheets, merged headers, formulas without results, the
 * template's example row left in, and files past the import's limits. Each workbook is built here.
 */
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { FairDrawError } from '../../core/errors.js';
import { importTemplateWorkbook } from '../documents/import-template.js';
import { importApplicantsFile, SheetChoiceRequired, type ImportOptions, type ImportResult } from './index.js';
import { fakeId, SAMPLE_UNITS, SAMPLE_WINDOW, utf8, xlsxBytes } from './test-support.js';

const OPTS: ImportOptions = { units: SAMPLE_UNITS, ageWindow: SAMPLE_WINDOW };
const HEADER = ['姓名', '性别', '身份证号', '出生日期', '志愿1', '类别'];
const ID1 = fakeId('2013-10-01', 11);
const ID2 = fakeId('2013-11-02', 12);
const row = (name: string, id: string, unit = '檀木林小学'): string[] => [
  name,
  Number(id[16]) % 2 === 1 ? '男' : '女',
  id,
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
  unit,
  '1',
];

function applicantSheet(wb: ExcelJS.Workbook, name: string, rows: (string | ExcelJS.CellValue)[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return ws;
}

async function refusal(p: Promise<unknown>): Promise<FairDrawError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FairDrawError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

describe('a workbook with more than one sheet', () => {
  const twoLists = () =>
    xlsxBytes((wb) => {
      applicantSheet(wb, '报名名单', [row('张三', ID1)]);
      applicantSheet(wb, '报名名单（旧）', [row('李四', ID2)]);
      wb.addWorksheet('说明').addRow(['填表说明']);
    });

  it('is refused when two sheets look like applicant lists, naming both, and nothing is read', async () => {
    const e = await refusal(importApplicantsFile(await twoLists(), '名单.xlsx', OPTS));
    expect(e).toBeInstanceOf(SheetChoiceRequired);
    expect(e.code).toBe('import.sheet-ambiguous');
    expect((e as SheetChoiceRequired).sheets).toEqual(['报名名单', '报名名单（旧）']);
    expect(e.zh).toContain('“报名名单（旧）”');
    expect(e.en).toContain('--sheet');
    expect(e.where.file).toBe('名单.xlsx');
  });

  it('imports the sheet named, and only that one', async () => {
    const r = await importApplicantsFile(await twoLists(), '名单.xlsx', { ...OPTS, sheet: '报名名单（旧）' });
    expect(r.ok).toBe(true);
    expect(r.source).toEqual({ kind: 'xlsx', sheet: '报名名单（旧）' });
    expect(r.applicants.map((a) => a.idNumber)).toEqual([ID2]);
  });

  it('refuses a sheet name that is not in the workbook, listing the sheets', async () => {
    const e = await refusal(importApplicantsFile(await twoLists(), '名单.xlsx', { ...OPTS, sheet: 'Sheet9' }));
    expect(e.code).toBe('import.sheet-missing');
    expect(e.zh).toContain('“Sheet9”');
    expect(e.en).toContain('"报名名单", "报名名单（旧）", "说明"');
  });

  it('reads the only sheet with applicant columns, wherever it is, and names it in every row error', async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet('招生单元').addRow(['编号', '名称', '学位']);
      applicantSheet(wb, '一年级', [row('张三', ID1), row('李四', ID2, '不存在小学')]);
    });
    const r = await importApplicantsFile(bytes, '名单.xlsx', OPTS);
    expect(r.source).toEqual({ kind: 'xlsx', sheet: '一年级' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 3, sheet: '一年级', field: '志愿1', code: 'choice.unknown-unit' });
  });

  it('names the sheet in a refusal of the whole sheet', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证号', '志愿1']); // no 类别
      ws.addRow(['张三', ID1, '檀木林小学']);
    });
    const e = await refusal(importApplicantsFile(bytes, '名单.xlsx', OPTS));
    expect(e.code).toBe('import.column-missing');
    expect(e.zh).toMatch(/^工作表“名单”：缺少必需的列：类别/);
    expect(e.en).toMatch(/^sheet "名单": required column missing: 类别/);
  });
});

describe('a merged header cell', () => {
  it('is reported as such, with its range and the sheet', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名', '性别', '身份证号', '出生日期', '志愿1', '', '类别']);
      ws.mergeCells('E1:F1');
      ws.addRow(['张三', '男', ID1, '', '檀木林小学', '塘坎上小学', '1']);
    });
    const e = await refusal(importApplicantsFile(bytes, '名单.xlsx', OPTS));
    expect(e.code).toBe('import.header-merged');
    expect(e.zh).toContain('合并单元格（E1:F1）');
    expect(e.zh).toContain('工作表“报名名单”');
    expect(e.en).toContain('merged cells (E1:F1)');
    expect(e.where).toMatchObject({ file: '名单.xlsx', line: 1 });
  });

  it('is reported for a title merged across row 1 above the real header, not as missing columns', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.getCell('A1').value = '2026 年一年级报名名单';
      ws.mergeCells('A1:F1');
      ws.addRow(HEADER);
      ws.addRow(row('张三', ID1));
    });
    const e = await refusal(importApplicantsFile(bytes, '名单.xlsx', OPTS));
    expect(e.code).toBe('import.header-merged');
    expect(e.en).toContain('A1:F1');
  });

  it('below the header is no refusal', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = applicantSheet(wb, '报名名单', [row('张三', ID1), row('李四', ID2)]);
      ws.addRow(['备注']);
      ws.mergeCells('A5:F5');
    });
    const r = await importApplicantsFile(bytes, '名单.xlsx', OPTS);
    expect(r.applicants).toHaveLength(2);
  });
});

describe('a formula cell', () => {
  it('without a stored result is an error of its own, not an empty field', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = applicantSheet(wb, '报名名单', [row('张三', ID1)]);
      const r = ws.addRow(row('', ID2));
      r.getCell(1).value = { formula: 'VLOOKUP(C3,花名册!A:B,2,FALSE)' } as ExcelJS.CellFormulaValue;
    });
    const r = await importApplicantsFile(bytes, '名单.xlsx', OPTS);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, '姓名', 'cell.formula-no-value']]);
    expect(r.errors[0]!.zh).toContain('=VLOOKUP(C3,花名册!A:B,2,FALSE)');
    expect(r.errors[0]!.en).toContain('keeps no computed result');
    expect(r.applicants.map((a) => a.name)).toEqual(['张三']);
  });

  it('with a stored result is read as that result', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = applicantSheet(wb, '报名名单', []);
      const r = ws.addRow(row('', ID1));
      r.getCell(1).value = { formula: '"张"&"三"', result: '张三' } as ExcelJS.CellFormulaValue;
    });
    const r = await importApplicantsFile(bytes, '名单.xlsx', OPTS);
    expect(r.ok).toBe(true);
    expect(r.applicants[0]!.name).toBe('张三');
  });
});

describe("the import template's example row", () => {
  const units = SAMPLE_UNITS.map((u) => ({ ...u, seats: 30 }));

  async function filledTemplate(extra: string[][]): Promise<Uint8Array> {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importTemplateWorkbook(units, { ageWindow: SAMPLE_WINDOW })).buffer as ArrayBuffer);
    const ws = wb.getWorksheet('报名名单')!;
    extra.forEach((cells, i) => (ws.getRow(3 + i).values = cells));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('is never imported, and the import says so; the template needs no --sheet', async () => {
    // 姓名 性别 身份证号 出生日期 监护人 联系电话 志愿1 志愿2 类别 多胞胎组
    const bytes = await filledTemplate([['张三', '男', ID1, '', '张父', '13800000001', '檀木林小学', '', '1']]);
    const r: ImportResult = await importApplicantsFile(bytes, '模板.xlsx', OPTS);
    expect(r.errors).toEqual([]);
    expect(r.source).toEqual({ kind: 'xlsx', sheet: '报名名单' });
    expect(r.applicants.map((a) => a.name)).toEqual(['张三']);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ row: 2, sheet: '报名名单' });
    expect(r.skipped[0]!.zh).toContain('示例');
    expect(r.summary.applicants).toBe(1);
  });

  it('alone is refused as a file without applicants', async () => {
    const e = await refusal(importApplicantsFile(await filledTemplate([]), '模板.xlsx', OPTS));
    expect(e.code).toBe('import.no-rows');
    expect(e.en).toContain('worked example');
  });

  it('is also left out of a CSV saved from the template', async () => {
    const { exampleRow } = await import('../documents/import-template.js');
    const ex = exampleRow(units, 1, SAMPLE_WINDOW);
    const csv = [
      '姓名,性别,身份证号,出生日期,监护人,联系电话,志愿1,类别,多胞胎组',
      ex.join(','),
      row('张三', ID1).slice(0, 4).concat(['', '', '檀木林小学', '1', '']).join(','),
    ].join('\n');
    const r = await importApplicantsFile(utf8(csv), '模板.csv', OPTS);
    expect(r.ok).toBe(true);
    expect(r.applicants.map((a) => a.name)).toEqual(['张三']);
    expect(r.skipped.map((s) => s.row)).toEqual([2]);
  });
});

describe('limits', () => {
  const list = (n: number) =>
    xlsxBytes((wb) =>
      applicantSheet(
        wb,
        '报名名单',
        Array.from({ length: n }, (_, i) => row(`学生${i}`, fakeId('2013-10-01', 100 + i))),
      ),
    );

  it('refuse a file over the size limit', async () => {
    const e = await refusal(importApplicantsFile(await list(3), '大.xlsx', { ...OPTS, limits: { maxFileBytes: 1000 } }));
    expect(e.code).toBe('import.file-too-large');
    expect(e.zh).toContain('文件超过 0 MB');
    expect(e.where.file).toBe('大.xlsx');
    const csv = await refusal(
      importApplicantsFile(utf8(`${HEADER.join(',')}\n${row('张三', ID1).join(',')}\n`), 'a.csv', {
        ...OPTS,
        limits: { maxFileBytes: 10 },
      }),
    );
    expect(csv.code).toBe('import.file-too-large');
  });

  it('refuse a workbook that unpacks past the limit (a zip bomb), before reading it', async () => {
    const e = await refusal(importApplicantsFile(await list(3), '炸弹.xlsx', { ...OPTS, limits: { maxUnpackedBytes: 4000 } }));
    expect(e.code).toBe('import.xlsx-too-large');
    expect(e.en).toContain('unpacks to more than');
    expect(e.where.file).toBe('炸弹.xlsx');
  });

  it('refuse more rows than one import takes, in a workbook and in a CSV', async () => {
    const e = await refusal(importApplicantsFile(await list(5), '多.xlsx', { ...OPTS, limits: { maxRows: 4 } }));
    expect(e.code).toBe('import.too-many-rows');
    expect(e.zh).toContain('工作表“报名名单”的报名数据超过 4 行');
    const ok = await importApplicantsFile(await list(4), '多.xlsx', { ...OPTS, limits: { maxRows: 4 } });
    expect(ok.applicants).toHaveLength(4);
    const lines = [HEADER.join(','), ...Array.from({ length: 5 }, (_, i) => row(`学生${i}`, fakeId('2013-10-01', 100 + i)).join(','))];
    const csv = await refusal(importApplicantsFile(utf8(lines.join('\n')), '多.csv', { ...OPTS, limits: { maxRows: 4 } }));
    expect(csv.code).toBe('import.too-many-rows');
  });
});

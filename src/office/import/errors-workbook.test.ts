import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ERRORS_SHEET, errorsWorkbook } from './errors-workbook.js';
import { importApplicantsFile } from './index.js';
import { samplePath, SAMPLE_UNITS } from './test-support.js';
import type { ImportError } from './validate.js';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb;
}

function values(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('errorsWorkbook', () => {
  it('round-trips the errors of the bad sample through ExcelJS: 行号, 列, 错误说明, Error', async () => {
    const r = await importApplicantsFile(readFileSync(samplePath('applicants-bad.xlsx')), 'applicants-bad.xlsx', { units: SAMPLE_UNITS });
    expect(r.errors.length).toBeGreaterThanOrEqual(7);
    const bytes = await errorsWorkbook(r.errors, 'applicants-bad.xlsx');
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const wb = await open(bytes);
    const ws = wb.getWorksheet(ERRORS_SHEET)!;
    expect(wb.worksheets[0]!.name).toBe(ERRORS_SHEET);
    const rows = values(ws);
    expect(rows[0]).toEqual(['行号', '列', '错误说明 (中文)', 'Error (English)']);
    expect(rows.slice(1)).toEqual(r.errors.map((e) => [e.row, e.field, e.zh, e.en]));
    expect(ws.getRow(1).font?.bold).toBe(true);

    const about = values(wb.worksheets[1]!);
    expect(about[0]).toEqual(['导入的文件 / File', 'applicants-bad.xlsx']);
    expect(about[1]).toEqual(['错误数 / Errors', r.errors.length]);
    expect(about[2]).toEqual(['有错误的行数 / Rows with errors', 5]);
  });

  it('writes cell text that looks like a formula as plain text', async () => {
    const errors: ImportError[] = [{ row: 3, field: '志愿1', code: 'choice.unknown-unit', zh: '=HYPERLINK("http://x")', en: '+cmd' }];
    const ws = (await open(await errorsWorkbook(errors, 'x.csv'))).getWorksheet(ERRORS_SHEET)!;
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('A2').value).toBe(3);
  });

  it('writes only the header when there is nothing wrong', async () => {
    const ws = (await open(await errorsWorkbook([], 'ok.csv'))).getWorksheet(ERRORS_SHEET)!;
    expect(values(ws)).toEqual([['行号', '列', '错误说明 (中文)', 'Error (English)']]);
  });
});

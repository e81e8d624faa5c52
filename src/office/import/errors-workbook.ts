/**
 * The operator's error report: an .xlsx with one line per problem (行号, 列, 错误说明, Error), sorted
 * as given (validateApplicants gives them by row, then column), so the bureau can fix the file row by row and import it again.
 */
import ExcelJS from 'exceljs';
import type { ImportError } from './validate.js';

export const ERRORS_SHEET = '错误清单';
export const ERROR_HEADERS = ['行号', '列', '错误说明 (中文)', 'Error (English)'] as const;

export async function errorsWorkbook(errors: readonly ImportError[], fileName: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'FairDraw 阳光摇号';
  wb.title = `${fileName} 导入错误 / import errors`;

  const ws = wb.addWorksheet(ERRORS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: ERROR_HEADERS[0], key: 'row', width: 8 },
    { header: ERROR_HEADERS[1], key: 'field', width: 14 },
    { header: ERROR_HEADERS[2], key: 'zh', width: 70 },
    { header: ERROR_HEADERS[3], key: 'en', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow({ row: e.row, field: e.field, zh: e.zh, en: e.en });
  for (const key of ['zh', 'en']) ws.getColumn(key).alignment = { wrapText: true, vertical: 'top' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, errors.length + 1), column: 4 } };

  const about = wb.addWorksheet('文件 File');
  about.columns = [{ width: 22 }, { width: 60 }];
  about.addRows([
    ['导入的文件 / File', fileName],
    ['错误数 / Errors', errors.length],
    ['有错误的行数 / Rows with errors', new Set(errors.map((e) => e.row)).size],
  ]);

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * Reading the applicant sheet of an .xlsx workbook with ExcelJS, every cell turned into the text an
 * operator sees: rich text joined, formulas by their result, dates as YYYY-MM-DD, numbers without
 * floating-point noise. A number of 16 or more digits cannot be held exactly by Excel (it keeps 15
 * significant digits), so it is written in scientific notation (`5.10302201309011e+17`): that is an ID
 * number Excel has already corrupted, and the validator says so instead of importing wrong digits.
 */
import ExcelJS from 'exceljs';
import { FairDrawError } from '../../core/errors.js';
import type { TableRow } from './table.js';

export const PREFERRED_SHEET = '报名名单';

export interface SheetTable {
  sheet: string;
  /** Every row that holds anything, header first; row numbers as Excel shows them. */
  rows: TableRow[];
}

export async function readXlsx(bytes: Uint8Array, file: string): Promise<SheetTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (e) {
    throw new FairDrawError(
      'import.xlsx-unreadable',
      `无法读取 Excel 工作簿（文件已损坏或不是 .xlsx 格式）：${reason(e)}`,
      `cannot read the Excel workbook (the file is damaged or not in .xlsx format): ${reason(e)}`,
      { file },
    );
  }
  const sheets = wb.worksheets;
  const ws =
    sheets.find((s) => s.name.trim() === PREFERRED_SHEET) ??
    sheets.find((s) => s.state === undefined || s.state === 'visible') ??
    sheets[0];
  if (ws === undefined) {
    throw new FairDrawError('import.xlsx-no-sheet', '工作簿中没有工作表', 'the workbook has no worksheet', { file });
  }
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let c = 0; c < cells.length; c++) cells[c] ??= '';
    rows.push({ row: rowNumber, cells });
  });
  return { sheet: ws.name, rows };
}

/** The text of one cell value, as shown (see the module comment). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return v.error;
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? '' : cellText(v.result);
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  return String(v);
}

/** 1 → "1", 0.1 + 0.2 → "0.3", 510302201309011234 → "5.10302201309011e+17". */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e15) return n.toExponential(14).replace(/\.?0+e/, 'e');
  return String(Number(n.toPrecision(15)));
}

/** A date cell: YYYY-MM-DD, with the time only when it is not midnight. */
export function dateText(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000;
  if (Number.isNaN(t)) return '';
  const iso = new Date(t).toISOString(); // ExcelJS gives dates as UTC
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

function reason(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

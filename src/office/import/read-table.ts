/**
 * readTable: the bytes of an applicant file (.xlsx or .csv) → header texts and data rows. Only the
 * shape is read here; what the cells mean is checked by columns.ts and validate.ts.
 */
import { FairDrawError } from '../../core/errors.js';
import { parseCsv } from './csv.js';
import { decodeText } from './decode-text.js';
import { isBlankRow, type Table, type TableRow } from './table.js';
import { readXlsx } from './xlsx.js';
import { DEFAULT_LIMITS, fileTooLarge, type ImportLimits } from './limits.js';

export type { Table, TableRow } from './table.js';

const ACCEPTED_ZH = '请使用 Excel 工作簿（.xlsx）或 CSV（.csv）文件';
const ACCEPTED_EN = 'use an Excel workbook (.xlsx) or a CSV file (.csv)';

/** Which reader a file needs, by its name and its first bytes; refuses what cannot be an applicant table. */
export function fileKind(bytes: Uint8Array, fileName: string, limits: Partial<ImportLimits> = {}): 'xlsx' | 'csv' {
  const file = fileName;
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) throw new FairDrawError('import.empty-file', '文件是空的', 'the file is empty', { file });
  const max = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  if (bytes.length > max) throw fileTooLarge(file, max);
  const kind = sniff(bytes);
  if (ext === 'xlsx') {
    if (kind === 'ole') {
      throw new FairDrawError(
        'import.xlsx-encrypted-or-xls',
        `文件不是 .xlsx 格式（可能设置了打开密码，或是旧版 .xls 改了扩展名）：请取消密码后另存为 Excel 工作簿（.xlsx）`,
        'the file is not in .xlsx format (it may be password-protected, or an old .xls renamed): remove the password and save as Excel Workbook (.xlsx)',
        { file },
      );
    }
    if (kind !== 'zip') {
      throw new FairDrawError(
        'import.xlsx-unreadable',
        '文件扩展名为 .xlsx，但内容不是 Excel 工作簿（文件已损坏或被改了扩展名）',
        'the file is named .xlsx but its content is not an Excel workbook (it is damaged or was renamed)',
        { file },
      );
    }
    return 'xlsx';
  } else if (ext === 'csv') {
    if (kind !== 'text') {
      throw new FairDrawError(
        'import.csv-not-text',
        `文件扩展名为 .csv，但内容是${kind === 'zip' ? ' Excel 工作簿（.xlsx）' : kind === 'pdf' ? ' PDF 文档' : '旧版 Excel（.xls）或其他二进制文件'}：${ACCEPTED_ZH}，并使用正确的扩展名`,
        `the file is named .csv but holds ${kind === 'zip' ? 'an Excel workbook (.xlsx)' : kind === 'pdf' ? 'a PDF document' : 'an old Excel (.xls) or other binary file'}: ${ACCEPTED_EN}, with the right extension`,
        { file },
      );
    }
    return 'csv';
  } else if (ext === 'xls' || ext === 'et' || ext === 'ods') {
    throw new FairDrawError(
      'import.format-unsupported',
      `不支持 .${ext} 格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）或 CSV UTF-8（.csv）`,
      `the .${ext} format is not supported: use "Save As" Excel Workbook (.xlsx) or CSV UTF-8 (.csv) in Excel or WPS`,
      { file },
    );
  } else {
    throw new FairDrawError(
      'import.format-unsupported',
      `无法导入${ext === '' ? '没有扩展名的文件' : ` .${ext} 文件`}：${ACCEPTED_ZH}`,
      `cannot import ${ext === '' ? 'a file without an extension' : `a .${ext} file`}: ${ACCEPTED_EN}`,
      { file },
    );
  }
}

/** The rows of a CSV file (decoded by its detected encoding). */
export function readCsv(bytes: Uint8Array, file: string): { rows: TableRow[]; encoding: string } {
  const decoded = decodeText(bytes, file);
  return { rows: parseCsv(decoded.text, file).map((cells, i) => ({ row: i + 1, cells })), encoding: decoded.encoding };
}

export async function readTable(bytes: Uint8Array, fileName: string, sheet?: string): Promise<Table> {
  const file = fileName;
  let rows: TableRow[];
  let source: Table['source'];
  if (fileKind(bytes, file) === 'xlsx') {
    const t = await readXlsx(bytes, file, sheet);
    rows = t.rows;
    source = { kind: 'xlsx', sheet: t.sheet };
  } else {
    const t = readCsv(bytes, file);
    rows = t.rows;
    source = { kind: 'csv', encoding: t.encoding };
  }

  const header = rows[0];
  if (header === undefined || header.row !== 1 || isBlankRow(header.cells)) throw noHeader(file);
  const headers = trimTrailingEmpty(header.cells);
  const data: TableRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    data.push({ row: r.row, cells: trimTrailingEmpty(r.cells) });
  }
  while (data.length > 0 && isBlankRow(data[data.length - 1]!.cells)) data.pop();
  return { headers, rows: data, source };
}

export function noHeader(file: string): FairDrawError {
  return new FairDrawError(
    'import.no-header',
    '第 1 行必须是表头（姓名、身份证号、志愿1、类别……），但它是空的',
    'row 1 must be the header row (姓名, 身份证号, 志愿1, 类别 …) but it is empty',
    { file, line: 1 },
  );
}

export function trimTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return n === cells.length ? cells : cells.slice(0, n);
}

type Kind = 'zip' | 'ole' | 'pdf' | 'text';

function sniff(b: Uint8Array): Kind {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  return 'text';
}

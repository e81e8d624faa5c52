/**
 * Applicant import (报名名单导入): an .xlsx or .csv file from the bureau → checked applicants, or the
 * complete list of what is wrong with the file (see errors-workbook.ts for the operator's report).
 * A workbook is read as a stream and each row is checked as it comes, so a city's list of several
 * hundred thousand rows needs little more memory than the applicants themselves.
 */
import { FairDrawError } from '../../core/errors.js';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.js';
import { fileKind, noHeader, readCsv, trimTrailingEmpty } from './read-table.js';
import { summarise, SummaryCounts, type ImportSummary } from './summary.js';
import { isBlankRow, type TableRow } from './table.js';
import {
  ApplicantChecker,
  type ImportError,
  type ImportedApplicant,
  type SkippedRow,
  type ValidateOptions,
  type ValidationResult,
} from './validate.js';
import { inSheet, streamXlsx } from './xlsx.js';

export { readTable, type Table, type TableRow } from './read-table.js';
export { mapColumns, HEADERS, type ColumnMap, type Field } from './columns.js';
export { parseIdCard, isExcelMangled, idCheckChar, type ParsedIdCard } from './id-card.js';
export {
  validateApplicants,
  type ImportError,
  type ImportedApplicant,
  type SkippedRow,
  type ValidateOptions,
  type ValidationResult,
} from './validate.js';
export { errorsWorkbook } from './errors-workbook.js';
export { SheetChoiceRequired } from './sheet-choice.js';
export { DEFAULT_LIMITS, type ImportLimits } from './limits.js';
export type { ImportSummary } from './summary.js';
export type { UnitRef } from './units.js';

export interface ImportOptions extends Omit<ValidateOptions, 'file' | 'sheet'> {
  /** The worksheet to read; needed when more than one sheet looks like an applicant list. */
  sheet?: string;
  limits?: Partial<ImportLimits>;
  /** How a worksheet's XML is read (XlsxReadOptions.reader): the scanner unless measuring or cross-checking. */
  reader?: 'scanner' | 'saxes';
}

export interface ImportResult {
  file: string;
  /** True when the file has no errors; only then may `applicants` be used. */
  ok: boolean;
  /** Empty when they were handed on as they were checked (ImportOptions.onChecked). */
  applicants: ImportedApplicant[];
  errors: ImportError[];
  /** Rows left out on purpose (the import template's worked example), each with its reason. */
  skipped: SkippedRow[];
  /** Of the applicants (with onChecked: of those handed on, which are the applicants when `ok`). */
  summary: ImportSummary;
  /** The sheet read, or the text encoding detected. */
  source: { kind: 'xlsx'; sheet: string } | { kind: 'csv'; encoding: string } | undefined;
}

/** Work done in one go before other work (another request) gets a turn. */
const SLICE_MS = 25;

/**
 * Reads and checks one applicant file. Throws a FairDrawError naming the file (and the sheet) when it
 * cannot be read as a table at all (format, encoding, missing columns, merged header, limits);
 * otherwise reports every row error at once.
 */
export async function importApplicantsFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportResult> {
  const { sheet, limits: given, reader, ...checks } = options;
  // Rows handed on as they are checked (onChecked) are counted as they go: the list is not kept.
  const handed = checks.onChecked === undefined ? undefined : new SummaryCounts();
  const rest =
    handed === undefined
      ? checks
      : {
          ...checks,
          onChecked: (a: ImportedApplicant) => {
            handed.add(a);
            checks.onChecked!(a);
          },
        };
  const limits = { ...DEFAULT_LIMITS, ...given };
  const file = fileName;
  let result: ValidationResult;
  let source: ImportResult['source'];

  if (fileKind(bytes, file, limits) === 'xlsx') {
    let checker: ApplicantChecker | undefined;
    const read = await streamXlsx(bytes, file, {
      ...(sheet !== undefined ? { sheet } : {}),
      ...(reader !== undefined ? { reader } : {}),
      limits,
      open: (name, header, expected) => {
        if (header === undefined || isBlankRow(header.cells)) throw noHeader(file);
        checker = new ApplicantChecker(trimTrailingEmpty(header.cells), { ...rest, file, sheet: name });
        checker.expect(expected);
        const c = checker;
        return { row: (r: TableRow) => c.add(r.formulas === undefined ? { row: r.row, cells: trimTrailingEmpty(r.cells) } : r) };
      },
    });
    try {
      result = checker!.finish();
    } catch (e) {
      throw inSheet(e, read.sheet);
    }
    source = { kind: 'xlsx', sheet: read.sheet };
  } else {
    const csv = readCsv(bytes, file);
    const header = csv.rows[0];
    if (header === undefined || isBlankRow(header.cells)) throw noHeader(file);
    let last = csv.rows.length;
    while (last > 1 && isBlankRow(csv.rows[last - 1]!.cells)) last--;
    if (last - 1 > limits.maxRows) {
      throw new FairDrawError(
        'import.too-many-rows',
        `文件的报名数据超过 ${limits.maxRows.toLocaleString('en-US')} 行，超出一次导入的上限：请分成几个文件导入`,
        `the file holds more than ${limits.maxRows.toLocaleString('en-US')} rows of applicants, more than one import takes: split it into several files`,
        { file },
      );
    }
    const checker = new ApplicantChecker(trimTrailingEmpty(header.cells), { ...rest, file });
    checker.expect(last - 1);
    let t0 = performance.now();
    for (let i = 1; i < last; i++) {
      const r = csv.rows[i]!;
      checker.add({ row: r.row, cells: trimTrailingEmpty(r.cells) });
      csv.rows[i] = undefined as unknown as TableRow; // checked: its text is no longer needed
      if ((i & 255) === 0 && performance.now() - t0 > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        t0 = performance.now();
      }
    }
    result = checker.finish();
    source = { kind: 'csv', encoding: csv.encoding };
  }
  return {
    file,
    ok: result.errors.length === 0,
    applicants: result.applicants,
    errors: result.errors,
    skipped: result.skipped,
    summary: handed?.summary(options.units) ?? summarise(result.applicants, options.units),
    source,
  };
}

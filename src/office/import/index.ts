/**
 * Applicant import (报名名单导入): an .xlsx or .csv file from the bureau → checked applicants, or the
 * complete list of what is wrong with the file (see errors-workbook.ts for the operator's report).
 */
import { readTable } from './read-table.js';
import { summarise, type ImportSummary } from './summary.js';
import { validateApplicants, type ImportError, type ImportedApplicant, type ValidateOptions } from './validate.js';

export { readTable, type Table, type TableRow } from './read-table.js';
export { mapColumns, HEADERS, type ColumnMap, type Field } from './columns.js';
export { parseIdCard, isExcelMangled, idCheckChar, type ParsedIdCard } from './id-card.js';
export { validateApplicants, type ImportError, type ImportedApplicant, type ValidateOptions, type ValidationResult } from './validate.js';
export { errorsWorkbook } from './errors-workbook.js';
export type { ImportSummary } from './summary.js';
export type { UnitRef } from './units.js';

export type ImportOptions = Omit<ValidateOptions, 'file'>;

export interface ImportResult {
  file: string;
  /** True when the file has no errors; only then may `applicants` be used. */
  ok: boolean;
  applicants: ImportedApplicant[];
  errors: ImportError[];
  summary: ImportSummary;
  /** The sheet read, or the text encoding detected. */
  source: { kind: 'xlsx'; sheet: string } | { kind: 'csv'; encoding: string } | undefined;
}

/**
 * Reads and checks one applicant file. Throws a FairDrawError naming the file when it cannot be read
 * as a table at all (format, encoding, missing columns); otherwise reports every row error at once.
 */
export async function importApplicantsFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportResult> {
  const table = await readTable(bytes, fileName);
  const { applicants, errors } = validateApplicants(table, { ...options, file: fileName });
  return {
    file: fileName,
    ok: errors.length === 0,
    applicants,
    errors,
    summary: summarise(applicants, options.units),
    source: table.source,
  };
}

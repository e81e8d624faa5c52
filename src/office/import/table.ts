/** The shape every reader produces: header texts and data rows, with row numbers as Excel shows them. */

export interface TableRow {
  /** 1-based; the header is row 1. */
  row: number;
  /** Cell texts from the first column to the last non-empty one. */
  cells: string[];
  /** 0-based columns holding a formula whose result the file does not keep (their text is empty) → the formula. */
  formulas?: Map<number, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  /** Where the text came from: the sheet read, or the encoding detected. */
  source?: { kind: 'xlsx'; sheet: string } | { kind: 'csv'; encoding: string };
  /** The worksheet's merged ranges that touch the header row (A1 notation). */
  mergedHeader?: string[];
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

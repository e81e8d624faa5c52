/**
 * Reading the applicant sheet of an .xlsx workbook with ExcelJS, every cell turned into the text an
 * operator sees: rich text joined, formulas by their result, dates as YYYY-MM-DD, numbers without
 * floating-point noise. A number of 16 or more digits cannot be held exactly by Excel (it keeps 15
 * significant digits), so it is written in scientific notation (`5.10302201309011e+17`): that is an ID
 * number Excel has already corrupted, and the validator says so instead of importing wrong digits.
 */
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { FairDrawError } from '../../core/errors.js';
import { HEADERS, headerKey } from './columns.js';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.js';
import type { TableRow } from './table.js';
import { SharedStringsReader, SheetXmlScanner } from './sheet-xml.js';
import { checkZip, inReadingOrder, SHARED_STRINGS_PART, tooBigUnpacked, unpackEntry } from './xlsx-zip.js';
import { SheetChoiceRequired } from './sheet-choice.js';

export const PREFERRED_SHEET = '报名名单';

export interface SheetTable {
  sheet: string;
  /** Every row that holds anything, header first; row numbers as Excel shows them. */
  rows: TableRow[];
  /** Merged ranges that touch row 1. */
  mergedHeader: string[];
}

/** Where the rows of the chosen sheet go, as they are read. */
export interface RowSink {
  /** Each row after the header that holds anything (a value or a formula). */
  row(r: TableRow): void;
}

export interface XlsxReadOptions {
  /** The sheet to read, as named by the operator; required when more than one sheet looks like an applicant list. */
  sheet?: string;
  limits?: Partial<ImportLimits>;
  /**
   * How a worksheet's XML is read: `scanner` (the default) reads the bytes in place
   * (sheet-xml.ts); `saxes` with the XML parser ExcelJS uses, kept to check the scanner against and
   * to measure it by.
   */
  reader?: 'scanner' | 'saxes';
  /**
   * Called once with the chosen sheet's name, its header row (undefined when row 1 is empty) and the
   * number of data rows its dimension announces (0 when unknown). May throw: the error is raised
   * once the whole sheet is read, unless its header turns out to be merged.
   */
  open(sheet: string, header: TableRow | undefined, expectedRows: number): RowSink;
}

/** The sheet named by the operator is not in the workbook. */
export function sheetMissing(file: string, wanted: string, sheets: string[]): FairDrawError {
  return new FairDrawError(
    'import.sheet-missing',
    `工作簿中没有名为“${wanted}”的工作表（工作表有：${sheets.map((s) => `“${s}”`).join('、')}）`,
    `the workbook has no sheet named "${wanted}" (its sheets: ${sheets.map((s) => `"${s}"`).join(', ')})`,
    { file },
  );
}

/** The same error, its messages starting with the sheet's name. */
export function inSheet(e: unknown, sheet: string): unknown {
  if (!(e instanceof FairDrawError) || e.zh.startsWith('工作表“')) return e;
  return new FairDrawError(e.code, `工作表“${sheet}”：${e.zh}`, `sheet "${sheet}": ${e.en}`, e.where);
}

// ExcelJS's own modules for what the streaming reader leaves to its caller: the XML parser it uses
// (saxes) and its date-format and serial-date helpers.
const requireHere = createRequire(import.meta.url);
const { SaxesParser } = requireHere(requireHere.resolve('saxes', { paths: [dirname(requireHere.resolve('exceljs'))] })) as {
  SaxesParser: new () => SaxParser;
};
const excelUtils = requireHere('exceljs/lib/utils/utils.js') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904?: boolean): Date;
};

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
interface SaxParser {
  on(event: 'opentag' | 'closetag', f: (tag: SaxTag) => void): void;
  on(event: 'text' | 'cdata', f: (text: string) => void): void;
  on(event: 'error', f: (e: Error) => void): void;
  write(chunk: string): void;
  close(): void;
}

/** What the streaming reader exposes besides its typings. */
interface ReaderState {
  /** Set by streamXlsx, not by ExcelJS (told to ignore them): the workbook's shared strings. */
  sharedStrings?: string[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { name: string; state?: string }[] };
}
interface SheetReader {
  name: string;
  state?: string;
  iterator: AsyncIterable<Buffer>;
}

/**
 * Reads the applicant sheet of a workbook as a stream: the shared strings first, by the scanner of
 * sheet-xml.ts; then ExcelJS's streaming reader opens the rest of the zip and reads the workbook and
 * its styles; each worksheet's XML is read row by row as it is unpacked, by the same scanner,
 * without building ExcelJS's row and cell objects (which made a 100,000-row sheet spend most of its
 * time collecting garbage) or saxes's tag objects (which still took most of the rest). Which sheet:
 * the one named, else the only sheet whose first row holds applicant columns; two such sheets are
 * refused (SheetChoiceRequired).
 */
export async function streamXlsx(bytes: Uint8Array, file: string, options: XlsxReadOptions): Promise<{ sheet: string }> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zip = checkZip(bytes, file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(inReadingOrder(bytes, zip)), {
    sharedStrings: 'ignore',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const state = reader as unknown as ReaderState;
  const wanted = options.sheet?.trim();
  const seen: { name: string; hidden: boolean; header: TableRow | undefined; merged: string[] }[] = [];
  const candidates: string[] = [];
  let chosen: { name: string; error?: unknown; merged: string[] } | undefined;
  let unpacked = 0;
  let lastYield = performance.now();

  try {
    // The shared strings come first, read by sheet-xml.ts: ExcelJS's reader took most of the time
    // before the first row (for 100,000 rows, 400,000 strings). ExcelJS reads a worksheet as it is
    // unpacked only when it holds shared strings (else it writes it to a temporary file first).
    const part = zip.entries.find((e) => e.name === SHARED_STRINGS_PART);
    if (part === undefined) state.sharedStrings = [];
    else {
      const strings = new SharedStringsReader();
      for await (const piece of unpackEntry(bytes, part, file, limits.maxUnpackedBytes)) {
        unpacked += piece.length;
        strings.write(piece);
        lastYield = await giveWay(lastYield);
      }
      state.sharedStrings = strings.end();
    }
    for await (const ws of reader as unknown as AsyncIterable<SheetReader>) {
      const name = ws.name;
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      const info = { name, hidden, header: undefined as TableRow | undefined, merged: [] as string[] };
      seen.push(info);
      const named = wanted !== undefined && name.trim() === wanted;
      // Only the named sheet is read when one is named; otherwise every sheet's first row is.
      const now: { mode: 'header' | 'rows' | 'drain' } = { mode: wanted !== undefined && !named ? 'drain' : 'header' };
      const mode = (): 'header' | 'rows' | 'drain' => now.mode;
      let sink: RowSink | undefined;
      let dataRows = 0;
      const parser = (options.reader === 'saxes' ? sheetParser : sheetScanner)(
        state,
        (r) => {
          if (now.mode === 'header') {
            const header = r.row === 1 ? r : undefined;
            info.header = header;
            const looksLike = header !== undefined && looksLikeApplicantHeader(header.cells);
            if (looksLike) candidates.push(name);
            if (named || (wanted === undefined && looksLike && chosen === undefined)) {
              chosen = { name, merged: info.merged };
              try {
                sink = options.open(name, header, parser.expectedRows);
              } catch (e) {
                chosen.error = e;
              }
              now.mode = 'rows';
            } else now.mode = 'drain';
            if (header !== undefined) return;
          }
          if (now.mode === 'rows' && sink !== undefined) {
            if (++dataRows > limits.maxRows) throw tooManyRows(file, name, limits.maxRows);
            sink.row(r);
          }
        },
        info.merged,
      );
      for await (const chunk of ws.iterator) {
        unpacked += chunk.length;
        if (unpacked > limits.maxUnpackedBytes) throw tooBigUnpacked(file, limits.maxUnpackedBytes);
        // A sheet not chosen is still read while no sheet is chosen: it may be the one to report on.
        if (mode() !== 'drain' || (chosen === undefined && wanted === undefined)) parser.write(chunk);
        lastYield = await giveWay(lastYield);
      }
      if (mode() !== 'drain' || (chosen === undefined && wanted === undefined)) parser.end();
      if (mode() === 'header') {
        // the sheet holds no row at all
        if (named) {
          chosen = { name, merged: info.merged };
          try {
            options.open(name, undefined, 0);
          } catch (e) {
            chosen.error = e;
          }
        }
      }
    }
  } catch (e) {
    if (e instanceof FairDrawError) throw e;
    throw new FairDrawError(
      'import.xlsx-unreadable',
      `无法读取 Excel 工作簿（文件已损坏或不是 .xlsx 格式）：${reason(e)}`,
      `cannot read the Excel workbook (the file is damaged or not in .xlsx format): ${reason(e)}`,
      { file },
    );
  }

  const order = (state.model?.sheets ?? []).map((s) => s.name);
  const byOrder = (a: string, b: string): number => order.indexOf(a) - order.indexOf(b);
  if (seen.length === 0) throw new FairDrawError('import.xlsx-no-sheet', '工作簿中没有工作表', 'the workbook has no worksheet', { file });
  if (wanted !== undefined && chosen === undefined) throw sheetMissing(file, wanted, seen.map((s) => s.name).sort(byOrder));
  if (wanted === undefined && candidates.length > 1) throw new SheetChoiceRequired(file, candidates.sort(byOrder));
  if (chosen === undefined) {
    // No sheet looks like an applicant list: read the one a person would expect it on, to report on it.
    const visible = seen.filter((s) => !s.hidden).sort((a, b) => byOrder(a.name, b.name));
    const fallback = seen.find((s) => s.name.trim() === PREFERRED_SHEET) ?? visible[0] ?? seen[0]!;
    // Read again, that sheet only (the fallback's rows were not kept on the first pass).
    return streamXlsx(bytes, file, { ...options, sheet: fallback.name });
  }
  const picked: { name: string; error?: unknown; merged: string[] } = chosen;
  if (picked.merged.length > 0) throw mergedHeader(file, picked.name, picked.merged);
  if (picked.error !== undefined) throw inSheet(picked.error, picked.name);
  return { sheet: picked.name };
}

/**
 * Lets other requests in once 25 ms have passed since `last`: a big workbook is read in slices of
 * a few milliseconds. Returns when the slice began.
 */
async function giveWay(last: number): Promise<number> {
  if (performance.now() - last <= 25) return last;
  await new Promise((resolve) => setImmediate(resolve));
  return performance.now();
}

/** The whole chosen sheet in memory (small workbooks and tests). */
export async function readXlsx(bytes: Uint8Array, file: string, sheet?: string, reader?: XlsxReadOptions['reader']): Promise<SheetTable> {
  const rows: TableRow[] = [];
  let merged: string[] = [];
  const r = await streamXlsx(bytes, file, {
    ...(sheet !== undefined ? { sheet } : {}),
    ...(reader !== undefined ? { reader } : {}),
    open: (_name, header) => {
      if (header !== undefined) rows.push(header);
      return { row: (row) => rows.push(row) };
    },
  }).catch((e: unknown) => {
    if (e instanceof FairDrawError && e.code === 'import.header-merged') merged = [e.where.field ?? ''];
    throw e;
  });
  return { sheet: r.sheet, rows, mergedHeader: merged };
}

const HEADER_HINTS = new Set(Object.values(HEADERS).flatMap((names) => names.map(headerKey)));

/** Two or more of the applicant columns (姓名, 身份证号, 志愿1, 类别, …) in a first row. */
export function looksLikeApplicantHeader(cells: readonly string[]): boolean {
  let n = 0;
  for (const c of cells) {
    const k = headerKey(c);
    if (HEADER_HINTS.has(k) || /^志愿\d+$/.test(k)) n++;
  }
  return n >= 2;
}

interface SheetParser {
  write(chunk: Buffer): void;
  end(): void;
  /** From the sheet's <dimension>, once read. */
  expectedRows: number;
}

/** A sheet's XML → rows of cell texts, read by the scanner of sheet-xml.ts. */
function sheetScanner(state: ReaderState, onRow: (r: TableRow) => void, merged: string[]): SheetParser {
  const dateStyle = new Map<number, boolean>();
  const date1904 = state.properties?.model?.date1904 === true;
  return new SheetXmlScanner(
    {
      sharedString: (i) => state.sharedStrings?.[i] ?? '',
      valueText: (type, style, value) => cellValueText(state, type, style, value, dateStyle, date1904),
    },
    onRow,
    merged,
  );
}

/** A sheet's XML → rows of cell texts, read with saxes; `expectedRows` from its <dimension>, once read. */
function sheetParser(state: ReaderState, onRow: (r: TableRow) => void, merged: string[]): SheetParser {
  const sax = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  const dateStyle = new Map<number, boolean>();
  const date1904 = state.properties?.model?.date1904 === true;
  let error: Error | undefined;
  let rowNo = 0;
  let cells: string[] = [];
  let formulas: Map<number, string> | undefined;
  let hasValue = false;
  let col = -1;
  let type: string | undefined;
  let style = 0;
  let formula: string | undefined;
  let value: string | undefined;
  let text: 'v' | 'f' | 't' | undefined;
  let inPhonetic = false;
  const out = { expectedRows: 0, write, end };

  const local = (n: string): string => {
    const i = n.indexOf(':');
    return i < 0 ? n : n.slice(i + 1);
  };
  sax.on('error', (e) => (error ??= e));
  sax.on('opentag', (tag) => {
    switch (local(tag.name)) {
      case 'dimension': {
        const m = /:[A-Z]+(\d+)$/.exec(tag.attributes.ref ?? '');
        if (m !== null) out.expectedRows = Math.max(0, Number(m[1]) - 1);
        break;
      }
      case 'row': {
        const r = Number(tag.attributes.r);
        rowNo = Number.isSafeInteger(r) && r > 0 ? r : rowNo + 1;
        cells = [];
        formulas = undefined;
        hasValue = false;
        col = -1;
        break;
      }
      case 'c': {
        const ref = tag.attributes.r;
        col = ref === undefined ? col + 1 : columnIndex(ref);
        type = tag.attributes.t;
        style = Number(tag.attributes.s ?? 0);
        formula = undefined;
        value = undefined;
        break;
      }
      case 'f':
        formula = '';
        text = 'f';
        break;
      case 'v':
        value = '';
        text = 'v';
        break;
      case 'is':
        value = '';
        break;
      case 'rPh':
        inPhonetic = true;
        break;
      case 't':
        if (value !== undefined && !inPhonetic) text = 't';
        break;
      case 'mergeCell': {
        const ref = tag.attributes.ref ?? '';
        const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(ref);
        if (m !== null && Number(m[1]) <= 1 && Number(m[2] ?? m[1]) >= 1) merged.push(ref);
        break;
      }
    }
  });
  const onText = (t: string): void => {
    if (text === 'v' || text === 't') value += t;
    else if (text === 'f') formula += t;
  };
  sax.on('text', onText);
  // A CDATA section is text too.
  sax.on('cdata', onText);
  sax.on('closetag', (tag) => {
    switch (local(tag.name)) {
      case 'v':
      case 'f':
      case 't':
        text = undefined;
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'c': {
        if (col < 0) break;
        if (value === undefined) {
          if (formula !== undefined) {
            (formulas ??= new Map()).set(col, formula === '' ? '…' : formula);
            cells[col] = '';
          }
          break;
        }
        const t = cellValueText(state, type, style, value, dateStyle, date1904);
        cells[col] = t;
        if (t !== '') hasValue = true;
        break;
      }
      case 'row':
        if (hasValue || formulas !== undefined) {
          for (let c = 0; c < cells.length; c++) cells[c] ??= '';
          const r: TableRow = { row: rowNo, cells };
          if (formulas !== undefined) r.formulas = formulas;
          onRow(r);
        }
        break;
    }
  });

  function write(chunk: Buffer): void {
    sax.write(decoder.write(chunk));
    if (error !== undefined) throw error;
  }
  function end(): void {
    const rest = decoder.end();
    if (rest !== '') sax.write(rest);
    sax.close();
    if (error !== undefined) throw error;
  }
  return out;
}

function cellValueText(
  state: ReaderState,
  type: string | undefined,
  style: number,
  v: string,
  dateStyle: Map<number, boolean>,
  date1904: boolean,
): string {
  switch (type) {
    case 's': {
      // An empty <v/> is no string at all (Number('') would be 0, the first shared string).
      if (v.trim() === '') return '';
      return state.sharedStrings?.[Number(v)] ?? '';
    }
    case 'str':
    case 'inlineStr':
    case 'e':
      return v;
    case 'b':
      return Number(v) !== 0 ? 'TRUE' : 'FALSE';
    case 'd':
      return dateText(new Date(v));
    default: {
      if (v.trim() === '') return '';
      const n = Number(v);
      let isDate = dateStyle.get(style);
      if (isDate === undefined) {
        isDate = style !== 0 && excelUtils.isDateFmt(state.styles.getStyleModel(style)?.numFmt);
        dateStyle.set(style, isDate);
      }
      return isDate ? dateText(excelUtils.excelToDate(n, date1904)) : numberText(n);
    }
  }
}

/** "AB12" → 27. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function mergedHeader(file: string, sheet: string, ranges: string[]): FairDrawError {
  const list = ranges.join('、');
  return new FairDrawError(
    'import.header-merged',
    `工作表“${sheet}”的表头（第 1 行）有合并单元格（${list}）：每列须有自己的表头，请取消合并，第 1 行只保留列名（姓名、身份证号、志愿1、类别……）`,
    `sheet "${sheet}": the header row (row 1) has merged cells (${ranges.join(', ')}): every column needs its own header; unmerge them and keep only the column names in row 1 (姓名, 身份证号, 志愿1, 类别 …)`,
    { file, line: 1, field: ranges.join(',') },
  );
}

function tooManyRows(file: string, sheet: string, max: number): FairDrawError {
  return new FairDrawError(
    'import.too-many-rows',
    `工作表“${sheet}”的报名数据超过 ${max.toLocaleString('en-US')} 行，超出一次导入的上限：请分成几个文件导入`,
    `sheet "${sheet}" holds more than ${max.toLocaleString('en-US')} rows of applicants, more than one import takes: split it into several files`,
    { file },
  );
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
  // A whole number of up to 15 digits prints exactly (the common case: a tier, a phone number).
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
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

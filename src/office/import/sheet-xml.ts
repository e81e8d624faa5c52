/**
 * A worksheet's XML (xl/worksheets/sheetN.xml) → rows of cell texts, read straight from the
 * unpacked bytes. It reads what the applicant import needs of SpreadsheetML — rows, cells with their
 * type, style and value, inline strings (phonetic runs left out), formulas, the sheet's dimension and
 * its merged ranges — and skips every other element whole. Entities and character references are
 * decoded, CDATA sections kept as text, namespace prefixes ignored; a tag that closes another than
 * the one open, an unknown entity or an unterminated document is an error, as for any XML parser.
 *
 * Why not a general XML parser: for a 100,000-row sheet (43 MB of XML, 2.5 million elements) saxes
 * builds a tag object and an attribute table for each element and a string for each name and value,
 * and most of the reading time went there and to collecting it again. Here the bytes are scanned in
 * place, a shared-string index and a cell reference are read as numbers without making a string, and
 * a string is made only for a value that is kept. UTF-8 never uses a byte below 0x80 inside a
 * multi-byte character, so looking for `<`, `>`, `"` and `&` in the bytes is safe.
 */

/** What the scanner asks of the workbook around the sheet. */
export interface SheetCells {
  /** The text of shared string `index` ('' when there is none). */
  sharedString(index: number): string;
  /** The text of a cell's value that is not a shared string (its `t` attribute, its style `s`). */
  valueText(type: string | undefined, style: number, value: string): string;
}

/** A row that holds something: cell texts from column A, and the columns whose formula has no stored result. */
export interface ScannedRow {
  row: number;
  cells: string[];
  formulas?: Map<number, string>;
}

/** A single element (a tag or a piece of text) longer than this is not a worksheet's. */
export const MAX_TOKEN_BYTES = 4 * 2 ** 20;

export class SheetXmlError extends Error {}

// Element kinds (by local name).
const OTHER = 0;
const ROW = 1;
const C = 2;
const V = 3;
const F = 4;
const IS = 5;
const T = 6;
const RPH = 7;
const DIMENSION = 8;
const MERGE_CELL = 9;
const SI = 10;

const enum Text {
  None,
  V,
  F,
  T,
}

/** ASCII letters of the element names the scanner knows. */
const NAMES: [number, number[]][] = [
  [ROW, [...'row'].map((c) => c.charCodeAt(0))],
  [C, [0x63]],
  [V, [0x76]],
  [F, [0x66]],
  [IS, [0x69, 0x73]],
  [T, [0x74]],
  [RPH, [...'rPh'].map((c) => c.charCodeAt(0))],
  [DIMENSION, [...'dimension'].map((c) => c.charCodeAt(0))],
  [MERGE_CELL, [...'mergeCell'].map((c) => c.charCodeAt(0))],
  [SI, [0x73, 0x69]],
];

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
/** The bytes that end a name: space, `/`, `>`, `=`. */
const endsName = (c: number): boolean => isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's line ends: CR LF and a lone CR are read as LF (before references are replaced). */
function lineEnds(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/** Text with entities and character references replaced. */
function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new SheetXmlError(`an unterminated entity (${whole.slice(0, 20)})`);
    const known = ENTITIES[name];
    if (known !== undefined) return known;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    const code = m === null ? NaN : m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
      throw new SheetXmlError(`an unknown entity (&${name.slice(0, 20)};)`);
    }
    return String.fromCodePoint(code);
  });
}

/**
 * Reads a worksheet's XML as it is unpacked: `write` each piece, then `end`. Calls `onRow` for every
 * row that holds a value or a formula; collects the merged ranges that touch row 1 into `merged`.
 */
export class SheetXmlScanner {
  /** The number of data rows the sheet's <dimension> announces (0 until read, or when unknown). */
  expectedRows = 0;

  private carry: Buffer | undefined;
  /** Hashes of the open elements' names, innermost last, and their kinds. */
  private readonly open: number[] = [];
  private readonly kinds: number[] = [];
  private done = false;

  // The row and cell being read.
  private rowNo = 0;
  private cells: string[] = [];
  private formulas: Map<number, string> | undefined;
  private hasValue = false;
  private col = -1;
  private type: string | undefined;
  private style = 0;
  private formula: string | undefined;
  private value: string | undefined;
  /** A shared string's index read from the bytes of <v> (-1: none, or the value was not plain digits). */
  private sharedIndex = -1;
  private text = Text.None;
  private inPhonetic = false;

  // Attributes of the tag being read.
  private attrR = -1;
  private attrREnd = -1;
  private attrT = -1;
  private attrTEnd = -1;
  private attrS = -1;
  private attrSEnd = -1;
  private attrRef = -1;
  private attrRefEnd = -1;

  /**
   * `onString`: the text of each <si> under the root (a shared string of xl/sharedStrings.xml, read
   * by the same rules as an inline string), for SharedStringsReader.
   */
  constructor(
    private readonly cellsOf: SheetCells,
    private readonly onRow: (r: ScannedRow) => void,
    private readonly merged: string[],
    private readonly onString?: (text: string) => void,
  ) {}

  write(chunk: Buffer): void {
    const b = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    const used = this.scan(b);
    if (used >= b.length) this.carry = undefined;
    else {
      if (b.length - used > MAX_TOKEN_BYTES) throw new SheetXmlError(`an element longer than ${MAX_TOKEN_BYTES} bytes`);
      this.carry = Buffer.from(b.subarray(used));
    }
  }

  end(): void {
    if (this.carry !== undefined) {
      for (const c of this.carry) if (!isSpace(c)) throw new SheetXmlError('the XML ends inside an element');
    }
    if (this.open.length > 0 || !this.done) throw new SheetXmlError('the XML ends before its last element is closed');
  }

  /** Reads every whole token of `b`; returns where the first incomplete one starts. */
  private scan(b: Buffer): number {
    const n = b.length;
    let pos = 0;
    while (pos < n) {
      // Text up to the next tag.
      let lt = pos;
      while (lt < n && b[lt] !== 0x3c) lt++;
      if (lt > pos && this.text !== Text.None) {
        if (lt === n) return pos; // the text may go on in the next piece
        this.addText(b, pos, lt);
      }
      if (lt === n) return n;
      pos = lt;
      if (lt + 1 >= n) return pos;
      const next = b[lt + 1]!;
      if (next === 0x2f) {
        // </name>
        let gt = lt + 2;
        while (gt < n && b[gt] !== 0x3e) gt++;
        if (gt === n) return pos;
        let end = gt;
        while (end > lt + 2 && isSpace(b[end - 1]!)) end--;
        this.close(b, lt + 2, end);
        pos = gt + 1;
      } else if (next === 0x3f) {
        // <?…?>
        const q = b.indexOf('?>', lt + 2);
        if (q < 0) return pos;
        pos = q + 2;
      } else if (next === 0x21) {
        if (lt + 4 > n) return pos;
        if (b[lt + 2] === 0x2d && b[lt + 3] === 0x2d) {
          const e = b.indexOf('-->', lt + 4);
          if (e < 0) return pos;
          pos = e + 3;
        } else {
          if (lt + 9 > n) return pos;
          if (b.toString('latin1', lt + 2, lt + 9) !== '[CDATA[') {
            throw new SheetXmlError('a document type declaration or another markup declaration');
          }
          const e = b.indexOf(']]>', lt + 9);
          if (e < 0) return pos;
          if (this.text !== Text.None) this.append(lineEnds(b.toString('utf8', lt + 9, e)));
          pos = e + 3;
        }
      } else {
        const after = this.openTag(b, lt + 1, n);
        if (after < 0) return pos;
        pos = after;
      }
    }
    return n;
  }

  /** Reads a start tag from its name at `at`; returns the index after its `>`, or -1 when it is incomplete. */
  private openTag(b: Buffer, at: number, n: number): number {
    let i = at;
    while (i < n && !endsName(b[i]!)) i++;
    if (i === n) return -1;
    const nameEnd = i;
    if (nameEnd === at) throw new SheetXmlError('a tag without a name');
    const kind = this.kindOf(b, at, nameEnd);
    this.attrR = this.attrT = this.attrS = this.attrRef = -1;
    let selfClosing = false;
    for (;;) {
      while (i < n && isSpace(b[i]!)) i++;
      if (i === n) return -1;
      const c = b[i]!;
      if (c === 0x3e) {
        i++;
        break;
      }
      if (c === 0x2f) {
        if (i + 1 === n) return -1;
        if (b[i + 1] !== 0x3e) throw new SheetXmlError('a "/" inside a tag');
        selfClosing = true;
        i += 2;
        break;
      }
      // name="value" or name='value'
      const nameAt = i;
      while (i < n && !endsName(b[i]!)) i++;
      const attrEnd = i;
      while (i < n && isSpace(b[i]!)) i++;
      if (i === n) return -1;
      if (b[i] !== 0x3d || attrEnd === nameAt) throw new SheetXmlError('an attribute without a value');
      i++;
      while (i < n && isSpace(b[i]!)) i++;
      if (i === n) return -1;
      const quote = b[i]!;
      if (quote !== 0x22 && quote !== 0x27) throw new SheetXmlError('an attribute value without quotes');
      const from = ++i;
      while (i < n && b[i] !== quote) i++;
      if (i === n) return -1;
      if (kind !== OTHER && attrEnd - nameAt <= 3) this.keepAttribute(b, nameAt, attrEnd, from, i);
      i++;
    }
    this.open.push(hash(b, at, nameEnd));
    this.kinds.push(kind);
    this.start(kind, b);
    if (selfClosing) this.close(b, at, nameEnd);
    return i;
  }

  private keepAttribute(b: Buffer, name: number, nameEnd: number, from: number, to: number): void {
    const len = nameEnd - name;
    const c0 = b[name]!;
    if (len === 1) {
      if (c0 === 0x72) {
        this.attrR = from;
        this.attrREnd = to;
      } else if (c0 === 0x74) {
        this.attrT = from;
        this.attrTEnd = to;
      } else if (c0 === 0x73) {
        this.attrS = from;
        this.attrSEnd = to;
      }
    } else if (len === 3 && c0 === 0x72 && b[name + 1] === 0x65 && b[name + 2] === 0x66) {
      this.attrRef = from;
      this.attrRefEnd = to;
    }
  }

  private kindOf(b: Buffer, at: number, end: number): number {
    let from = at;
    for (let i = end - 1; i >= at; i--) {
      if (b[i] === 0x3a) {
        from = i + 1;
        break;
      }
    }
    const len = end - from;
    for (const [kind, letters] of NAMES) {
      if (letters.length !== len) continue;
      let k = 0;
      while (k < len && b[from + k] === letters[k]) k++;
      if (k === len) return kind;
    }
    return OTHER;
  }

  private start(kind: number, b: Buffer): void {
    switch (kind) {
      case ROW: {
        const r = this.attrR < 0 ? NaN : Number(b.toString('latin1', this.attrR, this.attrREnd));
        this.rowNo = Number.isSafeInteger(r) && r > 0 ? r : this.rowNo + 1;
        this.cells = [];
        this.formulas = undefined;
        this.hasValue = false;
        this.col = -1;
        break;
      }
      case C: {
        this.col = this.attrR < 0 ? this.col + 1 : columnIndex(b, this.attrR, this.attrREnd);
        this.type = this.attrT < 0 ? undefined : decodeEntities(b.toString('latin1', this.attrT, this.attrTEnd));
        this.style = this.attrS < 0 ? 0 : smallNumber(b, this.attrS, this.attrSEnd);
        this.formula = undefined;
        this.value = undefined;
        this.sharedIndex = -1;
        break;
      }
      case F:
        this.formula = '';
        this.text = Text.F;
        break;
      case V:
        this.value = '';
        this.sharedIndex = -1;
        this.text = Text.V;
        break;
      case IS:
        this.value = '';
        break;
      case SI:
        // A shared string: an <si> right under the root, read only when strings are asked for.
        if (this.onString !== undefined && this.open.length === 2) {
          this.value = '';
          this.sharedIndex = -1;
        }
        break;
      case RPH:
        this.inPhonetic = true;
        break;
      case T:
        if (this.value !== undefined && !this.inPhonetic) this.text = Text.T;
        break;
      case DIMENSION: {
        if (this.attrRef < 0) break;
        const m = /:[A-Z]+(\d+)$/.exec(decodeEntities(b.toString('utf8', this.attrRef, this.attrRefEnd)));
        if (m !== null) this.expectedRows = Math.max(0, Number(m[1]) - 1);
        break;
      }
      case MERGE_CELL: {
        const ref = this.attrRef < 0 ? '' : decodeEntities(b.toString('utf8', this.attrRef, this.attrRefEnd));
        const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(ref);
        if (m !== null && Number(m[1]) <= 1 && Number(m[2] ?? m[1]) >= 1) this.merged.push(ref);
        break;
      }
    }
  }

  private close(b: Buffer, at: number, end: number): void {
    const h = hash(b, at, end);
    if (this.open.pop() !== h) {
      throw new SheetXmlError(`the end tag </${b.toString('utf8', at, Math.min(end, at + 40))}> closes another element`);
    }
    if (this.open.length === 0) this.done = true;
    switch (this.kinds.pop()) {
      case V:
      case F:
      case T:
        this.text = Text.None;
        break;
      case RPH:
        this.inPhonetic = false;
        break;
      case C:
        this.endCell();
        break;
      case SI:
        if (this.onString !== undefined && this.open.length === 1) {
          this.onString(this.value ?? '');
          this.value = undefined;
        }
        break;
      case ROW:
        if (this.hasValue || this.formulas !== undefined) {
          const cells = this.cells;
          for (let c = 0; c < cells.length; c++) cells[c] ??= '';
          const r: ScannedRow = { row: this.rowNo, cells };
          if (this.formulas !== undefined) r.formulas = this.formulas;
          this.onRow(r);
        }
        break;
    }
  }

  private endCell(): void {
    const col = this.col;
    if (col < 0) return;
    if (this.value === undefined) {
      if (this.formula !== undefined) {
        (this.formulas ??= new Map()).set(col, this.formula === '' ? '…' : this.formula);
        this.cells[col] = '';
      }
      return;
    }
    const t =
      this.type === 's' && this.sharedIndex >= 0
        ? this.cellsOf.sharedString(this.sharedIndex)
        : this.type === 's'
          ? this.value.trim() === ''
            ? '' // an empty <v/> is no string at all (Number('') would be 0, the first shared string)
            : this.cellsOf.sharedString(Number(this.value))
          : this.cellsOf.valueText(this.type, this.style, this.value);
    this.cells[col] = t;
    if (t !== '') this.hasValue = true;
  }

  private addText(b: Buffer, from: number, to: number): void {
    // A shared string's index: plain digits, read without making a string.
    if (this.text === Text.V && this.type === 's' && this.value === '' && this.sharedIndex < 0 && to - from <= 9) {
      let x = 0;
      let k = from;
      while (k < to && b[k]! >= 0x30 && b[k]! <= 0x39) x = x * 10 + (b[k++]! - 0x30);
      if (k === to) {
        this.sharedIndex = x;
        this.value = 'shared';
        return;
      }
    }
    this.append(decodeEntities(lineEnds(b.toString('utf8', from, to))));
  }

  private append(s: string): void {
    if (this.text === Text.F) this.formula += s;
    else {
      if (this.sharedIndex >= 0) {
        // more text after the digits (another piece of the same value): read it as text after all
        this.value = String(this.sharedIndex);
        this.sharedIndex = -1;
      }
      this.value += s;
    }
  }
}

/** A hash of an element's full name (prefix included), to match its end tag. */
function hash(b: Buffer, from: number, to: number): number {
  let h = to - from;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
  return h;
}

/** "AB12" → 27, from the bytes of a cell reference. */
function columnIndex(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A style index: plain digits read from the bytes, anything else as Number() reads it. */
function smallNumber(b: Buffer, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x39 || i - from > 8) return Number(decodeEntities(b.toString('utf8', from, to)));
    x = x * 10 + (c - 0x30);
  }
  return x;
}

/**
 * The shared strings of a workbook (xl/sharedStrings.xml) as it is unpacked: `write` each piece,
 * then `end` gives them in their order. Each <si> under the root is read as a cell's inline string
 * is: its text and its runs' text joined, phonetic runs and formatting left out. XML that is not
 * well formed throws SheetXmlError, naming the part.
 */
export class SharedStringsReader {
  private readonly strings: string[] = [];
  private readonly scanner: SheetXmlScanner;

  constructor() {
    const none = (): string => '';
    this.scanner = new SheetXmlScanner(
      { sharedString: none, valueText: none },
      () => undefined,
      [],
      (text) => this.strings.push(text),
    );
  }

  write(piece: Buffer): void {
    this.named(() => this.scanner.write(piece));
  }

  end(): string[] {
    this.named(() => this.scanner.end());
    return this.strings;
  }

  private named(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (e instanceof SheetXmlError) throw new SheetXmlError(`the shared strings (xl/sharedStrings.xml): ${e.message}`);
      throw e;
    }
  }
}

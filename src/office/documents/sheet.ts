/**
 * A4 pages with pdfkit, laid out by FairDraw rather than by pdfkit's text flow: Chinese line
 * breaking with 禁则 and 两端对齐 (typeset.ts), tables whose header repeats on every page, running
 * headers and "第 X 页 共 Y 页" footers written once the page count is known.
 *
 * Every string is drawn with `lineBreak: false` at a position computed here, so pdfkit never adds
 * a page on its own and the output depends only on the content (and `createdAt`): the same inputs
 * give the same bytes.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fontBytes, resolveFonts, type CjkFonts, type FontRole } from './fonts.js';
import { breakLines, justifySpacing, type Line } from './typeset.js';
import { Face, hash, num, rgb, type EmbeddedFont } from './pdf-face.js';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 72, bottom: 66, left: 62, right: 62 } as const;

// Noto CJK's ideographic em box: 0.88 em above the baseline, 0.12 em below.
const ASCENT = 0.88;

export interface SheetOptions {
  /** Document title: PDF metadata and the running header. */
  title: string;
  subject?: string;
  /** The office clock's time: the PDF's CreationDate (keeps the output reproducible). */
  createdAt: Date;
  fonts?: CjkFonts;
  /** Left part of the running header. */
  header?: string;
  /** Left part of the footer (e.g. the event id). */
  footer?: string;
  /**
   * Write the PDF to this file as it is made instead of keeping it in memory: with `section()`,
   * finished pages leave memory at once (a batch of 10,000 letters stays flat).
   */
  file?: string;
}

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  role?: FontRole;
  size?: number;
  color?: string;
}

export interface ParagraphStyle extends TextStyle {
  /** First-line indent in em (Chinese paragraphs indent two characters). */
  indent?: number;
  align?: Align | 'justify';
  /** Line height as a multiple of the font size. */
  leading?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  /** Left offset from the margin, in points. */
  inset?: number;
  /** Width, default the whole text column less `inset`. */
  width?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: Align;
  role?: FontRole;
  size?: number;
  /** Text after a cell's first line break is a note in this smaller size (e.g. a hash's technical name). */
  noteSize?: number;
}

interface CellLine {
  text: string;
  role: FontRole;
  size: number;
  color?: string;
}

export interface TableOptions {
  size?: number;
  /** Draw the header row (repeated after each page break). */
  header?: boolean;
  /** Shade every other row. */
  zebra?: boolean;
  /** Left offset and width of the table (default: the text column). */
  inset?: number;
  width?: number;
  /** Minimum height of a body row (room to write by hand). */
  rowHeight?: number;
  /** A caption drawn above the repeated header on each continuation page, e.g. `某小学 录取名单（续）`. */
  continued?: string;
}

const GRID = '#808080';
const HEAD_FILL = '#e8ecf1';
const ZEBRA_FILL = '#f6f8fa';

export class Sheet {
  private readonly pdf: PDFKit.PDFDocument;
  readonly left = MARGIN.left;
  readonly right = A4.width - MARGIN.right;
  readonly top = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  readonly width = A4.width - MARGIN.left - MARGIN.right;
  /** Top of the free space on the current page. */
  y: number = MARGIN.top;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<Uint8Array>;
  private readonly out: WriteStream | undefined;
  private readonly faces = new Map<FontRole, Face>();
  /** Content-stream operators of the current page not yet handed to pdfkit, and the fonts they use. */
  private ops: string[] = [];
  private readonly opsFonts = new Set<Face>();
  /** Laid-out lines of repeated texts (the same paragraph in every letter of a batch). */
  private readonly lineCache = new Map<string, Line[]>();
  private readonly seen = new Set<number>();
  /** First page (absolute index) of the current section, and its footer text. */
  private sectionStart = 0;
  private sectionFooter: string | undefined;
  private sectioned = false;

  constructor(private readonly options: SheetOptions) {
    this.pdf = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      fontLayoutCache: false,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: options.title,
        Subject: options.subject ?? options.title,
        Author: 'FairDraw 阳光摇号',
        Creator: 'FairDraw',
        Producer: 'FairDraw (pdfkit)',
        CreationDate: options.createdAt,
      },
    });
    const fonts = options.fonts ?? resolveFonts();
    for (const role of ['body', 'sans', 'bold', 'mono'] as const) {
      const f = fonts[role];
      this.pdf.registerFont(role, fontBytes(f.path), f.face as string);
    }
    this.sectionFooter = options.footer;
    if (options.file) {
      // A write stream with backpressure: pdfkit pushes each finished page's bytes as it ends it
      // (section() and flushPages), and a batch waits in `drained()` while the file is behind.
      const out = createWriteStream(options.file);
      this.out = out;
      this.done = new Promise((resolve, reject) => {
        let failed: Error | undefined;
        out.on('error', (e: Error) => {
          failed = e;
          reject(e);
        });
        this.pdf.on('data', (c: Uint8Array) => {
          if (!failed) out.write(c);
        });
        this.pdf.on('end', () => out.end(() => (failed ? reject(failed) : resolve(new Uint8Array()))));
        this.pdf.on('error', (e: Error) => {
          out.destroy(e);
          reject(e);
        });
      });
      // Rejections surface from finish(); an early one must not go unhandled meanwhile.
      this.done.catch(() => undefined);
    } else {
      this.done = new Promise((resolve, reject) => {
        this.pdf.on('data', (c: Uint8Array) => this.chunks.push(c));
        this.pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
        this.pdf.on('error', reject);
      });
    }
  }

  /**
   * pdfkit's document, for drawing the sheet does not do itself (charts). What the sheet has drawn
   * so far goes to the page first, so the order on the page is the order of the calls.
   */
  get doc(): PDFKit.PDFDocument {
    this.flushOps();
    return this.pdf;
  }

  /** Resolves once the file has taken what was written so far (at once without `file`). */
  drained(): Promise<void> {
    const out = this.out;
    // A file that cannot be written stops the batch at once, not after every letter is laid out.
    if (out?.errored) return Promise.reject(out.errored);
    if (!out?.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve, reject) => {
      const done = (e?: Error): void => {
        out.off('drain', done);
        out.off('error', done);
        if (e) reject(e);
        else resolve();
      };
      out.on('drain', done);
      out.on('error', done);
    });
  }

  /** Hands the operators drawn so far to the current page, with the fonts they use. */
  private flushOps(): void {
    if (this.ops.length === 0) return;
    const page = this.pdf.page as unknown as { fonts: Record<string, unknown> };
    for (const f of this.opsFonts) page.fonts[f.font.id] ??= f.font.ref();
    this.opsFonts.clear();
    this.pdf.addContent(this.ops.join('\n'));
    this.ops = [];
  }

  // ---- fonts and measuring

  private face(role: FontRole): Face {
    let f = this.faces.get(role);
    if (!f) {
      this.pdf.font(role);
      f = new Face((this.pdf as unknown as { _font: EmbeddedFont })._font);
      this.faces.set(role, f);
    }
    return f;
  }

  measure(text: string, role: FontRole, size: number): number {
    return this.face(role).width(text, size);
  }

  lines(text: string, width: number, role: FontRole, size: number, firstIndent = 0): Line[] {
    if (!/\s/.test(text)) {
      // One piece of text without spaces or breaks (a name, a number) that fits is its own line.
      const w = this.face(role).width(text, size);
      if (w <= width - firstIndent) return [{ text, width: w, end: true }];
    }
    const key = `${role}|${size}|${width}|${firstIndent}|${text}`;
    let lines = this.lineCache.get(key);
    if (!lines) {
      const face = this.face(role);
      lines = breakLines(text, width, (s) => face.width(s, size), firstIndent);
      // A batch's letters repeat their fixed texts; a text with a family's name or number comes once.
      // Only a text met before is kept (its hash noted the first time), so the one-off texts of
      // 10,000 letters do not pile up in memory between collections.
      const h = hash(key);
      if (this.seen.has(h)) {
        if (this.lineCache.size >= 2_000) this.lineCache.clear();
        this.lineCache.set(key, lines);
      } else {
        if (this.seen.size >= 100_000) this.seen.clear();
        this.seen.add(h);
      }
    }
    return lines;
  }

  /** Draws one line with its baseline at `baseline`. */
  text(s: string, x: number, baseline: number, style: TextStyle & { spacing?: number; align?: Align; width?: number } = {}): void {
    if (s === '') return;
    const role = style.role ?? 'body';
    const size = style.size ?? 10.5;
    const face = this.face(role);
    let dx = 0;
    if (style.align && style.align !== 'left' && style.width !== undefined) {
      const w = face.width(s, size);
      dx = style.align === 'center' ? (style.width - w) / 2 : style.width - w;
    }
    // The page's user space is pdfkit's (y downward); the text matrix flips the glyphs upright.
    const spacing = style.spacing ? Math.round(style.spacing * 1000) / 1000 : 0;
    this.opsFonts.add(face);
    this.ops.push(
      `BT /${face.font.id} ${size} Tf ${spacing} Tc ${rgb(style.color ?? '#000000')} rg 1 0 0 -1 ${num(x + dx)} ${num(baseline)} Tm <${face.encode(s)}> Tj ET`,
    );
  }

  /** Baseline of a line of `size` set in a line box of `lineHeight` starting at `top`. */
  static baseline(top: number, size: number, lineHeight: number): number {
    return top + (lineHeight - size) / 2 + ASCENT * size;
  }

  // ---- pages

  newPage(): void {
    this.flushOps();
    this.pdf.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits on this one; true when it broke. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom + 0.01) return false;
    this.newPage();
    return true;
  }

  space(h: number): void {
    this.y = Math.min(this.y + h, this.bottom);
  }

  get remaining(): number {
    return this.bottom - this.y;
  }

  // ---- blocks

  /** A paragraph: wrapped, justified, split across pages line by line. */
  paragraph(text: string, style: ParagraphStyle = {}): void {
    const role = style.role ?? 'body';
    const size = style.size ?? 10.5;
    const lh = size * (style.leading ?? 1.75);
    const inset = style.inset ?? 0;
    const width = style.width ?? this.width - inset;
    const indent = (style.indent ?? 0) * size;
    const align = style.align ?? 'justify';
    const lines = this.lines(text, width, role, size, indent);
    let first = true;
    for (const line of lines) {
      this.ensure(lh);
      const ind = first ? indent : 0;
      const base = Sheet.baseline(this.y, size, lh);
      if (align === 'justify') {
        this.text(line.text, this.left + inset + ind, base, {
          role,
          size,
          color: style.color,
          spacing: justifySpacing(line, width - ind, size * 0.15),
        });
      } else {
        this.text(line.text, this.left + inset + ind, base, { role, size, color: style.color, align, width: width - ind });
      }
      this.y += lh;
      first = line.end;
    }
    this.y += style.after ?? size * 0.4;
  }

  /** The document's title block, centred. */
  titleBlock(lines: readonly { text: string; size: number; role?: FontRole; color?: string }[], after = 14): void {
    for (const l of lines) {
      const role = l.role ?? 'bold';
      const lh = l.size * 1.45;
      for (const line of this.lines(l.text, this.width, role, l.size)) {
        this.ensure(lh);
        this.text(line.text, this.left, Sheet.baseline(this.y, l.size, lh), {
          role,
          size: l.size,
          color: l.color,
          align: 'center',
          width: this.width,
        });
        this.y += lh;
      }
    }
    this.y += after;
  }

  /** A section heading, kept with at least `keep` points of what follows. */
  heading(text: string, level: 1 | 2 = 1, keep = 60): void {
    const size = level === 1 ? 13 : 11;
    const lh = size * 1.5;
    const before = level === 1 ? 10 : 6;
    if (this.y > this.top) this.y += before;
    this.ensure(lh + keep);
    for (const line of this.lines(text, this.width, level === 1 ? 'bold' : 'bold', size)) {
      this.text(line.text, this.left, Sheet.baseline(this.y, size, lh), { role: 'bold', size, color: level === 1 ? '#8b0000' : '#000000' });
      this.y += lh;
    }
    this.y += level === 1 ? 3 : 1;
  }

  /** A thin horizontal rule across the text column. */
  rule(color = '#b0b0b0', gap = 6): void {
    this.ensure(gap * 2);
    this.y += gap;
    this.ops.push(`q 0.5 w ${rgb(color)} RG ${num(this.left)} ${num(this.y)} m ${num(this.right)} ${num(this.y)} l S Q`);
    this.y += gap;
  }

  /**
   * A table: cells wrap (CJK rules), rows never split, the header repeats on each new page. Rows
   * are arrays of cell texts in column order.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    const size = options.size ?? 9;
    const inset = options.inset ?? 0;
    const total = options.width ?? this.width - inset;
    const sum = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / sum) * total);
    const padX = 4;
    const padY = 3;
    const layout = (cells: readonly string[], header: boolean) => {
      const parts = columns.map((c, i) => {
        const role: FontRole = header ? 'bold' : (c.role ?? 'sans');
        const sz = header ? size : (c.size ?? size);
        const text = cells[i] ?? '';
        const cut = !header && c.noteSize !== undefined ? text.indexOf('\n') : -1;
        const main = cut >= 0 ? text.slice(0, cut) : text;
        const lines: CellLine[] = this.lines(main, widths[i]! - 2 * padX, role, sz).map((l) => ({ text: l.text, role, size: sz }));
        if (cut >= 0) {
          const ns = c.noteSize!;
          for (const l of this.lines(text.slice(cut + 1), widths[i]! - 2 * padX, 'sans', ns)) {
            lines.push({ text: l.text, role: 'sans', size: ns, color: '#606060' });
          }
        }
        const height = lines.reduce((h, l) => h + l.size * 1.4, 0);
        return { lines, height };
      });
      const height = Math.max(header ? 0 : (options.rowHeight ?? 0), Math.max(...parts.map((p) => p.height)) + 2 * padY);
      return { parts, height };
    };
    const head =
      options.header === false
        ? undefined
        : layout(
            columns.map((c) => c.header),
            true,
          );
    const drawRow = (row: ReturnType<typeof layout>, fill: string | undefined): void => {
      let x = this.left + inset;
      // The row's cells: shading, then the grid, then each cell's text.
      const cells: string[] = [];
      for (const w of widths) {
        cells.push(`${num(x)} ${num(this.y)} ${num(w)} ${num(row.height)} re`);
        x += w;
      }
      this.ops.push(`q${fill ? ` ${rgb(fill)} rg ${cells.join(' ')} f` : ''} 0.5 w ${rgb(GRID)} RG ${cells.join(' ')} S Q`);
      x = this.left + inset;
      row.parts.forEach((p, i) => {
        const w = widths[i]!;
        const align = row === head ? 'center' : (columns[i]!.align ?? 'left');
        let top = this.y + padY + (row.height - 2 * padY - p.height) / 2;
        for (const line of p.lines) {
          const lh = line.size * 1.4;
          this.text(line.text, x + padX, Sheet.baseline(top, line.size, lh), {
            role: line.role,
            size: line.size,
            color: line.color,
            align,
            width: w - 2 * padX,
          });
          top += lh;
        }
        x += w;
      });
      this.y += row.height;
    };
    const laid = rows.map((r) => layout(r, false));
    if (head) this.ensure(head.height + (laid[0]?.height ?? 0));
    if (head) drawRow(head, HEAD_FILL);
    laid.forEach((row, i) => {
      if (this.ensure(row.height)) {
        if (options.continued) this.paragraph(options.continued, { role: 'bold', size: 9.5, align: 'left', after: 3 });
        if (head) drawRow(head, HEAD_FILL);
      }
      drawRow(row, options.zebra && i % 2 === 1 ? ZEBRA_FILL : undefined);
    });
    this.y += 6;
  }

  /** A PNG image of `width` points at (x, y), not moving the cursor. */
  image(png: Uint8Array, x: number, y: number, width: number): void {
    this.doc.image(Buffer.from(png), x, y, { width });
  }

  /** A labelled line to sign on: `label：________`. */
  signLine(label: string, x: number, baseline: number, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 10.5;
    const role = style.role ?? 'body';
    this.text(label, x, baseline, { role, size });
    const lx = x + this.measure(label, role, size) + 4;
    this.ops.push(`q 0.6 w 0 0 0 RG ${num(lx)} ${num(baseline + 2)} m ${num(x + width)} ${num(baseline + 2)} l S Q`);
  }

  /** A dashed box with a caption in its centre, e.g. 盖章处. */
  box(x: number, y: number, w: number, h: number, caption: string): void {
    this.ops.push(`q [4 3] 0 d 0.8 w ${rgb('#8b0000')} RG ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S Q`);
    this.text(caption, x, y + h / 2 + 4, { role: 'sans', size: 10, color: '#8b0000', align: 'center', width: w });
  }

  /**
   * A family's QR code at the right margin with text beside it: `write(width)` writes the text in
   * the width left of the code; the page goes on below whichever of the two is taller.
   */
  qrBeside(url: string, size: number, write: (width: number) => void): void {
    this.ensure(size + 6);
    const top = this.y;
    this.qr(url, this.right - size, top, size);
    write(this.width - size - 16);
    this.y = Math.max(this.y, top + size) + 8;
  }

  /** A QR code drawn as vector squares (sharp at any size, no image per letter), `size` points wide. */
  qr(text: string, x: number, y: number, size: number): void {
    // A fixed mask: every mask gives a valid code, and choosing the best costs more than drawing it.
    // One byte-mode segment: finding the shortest mix of modes costs more than the bytes it saves.
    const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
    const n = modules.size;
    const quiet = 2;
    const cell = size / (n + 2 * quiet);
    // In module units (one module = 1), each run of dark modules in a row one rectangle.
    const runs: string[] = [];
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const from = c;
        while (c < n && modules.get(r, c)) c++;
        runs.push(`${from} ${r} ${c - from} 1 re`);
      }
    }
    this.ops.push(
      `q 1 1 1 rg ${num(x)} ${num(y)} ${num(size)} ${num(size)} re f ${Math.round(cell * 1e4) / 1e4} 0 0 ${Math.round(cell * 1e4) / 1e4} ${num(x + quiet * cell)} ${num(y + quiet * cell)} cm 0 0 0 rg ${runs.join(' ')} f Q`,
    );
  }

  // ---- sections and end

  /**
   * Starts a new letter in a batch: its pages are numbered on their own ("第 1 页 共 1 页"), and the
   * pages of the letter before are finished and, with `file`, written out and dropped from memory.
   */
  section(footer?: string): void {
    if (this.sectioned) {
      this.stampSection();
      this.pdf.addPage();
      this.y = this.top;
    }
    this.sectioned = true;
    const range = this.pdf.bufferedPageRange();
    this.sectionStart = range.start + range.count - 1;
    this.sectionFooter = footer ?? this.options.footer;
  }

  /** Running header and page numbers on the current section's pages; then they leave memory. */
  private stampSection(): void {
    this.flushOps();
    const range = this.pdf.bufferedPageRange();
    const from = this.sectionStart;
    const to = range.start + range.count;
    for (let p = from; p < to; p++) {
      this.pdf.switchToPage(p);
      this.stamp(p - from + 1, to - from, this.sectionFooter);
      this.flushOps();
    }
    const pages = (this.pdf as unknown as { _pageBuffer: { dictionary: { data: unknown } }[] })._pageBuffer.slice();
    this.pdf.flushPages();
    // Written: the page tree needs only each page's object number, not its dictionary, resources
    // and content (a batch of 10,000 letters would otherwise keep them all until the end).
    for (const p of pages) p.dictionary.data = {};
  }

  private stamp(page: number, pages: number, footer: string | undefined): void {
    const headY = this.top - 22;
    this.text(this.options.header ?? 'FairDraw 阳光摇号', this.left, headY, { role: 'sans', size: 8, color: '#606060' });
    this.text(this.options.title, this.left, headY, { role: 'sans', size: 8, color: '#606060', align: 'right', width: this.width });
    this.ops.push(`q 0.5 w ${rgb('#b0b0b0')} RG ${num(this.left)} ${num(headY + 5)} m ${num(this.right)} ${num(headY + 5)} l S Q`);
    const footY = this.bottom + 34;
    this.text(`第 ${page} 页 共 ${pages} 页`, this.left, footY, { role: 'sans', size: 9, align: 'center', width: this.width });
    if (footer) this.text(footer, this.left, footY, { role: 'sans', size: 7.5, color: '#606060', width: this.width * 0.3 });
  }

  /**
   * Writes running headers and "第 X 页 共 Y 页" (per section in a batch, else over the document),
   * then ends the PDF: its bytes, or an empty array when it was written to `file`.
   */
  async finish(): Promise<Uint8Array> {
    if (!this.sectioned) this.sectionStart = this.pdf.bufferedPageRange().start;
    this.stampSection();
    this.pdf.end();
    return this.done;
  }
}

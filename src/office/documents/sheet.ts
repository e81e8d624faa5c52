/**
 * A4 pages with pdfkit, laid out by FairDraw rather than by pdfkit's text flow: Chinese line
 * breaking with 禁则 and 两端对齐 (typeset.ts), tables whose header repeats on every page, running
 * headers and "第 X 页 共 Y 页" footers written once the page count is known.
 *
 * Every string is drawn with `lineBreak: false` at a position computed here, so pdfkit never adds
 * a page on its own and the output depends only on the content (and `createdAt`): the same inputs
 * give the same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fontBytes, resolveFonts, type CjkFonts, type FontRole } from './fonts.js';
import { breakLines, justifySpacing, type Line } from './typeset.js';

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

/** pdfkit's embedded font, as far as fastLayout touches it. */
interface EmbeddedFont {
  font?: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] } };
  scale?: number;
  layoutRun?: (text: string, features?: unknown) => unknown;
  fastLayout?: boolean;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/**
 * Lays text out glyph by glyph from the font's character map, without OpenType shaping. Chinese
 * needs no shaping (no ligatures, no contextual forms), and shaping every string of a 10,000-letter
 * batch through the CJK font's large GSUB/GPOS tables is what made it slow. Widths and glyphs are
 * cached per character. (Latin kerning, which the documents do not rely on, is not applied.)
 */
function fastLayout(f: EmbeddedFont): void {
  if (f.fastLayout || !f.font || f.scale === undefined || !f.layoutRun) return;
  const font = f.font;
  const scale = f.scale;
  const glyphs = new Map<number, { glyph: ReturnType<typeof font.glyphForCodePoint>; advance: number }>();
  f.layoutRun = (text: string, features?: unknown) => {
    if (features) throw new Error('font features are not supported');
    const out: ReturnType<typeof font.glyphForCodePoint>[] = [];
    const positions: Position[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = glyphs.get(cp);
      if (!g) {
        const glyph = font.glyphForCodePoint(cp);
        g = { glyph, advance: glyph.advanceWidth * scale };
        glyphs.set(cp, g);
      }
      out.push(g.glyph);
      positions.push({ xAdvance: g.advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: g.advance });
      advanceWidth += g.advance;
    }
    return { glyphs: out, positions, advanceWidth };
  };
  f.fastLayout = true;
}

const GRID = '#808080';
const HEAD_FILL = '#e8ecf1';
const ZEBRA_FILL = '#f6f8fa';

export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  readonly left = MARGIN.left;
  readonly right = A4.width - MARGIN.right;
  readonly top = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  readonly width = A4.width - MARGIN.left - MARGIN.right;
  /** Top of the free space on the current page. */
  y: number = MARGIN.top;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<Uint8Array>;
  private current = { role: '' as FontRole | '', size: 0 };
  private readonly widths = new Map<string, number>();
  private readonly fd: number | undefined;
  /** First page (absolute index) of the current section, and its footer text. */
  private sectionStart = 0;
  private sectionFooter: string | undefined;
  private sectioned = false;

  constructor(private readonly options: SheetOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      // Layout is per character and cached below (fastLayout); pdfkit's own cache keeps every string.
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
      this.doc.registerFont(role, fontBytes(f.path), f.face as string);
    }
    this.sectionFooter = options.footer;
    if (options.file) {
      // Written synchronously as pdfkit produces it: the letters are laid out in one synchronous
      // loop, so a stream would only get to write at the end, holding the whole file meanwhile.
      const fd = openSync(options.file, 'w');
      this.fd = fd;
      let pending: Uint8Array[] = [];
      let size = 0;
      const flush = (): void => {
        if (size > 0) writeSync(fd, Buffer.concat(pending, size));
        pending = [];
        size = 0;
      };
      this.done = new Promise((resolve, reject) => {
        this.doc.on('data', (c: Uint8Array) => {
          pending.push(c);
          size += c.length;
          if (size >= 1 << 20) flush();
        });
        this.doc.on('end', () => {
          try {
            flush();
            closeSync(fd);
            resolve(new Uint8Array());
          } catch (e) {
            reject(e as Error);
          }
        });
        this.doc.on('error', (e: Error) => {
          closeSync(fd);
          reject(e);
        });
      });
    } else {
      this.done = new Promise((resolve, reject) => {
        this.doc.on('data', (c: Uint8Array) => this.chunks.push(c));
        this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
        this.doc.on('error', reject);
      });
    }
  }

  // ---- fonts and measuring

  use(role: FontRole, size: number): this {
    if (this.current.role !== role) {
      this.doc.font(role);
      fastLayout((this.doc as unknown as { _font: EmbeddedFont })._font);
    }
    if (this.current.size !== size) this.doc.fontSize(size);
    this.current = { role, size };
    return this;
  }

  measure(text: string, role: FontRole, size: number): number {
    const key = `${role}\u0000${size}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.use(role, size).doc.widthOfString(text);
      // Short pieces (characters, words) repeat across a batch; whole lines rarely do.
      if (text.length <= 12 && this.widths.size < 200_000) this.widths.set(key, w);
    }
    return w;
  }

  lines(text: string, width: number, role: FontRole, size: number, firstIndent = 0): Line[] {
    return breakLines(text, width, (s) => this.measure(s, role, size), firstIndent);
  }

  /** Draws one line with its baseline at `baseline`. */
  text(s: string, x: number, baseline: number, style: TextStyle & { spacing?: number; align?: Align; width?: number } = {}): void {
    const role = style.role ?? 'body';
    const size = style.size ?? 10.5;
    let dx = 0;
    if (style.align && style.align !== 'left' && style.width !== undefined) {
      const w = this.measure(s, role, size);
      dx = style.align === 'center' ? (style.width - w) / 2 : style.width - w;
    }
    this.use(role, size)
      .doc.fillColor(style.color ?? '#000000')
      .text(s, x + dx, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: style.spacing ?? 0 });
  }

  /** Baseline of a line of `size` set in a line box of `lineHeight` starting at `top`. */
  static baseline(top: number, size: number, lineHeight: number): number {
    return top + (lineHeight - size) / 2 + ASCENT * size;
  }

  // ---- pages

  newPage(): void {
    this.doc.addPage();
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
    this.doc.save().moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.5).strokeColor(color).stroke().restore();
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
      const doc = this.doc;
      row.parts.forEach((p, i) => {
        const w = widths[i]!;
        doc.save();
        if (fill) doc.rect(x, this.y, w, row.height).fill(fill);
        doc.rect(x, this.y, w, row.height).lineWidth(0.5).strokeColor(GRID).stroke();
        doc.restore();
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
    this.doc
      .save()
      .moveTo(lx, baseline + 2)
      .lineTo(x + width, baseline + 2)
      .lineWidth(0.6)
      .strokeColor('#000000')
      .stroke()
      .restore();
  }

  /** A dashed box with a caption in its centre, e.g. 盖章处. */
  box(x: number, y: number, w: number, h: number, caption: string): void {
    this.doc.save().dash(4, { space: 3 }).rect(x, y, w, h).lineWidth(0.8).strokeColor('#8b0000').stroke().undash().restore();
    this.text(caption, x, y + h / 2 + 4, { role: 'sans', size: 10, color: '#8b0000', align: 'center', width: w });
  }

  /** A QR code drawn as vector squares (sharp at any size, no image per letter), `size` points wide. */
  qr(text: string, x: number, y: number, size: number): void {
    // A fixed mask: every mask gives a valid code, and choosing the best costs more than drawing it.
    // One byte-mode segment: finding the shortest mix of modes costs more than the bytes it saves.
    const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
    const n = modules.size;
    const quiet = 2;
    const cell = size / (n + 2 * quiet);
    const doc = this.doc.save();
    doc.rect(x, y, size, size).fill('#ffffff');
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const from = c;
        while (c < n && modules.get(r, c)) c++;
        doc.rect(x + (quiet + from) * cell, y + (quiet + r) * cell, (c - from) * cell, cell);
      }
    }
    doc.fill('#000000').restore();
  }

  // ---- sections and end

  /**
   * Starts a new letter in a batch: its pages are numbered on their own ("第 1 页 共 1 页"), and the
   * pages of the letter before are finished and, with `file`, written out and dropped from memory.
   */
  section(footer?: string): void {
    if (this.sectioned) {
      this.stampSection();
      this.doc.addPage();
      this.y = this.top;
    }
    this.sectioned = true;
    this.sectionStart = this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
    this.sectionFooter = footer ?? this.options.footer;
  }

  /** Running header and page numbers on the current section's pages; then they leave memory. */
  private stampSection(): void {
    const range = this.doc.bufferedPageRange();
    const from = this.sectionStart;
    const to = range.start + range.count;
    for (let p = from; p < to; p++) {
      this.doc.switchToPage(p);
      this.current = { role: '', size: 0 };
      this.stamp(p - from + 1, to - from, this.sectionFooter);
    }
    this.doc.flushPages();
    this.current = { role: '', size: 0 };
  }

  private stamp(page: number, pages: number, footer: string | undefined): void {
    const headY = this.top - 22;
    this.text(this.options.header ?? 'FairDraw 阳光摇号', this.left, headY, { role: 'sans', size: 8, color: '#606060' });
    this.text(this.options.title, this.left, headY, { role: 'sans', size: 8, color: '#606060', align: 'right', width: this.width });
    this.doc
      .save()
      .moveTo(this.left, headY + 5)
      .lineTo(this.right, headY + 5)
      .lineWidth(0.5)
      .strokeColor('#b0b0b0')
      .stroke()
      .restore();
    const footY = this.bottom + 34;
    this.text(`第 ${page} 页 共 ${pages} 页`, this.left, footY, { role: 'sans', size: 9, align: 'center', width: this.width });
    if (footer) this.text(footer, this.left, footY, { role: 'sans', size: 7.5, color: '#606060', width: this.width * 0.3 });
  }

  /**
   * Writes running headers and "第 X 页 共 Y 页" (per section in a batch, else over the document),
   * then ends the PDF: its bytes, or an empty array when it was written to `file`.
   */
  async finish(): Promise<Uint8Array> {
    if (!this.sectioned) this.sectionStart = this.doc.bufferedPageRange().start;
    this.stampSection();
    this.doc.end();
    return this.done;
  }
}

/**
 * What the sheet (sheet.ts) writes into a PDF content stream below the level of layout: a font
 * laid out glyph by glyph and added to its embedded subset, and the numbers, colours and hashes
 * the stream's operators are written with.
 */
/** pdfkit's embedded CID font, as far as the sheet touches it. */
export interface EmbeddedFont {
  id: string;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] } };
  /** 1000 / units per em. */
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

/**
 * One font of the sheet, laid out glyph by glyph from its character map without OpenType shaping:
 * Chinese needs none (no ligatures, no contextual forms), and shaping every string of a
 * 10,000-letter batch through a CJK font's large GSUB/GPOS tables is what made it slow. Advances
 * and glyph codes are kept per character. (Latin kerning, which the documents do not rely on, is
 * not applied.)
 */
export class Face {
  private readonly advances = new Map<number, number>();
  private readonly codes = new Map<number, string>();
  constructor(readonly font: EmbeddedFont) {}

  /** Advance of a character at size 1. */
  private advance(cp: number): number {
    let a = this.advances.get(cp);
    if (a === undefined) {
      a = (this.font.font.glyphForCodePoint(cp).advanceWidth * this.font.scale) / 1000;
      this.advances.set(cp, a);
    }
    return a;
  }

  width(text: string, size: number): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += this.advance(cp);
    }
    return w * size;
  }

  /** The glyph codes of `text` as hex (four digits a glyph), adding each glyph to the embedded subset. */
  encode(text: string): string {
    let hex = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let code = this.codes.get(cp);
      if (code === undefined) {
        const f = this.font;
        const glyph = f.font.glyphForCodePoint(cp);
        const gid = f.subset.includeGlyph(glyph.id);
        f.widths[gid] ??= glyph.advanceWidth * f.scale;
        f.unicode[gid] ??= glyph.codePoints;
        code = gid.toString(16).padStart(4, '0');
        this.codes.set(cp, code);
      }
      hex += code;
    }
    return hex;
  }
}

/** FNV-1a over the UTF-16 code units: a 32-bit number, kept without an object per entry. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A coordinate in the content stream: hundredths of a point are finer than any printer. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

const rgbCache = new Map<string, string>();
/** `#rrggbb` as the three numbers of a PDF colour operator. */
export function rgb(hex: string): string {
  let v = rgbCache.get(hex);
  if (v === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!m) throw new Error(`colour ${hex}: expected #rrggbb`);
    v = [m[1]!, m[2]!, m[3]!].map((h) => String(Math.round((parseInt(h, 16) / 255) * 1000) / 1000)).join(' ');
    rgbCache.set(hex, v);
  }
  return v;
}

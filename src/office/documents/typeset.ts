/**
 * Line breaking for Chinese text, independent of pdfkit (a `measure` function gives widths).
 *
 * Chinese breaks between any two characters, with the 禁则 (kinsoku) rules of GB/T 15834-2011 and
 * W3C "Requirements for Chinese Text Layout" (clreq §3.1.7): closing punctuation (，。、）》” …)
 * never begins a line and opening punctuation (（《“ …) never ends one. Latin words, numbers and
 * hashes stay whole unless a single one is wider than the line, which then breaks anywhere.
 */

export type Measure = (text: string) => number;

export interface Line {
  text: string;
  /** Width by `measure`. */
  width: number;
  /** Last line of its paragraph (not justified). */
  end: boolean;
}

// Characters that must not begin a line (attach to what precedes them).
const NO_START = new Set([...'，。、；：？！）】》」』〕〉〗〙〛”’…‥·・—–～％‰℃,.;:?!)]}%々ぁぃぅぇぉっゃゅょァィゥェォッャュョー']);
// Characters that must not end a line (attach to what follows them).
const NO_END = new Set([...'（【《「『〔〈〖〘〚“‘([{¥$£']);

/** A character that breaks on either side: ideographs, kana, Hangul, CJK and full-width punctuation. */
function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK punctuation and space, kana, ideographs
    (c >= 0xac00 && c <= 0xd7af) || // Hangul
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // vertical and compatibility forms
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0x20000 && c <= 0x3ffff) || // ideographs beyond the BMP
    '“”‘’…—·'.includes(ch)
  );
}

interface Box {
  text: string;
  space: boolean;
}

/** Unbreakable pieces: single CJK characters, Latin runs, spaces; punctuation glued by 禁则. */
export function boxes(paragraph: string): Box[] {
  const atoms: Box[] = [];
  let word = '';
  const flush = (): void => {
    if (word) atoms.push({ text: word, space: false });
    word = '';
  };
  for (const ch of paragraph) {
    // U+3000 (全角空格) is a deliberate gap of one character: keep it, like an ideograph.
    if (ch !== '\u3000' && /\s/.test(ch)) {
      flush();
      if (atoms.length > 0 && !atoms[atoms.length - 1]!.space) atoms.push({ text: ' ', space: true });
    } else if (isCjk(ch)) {
      flush();
      atoms.push({ text: ch, space: false });
    } else word += ch;
  }
  flush();
  const out: Box[] = [];
  const glued = (prev: Box | undefined, a: Box): boolean =>
    prev !== undefined && !prev.space && (NO_START.has([...a.text][0]!) || NO_END.has([...prev.text].pop()!));
  for (const a of atoms) {
    const prev = out[out.length - 1];
    if (a.space) out.push({ ...a });
    else if (glued(prev, a)) prev!.text += a.text;
    else if (prev?.space && glued(out[out.length - 2], a)) {
      // A stray space before a comma (or after an opening bracket) is no place to break either.
      out.pop();
      out[out.length - 1]!.text += ` ${a.text}`;
    } else out.push({ ...a });
  }
  if (out.length > 0 && out[out.length - 1]!.space) out.pop();
  return out;
}

/**
 * Breaks `text` into lines of at most `width` (each `\n` starts a new paragraph; an empty
 * paragraph gives one empty line). `firstIndent` narrows the first line of each paragraph.
 */
export function breakLines(text: string, width: number, measure: Measure, firstIndent = 0): Line[] {
  const lines: Line[] = [];
  const eps = 1e-6;
  for (const paragraph of text.split('\n')) {
    const start = lines.length;
    let cur = '';
    let curW = 0;
    let space = false;
    const limit = (): number => (lines.length === start ? width - firstIndent : width);
    const push = (): void => {
      lines.push({ text: cur, width: curW, end: false });
      cur = '';
      curW = 0;
    };
    for (const b of boxes(paragraph)) {
      if (b.space) {
        space = cur !== '';
        continue;
      }
      const w = measure(b.text);
      const sw = space ? measure(' ') : 0;
      space = false;
      if (cur !== '' && curW + sw + w <= limit() + eps) {
        cur += (sw ? ' ' : '') + b.text;
        curW += sw + w;
        continue;
      }
      if (cur !== '') push();
      if (w <= limit() + eps) {
        cur = b.text;
        curW = w;
        continue;
      }
      // A piece wider than a whole line (a long hash or URL): break it between characters.
      for (const ch of b.text) {
        const cw = measure(ch);
        if (cur !== '' && curW + cw > limit() + eps) push();
        cur += ch;
        curW += cw;
      }
    }
    lines.push({ text: cur, width: curW, end: true });
    avoidLoneCharacter(lines, start, width, measure);
  }
  return lines;
}

/**
 * 避免孤字: a paragraph should not end on a line holding one character (and its punctuation). The
 * last piece of the line before moves down when that line keeps at least two pieces.
 */
function avoidLoneCharacter(lines: Line[], start: number, width: number, measure: Measure): void {
  if (lines.length - start < 2) return;
  const last = lines[lines.length - 1]!;
  const prev = lines[lines.length - 2]!;
  const lastBoxes = boxes(last.text);
  const prevBoxes = boxes(prev.text);
  if (lastBoxes.length !== 1 || [...last.text].length > 2 || prevBoxes.filter((b) => !b.space).length < 3) return;
  const moved = prevBoxes.pop()!;
  while (prevBoxes.length > 0 && prevBoxes[prevBoxes.length - 1]!.space) prevBoxes.pop();
  const text = moved.text + last.text;
  const w = measure(text);
  if (w > width) return;
  const before = prevBoxes.map((b) => b.text).join('');
  lines[lines.length - 2] = { text: before, width: measure(before), end: false };
  lines[lines.length - 1] = { text, width: w, end: true };
}

/**
 * The extra space between characters that makes a line fill `width` exactly (两端对齐), or 0 for
 * the last line of a paragraph and for lines whose gaps would grow too wide to read as one line.
 */
export function justifySpacing(line: Line, width: number, maxSpacing: number): number {
  if (line.end) return 0;
  const n = [...line.text].length;
  if (n < 2) return 0;
  const s = (width - line.width) / (n - 1);
  return s > 0 && s <= maxSpacing ? s : 0;
}

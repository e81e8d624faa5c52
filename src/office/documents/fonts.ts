/**
 * The CJK fonts of the printed documents. PDF viewers cannot be trusted to have Chinese fonts, so
 * every document embeds a subset of an OpenType CJK font (pdfkit writes it as a CID-keyed font,
 * "CID Type 0C", never as Type 3 bitmaps), so the text stays searchable and prints sharply.
 *
 * Default: Debian's `fonts-noto-cjk` (Noto Serif CJK SC for body text as 宋体 is used in official
 * notices, Noto Sans CJK SC for headings and tables as 黑体, Noto Sans Mono CJK SC for hashes).
 * `FAIRDRAW_CJK_FONT=/path/font.otf` (or `/path/collection.ttc#PostScriptName`) replaces all of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FairDrawError } from '../../core/errors.js';

export type FontRole = 'body' | 'sans' | 'bold' | 'mono';

export interface FontFace {
  path: string;
  /** PostScript name of the face inside a collection (.ttc); undefined for a single font file. */
  face?: string;
}

export type CjkFonts = Record<FontRole, FontFace>;

export const NOTO_DIR = '/usr/share/fonts/opentype/noto';

const DEFAULTS: Record<FontRole, readonly FontFace[]> = {
  body: [
    { path: 'NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
    { path: 'NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  ],
  sans: [{ path: 'NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' }],
  bold: [
    { path: 'NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
    { path: 'NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  ],
  mono: [{ path: 'NotoSansCJK-Regular.ttc', face: 'NotoSansMonoCJKsc-Regular' }],
};

/**
 * Which fonts to embed: `FAIRDRAW_CJK_FONT` when set (one face for every role), else the Noto CJK
 * collections under /usr/share/fonts/opentype/noto/. Throws a FairDrawError naming the fix when no
 * CJK font can be found: a PDF without Chinese glyphs would be unreadable.
 */
export function resolveFonts(env: Record<string, string | undefined> = process.env, dir = NOTO_DIR): CjkFonts {
  const given = env.FAIRDRAW_CJK_FONT?.trim();
  if (given) {
    const face = parseFontSpec(given);
    if (!existsSync(face.path)) {
      throw new FairDrawError(
        'document.font-missing',
        `FAIRDRAW_CJK_FONT 指定的字体文件不存在：${face.path}`,
        `the font file named by FAIRDRAW_CJK_FONT does not exist: ${face.path}`,
        { field: 'FAIRDRAW_CJK_FONT' },
      );
    }
    return { body: face, sans: face, bold: face, mono: face };
  }
  const pick = (role: FontRole): FontFace | undefined =>
    DEFAULTS[role].map((f) => ({ ...f, path: join(dir, f.path) })).find((f) => existsSync(f.path));
  const sans = pick('sans') ?? pick('body');
  if (!sans) {
    throw new FairDrawError(
      'document.font-missing',
      `找不到中文字体：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或用环境变量 FAIRDRAW_CJK_FONT 指定一个中文 OpenType 字体文件`,
      `no CJK font found: install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set FAIRDRAW_CJK_FONT to a Chinese OpenType font file`,
      { field: 'FAIRDRAW_CJK_FONT' },
    );
  }
  return { body: pick('body') ?? sans, sans, bold: pick('bold') ?? sans, mono: pick('mono') ?? sans };
}

/**
 * `path` or `path#PostScriptName`. A Noto collection named without a face gets its Simplified
 * Chinese face (NotoSansCJK-Regular.ttc → NotoSansCJKsc-Regular); any other collection needs `#name`.
 */
export function parseFontSpec(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  if (hash > 0) return { path: spec.slice(0, hash), face: spec.slice(hash + 1) };
  if (!/\.(ttc|otc)$/i.test(spec)) return { path: spec };
  const m = /^Noto(Sans|Serif)CJK-(\w+)\.(ttc|otc)$/i.exec(basename(spec));
  if (m) return { path: spec, face: `Noto${m[1]}CJKsc-${m[2]}` };
  throw new FairDrawError(
    'document.font-face',
    `字体集合文件 ${basename(spec)} 含有多个字体，请写成 路径#字体名（PostScript 名称，可用 fc-scan 查看）`,
    `the font collection ${basename(spec)} holds several faces: write path#PostScriptName (fc-scan lists the names)`,
    { field: 'FAIRDRAW_CJK_FONT' },
  );
}

// A CJK collection is 20–30 MB: read each file once per process.
const cache = new Map<string, Buffer>();

export function fontBytes(path: string): Buffer {
  let b = cache.get(path);
  if (!b) {
    try {
      b = readFileSync(path);
    } catch (e) {
      throw new FairDrawError(
        'document.font-missing',
        `无法读取字体文件 ${path}`,
        `cannot read the font file ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        { field: 'FAIRDRAW_CJK_FONT' },
      );
    }
    cache.set(path, b);
  }
  return b;
}

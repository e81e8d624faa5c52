/**
 * Personal data on its way to anything public.
 *
 * Masked names for public pages (公示), the live feed and the audit log: enough for a family to
 * recognise its own line, not enough to identify a person. Names are counted in characters as
 * people see them (grapheme clusters, so a character with a combining mark or outside the basic
 * plane is one), and a name of two or more characters never shows in full. Rules:
 * - two characters: surname + *              张三 → 张*
 * - three or more: surname, stars, last char  张小三 → 张*三, 张小三丰 → 张**丰
 * - a compound surname stays whole and the given name is starred: 欧阳小明 → 欧阳**
 * - names with an interpunct (ethnic-minority names, 阿依古丽·买买提): each part keeps its
 *   first character, the rest is starred, the · stays: 阿***·买**
 * - Latin names: first letter of each word, the rest starred.
 *
 * Also: invisible format characters are removed from names at import (a zero-width space would
 * make two spellings of one name, and hide from a search); free text that goes into the public log
 * (reasons, places) is refused when it holds an ID-card or phone number; and the ceremony's public
 * steps and the audit log's details carry people's names masked, staff by role and tag.
 */
import { FairDrawError } from '../core/errors.js';
import type { StepPayloads, StepType } from './ceremony/log-types.js';

const COMPOUND_SURNAMES = new Set(
  '欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 公户 公玉 公仪 梁丘 公仲 公上 公门 公山 公坚 左丘 公伯 西门 公祖 第五 公乘 贯丘 公皙 南荣 东里 东宫 仲长 子书 子桑 即墨 达奚 褚师'.split(
    ' ',
  ),
);

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The characters of `s` as people see them. */
export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/**
 * Invisible characters that change a name's bytes but not how it looks: Unicode format characters
 * (zero-width space and joiners, direction marks and embeddings, word joiner, BOM, soft hyphen …),
 * the combining grapheme joiner and the Hangul fillers. Ideographic variation selectors, which
 * choose a glyph for a rare character in a name, are kept.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** A name with invisible characters removed (called by the import's validation). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

function maskPart(chars: string[], keepFirst = true): string {
  if (chars.length === 0) return '';
  if (chars.length === 1) return keepFirst ? chars[0]! : '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function maskName(name: string): string {
  const n = stripInvisible(name.normalize('NFC')).trim();
  if (!n) return '';
  if (n.includes('*')) return n; // already masked (a name never holds a star)
  const all = graphemes(n);
  if (all.length === 1) return '*';
  let out: string;
  if (/[·•‧・.]/.test(n) && /[\u4e00-\u9fff]/.test(n)) {
    // A one-character part after the first is starred too: 阿·买 → 阿·*
    out = n
      .split(/([·•‧・.])/)
      .map((p, i) => (i % 2 === 1 ? '·' : maskPart(graphemes(p), i === 0)))
      .join('');
  } else if (/^[\p{Script=Latin}\p{M}\s'.-]+$/u.test(n)) {
    out = n
      .split(/\s+/)
      .map((w, i) => maskPart(graphemes(w), i === 0))
      .join(' ');
  } else if (all.length >= 3 && COMPOUND_SURNAMES.has(all[0]! + all[1]!)) {
    out = all[0]! + all[1]! + '*'.repeat(all.length - 2);
  } else if (all.length === 2) {
    out = `${all[0]}*`;
  } else {
    out = all[0]! + '*'.repeat(all.length - 2) + all[all.length - 1]!;
  }
  // Whatever the shape, a name of two or more characters never comes out whole.
  return out === n ? all[0]! + '*'.repeat(all.length - 1) : out;
}

/** An ID-card number (18 digits or 17 and X, or the old 15 digits) or a phone number, once spaces and dashes between digits are gone. */
const ID_CARD = /(?<![0-9])(\d{17}[\dX]|\d{15})(?![0-9X])/i;
const MOBILE = /(?<![0-9])(\+?86)?1[3-9]\d{9}(?![0-9])/;
const LANDLINE = /(?<![0-9])0\d{2,3}\d{7,8}(?![0-9])/;

/** Refuses free text bound for a public log when it holds an ID-card or phone number. */
export function refusePersonalNumbers(text: string, field: string): void {
  const t = text.normalize('NFKC').replace(/(?<=\d)[\s\-–—.()（）]+(?=\d)/g, '');
  if (ID_CARD.test(t)) {
    throw new FairDrawError(
      'text.personal-data',
      '这段文字会公开，不能包含身份证号码：请删去号码，用报名号指明申请人',
      'this text becomes public and must not hold an ID-card number: remove it and name the applicant by registration number',
      { field },
    );
  }
  if (MOBILE.test(t) || LANDLINE.test(t)) {
    throw new FairDrawError(
      'text.personal-data',
      '这段文字会公开，不能包含电话号码：请删去号码',
      'this text becomes public and must not hold a phone number: remove it',
      { field },
    );
  }
}

type Slots = { witness: string | null; alternate: string | null }[];
const maskOrNull = (s: string | null): string | null => (s === null ? null : maskName(s));
const maskSlots = <T extends Slots[number]>(slots: T[]): T[] =>
  slots.map((s) => ({ ...s, witness: maskOrNull(s.witness), alternate: maskOrNull(s.alternate) }));

/** A ceremony step as the room and the live view may see it: people's names masked. */
export function publicStep<T extends StepType>(type: T, payload: StepPayloads[T]): StepPayloads[T] {
  const p = payload as StepPayloads[StepType];
  switch (type) {
    case 'opened': {
      const o = p as StepPayloads['opened'];
      return { ...o, roster: maskSlots(o.roster) } as StepPayloads[T];
    }
    case 'roster':
      return { slots: maskSlots((p as StepPayloads['roster']).slots) } as StepPayloads[T];
    case 'witness': {
      const w = p as StepPayloads['witness'];
      return { ...w, name: maskName(w.name) } as StepPayloads[T];
    }
    case 'substitute': {
      const s = p as StepPayloads['substitute'];
      return { ...s, absent: maskName(s.absent), alternate: maskName(s.alternate) } as StepPayloads[T];
    }
    case 'value': {
      const v = p as StepPayloads['value'];
      return (v.kind === 'witness' && !isSlotLabel(v.by, v.label) ? { ...v, by: maskName(v.by) } : v) as StepPayloads[T];
    }
    default:
      return payload;
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Whether a witness value's `by` is its slot's role label (a sealed value is entered by the slot, as
 * the published rules name it, with （替补） for a substitute): public already, and no person's name.
 */
function isSlotLabel(by: string, label: unknown): boolean {
  return typeof label === 'string' && label !== '' && (by === label || by === `${label}（替补）`);
}

/** Keys that hold a person's name in the audit log's details, whatever the action. */
const PERSON_KEYS = new Set(['witness', 'alternate', 'absent', 'person']);

/**
 * An audit entry's details as the public log may hold them (the log is published with the results):
 * witnesses, alternates and the people behind witness links masked; a witness's value `by` a
 * person masked; the names of people registered at the meeting masked.
 */
export function publicAuditDetails<T extends Json>(action: string, details: T): T {
  const walk = (v: Json, key?: string, parent?: { [k: string]: Json }): Json => {
    if (typeof v === 'string') {
      if (key && PERSON_KEYS.has(key)) return maskName(v);
      if (key === 'name' && action === 'ceremony.witness') return maskName(v);
      if (key === 'by' && parent?.kind === 'witness' && !isSlotLabel(v, parent.label)) return maskName(v);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: { [k: string]: Json } = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k, v);
      return out;
    }
    return v;
  };
  return walk(details) as T;
}

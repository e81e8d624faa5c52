/**
 * Contract §3: the applicant list `list.jsonl`. Every line must be exactly `JCS(record)` + "\n",
 * sorted by id; the list root is the RFC 6962 Merkle Tree Hash over the lines. The parsed list is
 * kept in flat typed arrays so a city-wide list of a million lines stays small and fast.
 */
import { fromUtf8, toHex, utf8 } from './bytes.js';
import { fail, type Where } from './errors.js';
import { ID_BYTE, isIdentifier } from './identifier-check.js';
import { idString, lessId, type IdTable } from './id-table.js';
import { leafWordsOf, lineStarts, rootFromLeafWords } from './list-root.js';
import type { Rules } from './rules.js';

export interface ApplicantList {
  /** Number of lines (`listSize`). */
  size: number;
  /**
   * The applicants' ids as bytes, in list order (for a parsed list, back to back). A city-wide draw
   * works on these and never makes a million strings.
   */
  idTable: IdTable;
  /** `group` of each applicant, or undefined. */
  groups: (string | undefined)[];
  /** Choices of applicant i are at [choiceStart[i], choiceStart[i+1]). */
  choiceStart: Uint32Array;
  /** Unit index (into `rules.units`) of each choice. */
  choiceUnit: Uint32Array;
  /** Tier (1–99) of each choice. */
  choiceTier: Uint8Array;
  /** `listRoot`, hex. */
  listRoot: string;
}

const RECORD_KEYS = new Set(['id', 'choices', 'group']);
const CHOICE_KEYS = new Set(['unit', 'tier']);

/**
 * Parses and checks `list.jsonl` (§3) from its bytes against the rules' units.
 * Errors name the file, the 1-based line and the field.
 */
export interface ParseListOptions {
  /**
   * false: skip the Merkle root (listRoot is left empty) because the caller computes it elsewhere
   * from the same bytes, e.g. on other threads by pieces (`pieceRoots` in list-root.ts).
   */
  hashLeaves?: boolean;
  /** Where each line starts (`lineStarts(bytes)`), when the caller has them already. */
  starts?: Uint32Array;
}

export function parseList(
  bytes: Uint8Array,
  rules: Pick<Rules, 'units'>,
  file = 'list.jsonl',
  options: ParseListOptions = {},
): ApplicantList {
  const hashLeaves = options.hashLeaves ?? true;
  const unitIndex = new Map<string, number>();
  rules.units.forEach((u, i) => unitIndex.set(u.id, i));

  const n0 = bytes.length;
  if (n0 >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    fail('list.bom', '名单文件不能以字节顺序标记（BOM）开头', 'the list must not start with a byte-order mark (BOM)', { file, line: 1 });
  }
  if (n0 > 0 && bytes[n0 - 1] !== 0x0a) {
    let lines = 1;
    for (let i = 0; i < n0; i++) if (bytes[i] === 0x0a) lines++;
    fail('list.final-newline', '最后一行缺少换行符 \\n', 'the last line lacks its newline "\\n"', { file, line: lines });
  }

  // Line boundaries in bytes (the Merkle leaves are the raw bytes of each line).
  const starts = options.starts ?? lineStarts(bytes);
  const size = starts.length;
  // A carriage return anywhere is refused; find the first one once rather than per line.
  const cr = bytes.indexOf(0x0d);
  const crLine = cr < 0 ? -1 : bytes.subarray(0, cr).filter((b) => b === 0x0a).length;
  const keys = unitLookup(rules.units);
  const groups: (string | undefined)[] = new Array<string | undefined>(size);
  const choiceStart = new Uint32Array(size + 1);
  let choiceUnit = new Uint32Array(Math.max(16, size * 2));
  let choiceTier = new Uint8Array(choiceUnit.length);
  let nChoices = 0;
  /** Makes room for k more choices. */
  const roomForChoices = (k: number): void => {
    if (nChoices + k <= choiceUnit.length) return;
    const cu = new Uint32Array((nChoices + k) * 2);
    cu.set(choiceUnit);
    choiceUnit = cu;
    const ct = new Uint8Array(cu.length);
    ct.set(choiceTier);
    choiceTier = ct;
  };

  // The ids, copied back to back while their line is at hand: later stages read them in random
  // order (by ticket), which is several times faster from these few megabytes than from the whole
  // file. prevStart/prevEnd: the previous line's id in the file, for the order check.
  const idBuf = new Uint8Array(n0);
  let idLen = 0;
  const idStarts = new Uint32Array(size);
  const idEnds = new Uint32Array(size);
  let prevStart = 0;
  let prevEnd = 0;
  let utf8Checked = false;
  const scan = newScan();
  for (let li = 0; li < size; li++) {
    const s = starts[li]!;
    const e = li + 1 < size ? starts[li + 1]! - 1 : n0 - 1;
    // The fast scanner accepts only the bytes of a canonical record, all of them ASCII.
    if (scanCanonicalBytes(bytes, s, e, keys, scan) && (li === 0 || lessId(bytes, prevStart, prevEnd, scan.idStart, scan.idEnd))) {
      choiceStart[li] = nChoices;
      const k = scan.n;
      roomForChoices(k);
      for (let c = 0; c < k; c++) {
        choiceUnit[nChoices] = scan.units[c]!;
        choiceTier[nChoices] = scan.tiers[c]!;
        nChoices++;
      }
      prevStart = scan.idStart;
      prevEnd = scan.idEnd;
      idStarts[li] = idLen;
      for (let k = scan.idStart; k < scan.idEnd; k++) idBuf[idLen++] = bytes[k]!;
      idEnds[li] = idLen;
      groups[li] = scan.groupStart < 0 ? undefined : String.fromCharCode(...bytes.subarray(scan.groupStart, scan.groupEnd));
      continue;
    }
    // Anything else is an error somewhere. The file must be UTF-8 as a whole before its lines are
    // read one by one, so a bad byte anywhere is what is reported first.
    if (!utf8Checked) {
      checkUtf8(bytes, starts, file);
      utf8Checked = true;
    }
    if (e === s) fail('list.blank-line', '名单中不能有空行', 'the list must not contain a blank line', { file, line: li + 1 });
    if (li === crLine) {
      fail('list.cr', '行尾不能有回车符 \\r（请使用 LF 换行）', 'lines must not contain "\\r" (use LF line endings)', {
        file,
        line: li + 1,
      });
    }
    // Slow path: the line is not a well-formed canonical record; find out exactly why.
    const line = li + 1;
    const where: Where = { file, line };
    const text = fromUtf8(bytes.subarray(s, e));
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch {
      fail('json.syntax', '该行不是有效的 JSON', 'the line is not valid JSON', where);
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      fail('list.record', '每行必须是一个 JSON 对象', 'each line must be a JSON object', where);
    }
    const r = rec as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      if (!RECORD_KEYS.has(k)) {
        fail(
          'field.unknown',
          `未定义的字段 ${JSON.stringify(k)}（名单只能有 id、choices、group，个人信息不得进入名单）`,
          `unknown field ${JSON.stringify(k)} (a list record has only id, choices and group; personal data never enters the list)`,
          {
            ...where,
            field: k,
          },
        );
      }
    }
    const id = r.id;
    if (!isIdentifier(id)) {
      fail(
        'id.invalid',
        `报名号必须是 1–64 个字符的 [0-9A-Za-z_.-]，实际为 ${JSON.stringify(id ?? null)}`,
        `the applicant id must be 1–64 characters of [0-9A-Za-z_.-], found ${JSON.stringify(id ?? null)}`,
        {
          ...where,
          field: 'id',
        },
      );
    }
    const choices = r.choices;
    if (!Array.isArray(choices) || choices.length === 0) {
      fail('list.choices', '志愿不能为空', 'choices must be a non-empty array', { ...where, field: 'choices' });
    }
    choiceStart[li] = nChoices;
    roomForChoices(choices.length);
    const first = nChoices;
    for (let c = 0; c < choices.length; c++) {
      const ch: unknown = choices[c];
      const f = `choices[${c}]`;
      if (typeof ch !== 'object' || ch === null || Array.isArray(ch))
        fail('list.choice', '志愿必须是对象', 'a choice must be an object', { ...where, field: f });
      const cr = ch as Record<string, unknown>;
      for (const k of Object.keys(cr)) {
        if (!CHOICE_KEYS.has(k))
          fail('field.unknown', `未定义的字段 ${JSON.stringify(k)}`, `unknown field ${JSON.stringify(k)}`, {
            ...where,
            field: `${f}.${k}`,
          });
      }
      const u = typeof cr.unit === 'string' ? unitIndex.get(cr.unit) : undefined;
      if (u === undefined) {
        fail(
          'list.unknown-unit',
          `规则中没有招生单元 ${JSON.stringify(cr.unit ?? null)}`,
          `the rules have no unit ${JSON.stringify(cr.unit ?? null)}`,
          {
            ...where,
            field: `${f}.unit`,
          },
        );
      }
      for (let p = first; p < nChoices; p++) {
        if (choiceUnit[p] === u)
          fail('list.repeated-unit', `招生单元 ${cr.unit as string} 在志愿中重复出现`, `the unit ${cr.unit as string} is listed twice`, {
            ...where,
            field: `${f}.unit`,
          });
      }
      const tier = cr.tier;
      if (typeof tier !== 'number' || !Number.isInteger(tier) || tier < 1 || tier > 99) {
        fail(
          'list.tier',
          `类别必须是 1–99 的整数，实际为 ${JSON.stringify(tier ?? null)}`,
          `tier must be an integer 1–99, found ${JSON.stringify(tier ?? null)}`,
          {
            ...where,
            field: `${f}.tier`,
          },
        );
      }
      choiceUnit[nChoices] = u;
      choiceTier[nChoices] = tier;
      nChoices++;
    }
    const group = r.group;
    if (group !== undefined && !isIdentifier(group)) {
      fail(
        'id.invalid',
        `多胞胎组号必须是 1–64 个字符的 [0-9A-Za-z_.-]，实际为 ${JSON.stringify(group)}`,
        `the group id must be 1–64 characters of [0-9A-Za-z_.-], found ${JSON.stringify(group)}`,
        {
          ...where,
          field: 'group',
        },
      );
    }
    // Canonical form last: by now the record is known to be made of the data model only, so a
    // difference here is layout (spaces, key order, number spelling, a repeated key).
    if (canonicalLine(id, choices as { unit: string; tier: number }[], group) !== text) {
      fail(
        'list.non-canonical',
        '该行不是规范形式 JCS(record)（多余空格、键的顺序、数字写法或重复的键）',
        'the line is not exactly JCS(record) (extra spaces, key order, number spelling or a repeated key)',
        where,
      );
    }
    const prevId = li > 0 ? String.fromCharCode(...bytes.subarray(prevStart, prevEnd)) : '';
    if (li > 0 && !(prevId < id)) {
      if (prevId === id) fail('list.duplicate-id', `报名号 ${id} 重复`, `the id ${id} appears twice`, { ...where, field: 'id' });
      fail(
        'list.unsorted',
        `名单必须按报名号升序排列：${id} 排在 ${prevId} 之后`,
        `the list must be sorted by id: ${id} comes after ${prevId}`,
        { ...where, field: 'id' },
      );
    }
    // The line is canonical, hence ASCII and ending with `"id":"<id>"}`.
    prevEnd = e - 2;
    prevStart = e - 2 - id.length;
    idStarts[li] = idLen;
    for (let k = prevStart; k < prevEnd; k++) idBuf[idLen++] = bytes[k]!;
    idEnds[li] = idLen;
    groups[li] = group;
  }
  choiceStart[size] = nChoices;
  const idTable: IdTable = { bytes: idBuf.slice(0, idLen), start: idStarts, end: idEnds };
  checkGroups(idTable, groups, choiceStart, choiceUnit, choiceTier, file);
  return {
    size,
    idTable,
    groups,
    choiceStart,
    choiceUnit: choiceUnit.slice(0, nChoices),
    choiceTier: choiceTier.slice(0, nChoices),
    listRoot: hashLeaves ? toHex(rootFromLeafWords(leafWordsOf(bytes, starts), size)) : '',
  };
}

/** Refuses a file that is not UTF-8, naming its first line that is not. */
function checkUtf8(bytes: Uint8Array, starts: Uint32Array, file: string): void {
  try {
    fromUtf8(bytes);
    return;
  } catch {
    // Not UTF-8, or too long for one string (over 500 MB): looked at line by line.
  }
  const n = starts.length;
  for (let i = 0; i < n; i++) {
    const e = i + 1 < n ? starts[i + 1]! - 1 : bytes.length - 1;
    try {
      fromUtf8(bytes.subarray(starts[i]!, e));
    } catch {
      fail('file.utf8', '该行不是有效的 UTF-8 编码', 'the line is not valid UTF-8', { file, line: i + 1 });
    }
  }
}

function checkGroups(
  ids: IdTable,
  groups: (string | undefined)[],
  choiceStart: Uint32Array,
  choiceUnit: Uint32Array,
  choiceTier: Uint8Array,
  file: string,
): void {
  const firstOf = new Map<string, number>();
  const count = new Map<string, number>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g === undefined) continue;
    const f = firstOf.get(g);
    count.set(g, (count.get(g) ?? 0) + 1);
    if (f === undefined) {
      firstOf.set(g, i);
      continue;
    }
    const a0 = choiceStart[f]!;
    const a1 = choiceStart[f + 1]!;
    const b0 = choiceStart[i]!;
    const b1 = choiceStart[i + 1]!;
    let same = a1 - a0 === b1 - b0;
    for (let k = 0; same && k < a1 - a0; k++) {
      same = choiceUnit[a0 + k] === choiceUnit[b0 + k] && choiceTier[a0 + k] === choiceTier[b0 + k];
    }
    if (!same) {
      fail(
        'list.group-choices',
        `多胞胎组 ${g} 的成员志愿必须完全相同：${idString(ids, i)} 与 ${idString(ids, f)}（第${f + 1}行）不同`,
        `members of group ${g} must have identical choices: ${idString(ids, i)} differs from ${idString(ids, f)} (line ${f + 1})`,
        { file, line: i + 1, field: 'choices' },
      );
    }
  }
  for (const [g, n] of count) {
    if (n < 2) {
      const i = firstOf.get(g)!;
      fail('list.group-of-one', `多胞胎组 ${g} 只有一名成员，至少需要两名`, `group ${g} has only one member; a group needs at least two`, {
        file,
        line: i + 1,
        field: 'group',
      });
    }
  }
}

/** Unit ids as bytes, found by a hash of their bytes (a hash shared by two units finds neither). */
interface UnitLookup {
  byHash: Map<number, number>;
  bytes: Uint8Array[];
}

function unitLookup(units: readonly { id: string }[]): UnitLookup {
  const byHash = new Map<number, number>();
  const bytes = units.map((u) => utf8(u.id));
  bytes.forEach((b, i) => {
    let h = 0;
    for (let k = 0; k < b.length; k++) h = (Math.imul(h, 31) + b[k]!) | 0;
    byHash.set(h, byHash.has(h) ? -1 : i);
  });
  return { byHash, bytes };
}

const L_OPEN = utf8('{"choices":[');
const L_TIER = utf8('{"tier":');
const L_UNIT = utf8(',"unit":"');
const L_GROUP = utf8(',"group":"');
const L_ID = utf8(',"id":"');

/**
 * Accepts exactly the canonical lines of valid records and nothing else:
 * `{"choices":[{"tier":T,"unit":"U"},…](,"group":"G")?,"id":"I"}` with T in 1–99 written without
 * leading zeros, U a known unit not repeated, G and I identifiers. Anything else returns false and
 * goes through the slow path, which names the exact fault. Scanning the one allowed form in the
 * line's bytes is several times faster than a general JSON parser plus a canonical re-serialisation.
 * Results go into a `Scan` the caller owns and reuses for every line (no allocation per line).
 */
interface Scan {
  /** The id at bytes [idStart, idEnd). */
  idStart: number;
  idEnd: number;
  /** The group at bytes [groupStart, groupEnd), or groupStart −1 without one. */
  groupStart: number;
  groupEnd: number;
  /** The first `n` choices: unit indexes and tiers. */
  units: Int32Array;
  tiers: Uint8Array;
  n: number;
}

/** A scan's room: at most 100 choices (more than units can exist; the slow path names such a line). */
function newScan(): Scan {
  return { idStart: 0, idEnd: 0, groupStart: -1, groupEnd: -1, units: new Int32Array(100), tiers: new Uint8Array(100), n: 0 };
}

/** Position after `lit` if the bytes at i are `lit`, else −1. */
function lit(b: Uint8Array, i: number, l: Uint8Array): number {
  const n = l.length;
  for (let k = 0; k < n; k++) if (b[i + k] !== l[k]) return -1;
  return i + n;
}

/** End of the identifier starting at i (its closing quote must follow), else −1. */
function ident(b: Uint8Array, i: number): number {
  let j = i;
  while (ID_BYTE[b[j]!] === 1) j++;
  const n = j - i;
  return n < 1 || n > 64 || b[j] !== 34 ? -1 : j;
}

function scanCanonicalBytes(b: Uint8Array, s: number, e: number, keys: UnitLookup, out: Scan): boolean {
  out.n = 0;
  out.groupStart = -1;
  let i = lit(b, s, L_OPEN);
  if (i < 0) return false;
  for (;;) {
    i = lit(b, i, L_TIER);
    if (i < 0) return false;
    const d0 = b[i]! - 48;
    if (!(d0 >= 1 && d0 <= 9)) return false;
    i++;
    let tier = d0;
    const d1 = b[i]! - 48;
    if (d1 >= 0 && d1 <= 9) {
      tier = tier * 10 + d1;
      i++;
    }
    i = lit(b, i, L_UNIT);
    if (i < 0) return false;
    const us = i;
    const ue = ident(b, i);
    if (ue < 0) return false;
    let h = 0;
    for (let k = us; k < ue; k++) h = (Math.imul(h, 31) + b[k]!) | 0;
    const u = keys.byHash.get(h);
    if (u === undefined || u < 0) return false;
    const ub = keys.bytes[u]!;
    if (ub.length !== ue - us) return false;
    for (let k = 0; k < ub.length; k++) if (ub[k] !== b[us + k]) return false;
    const n = out.n;
    for (let c = 0; c < n; c++) if (out.units[c] === u) return false;
    if (n === out.units.length) return false; // more choices than units can exist; the slow path says so
    out.units[n] = u;
    out.tiers[n] = tier;
    out.n = n + 1;
    i = ue + 1;
    if (b[i] !== 125 /* } */) return false;
    i++;
    if (b[i] === 93 /* ] */) {
      i++;
      break;
    }
    if (b[i] !== 44 /* , */) return false;
    i++;
  }
  const g = lit(b, i, L_GROUP);
  if (g >= 0) {
    const ge = ident(b, g);
    if (ge < 0) return false;
    out.groupStart = g;
    out.groupEnd = ge;
    i = ge + 1;
  }
  i = lit(b, i, L_ID);
  if (i < 0) return false;
  const ie = ident(b, i);
  if (ie < 0 || b[ie + 1] !== 125) return false;
  out.idStart = i;
  out.idEnd = ie;
  return ie + 2 === e;
}

/**
 * `JCS(record)` for a record already checked to hold only the list's fields: keys in the order
 * choices, group, id (UTF-16 order), each choice as {"tier":…,"unit":…}. Identifiers never need
 * escaping (§1), so the text can be assembled directly.
 */
export function canonicalLine(id: string, choices: readonly { unit: string; tier: number }[], group: string | undefined): string {
  let s = '{"choices":[';
  for (let c = 0; c < choices.length; c++) {
    const ch = choices[c]!;
    s += `${c ? ',' : ''}{"tier":${ch.tier},"unit":"${ch.unit}"}`;
  }
  s += group === undefined ? `],"id":"${id}"}` : `],"group":"${group}","id":"${id}"}`;
  return s;
}

/**
 * Where each line's id is in the bytes of a list that parseList accepted: a valid line is canonical
 * JSON whose last member is the id, so it ends with `"id":"<id>"}`.
 */
export function idRanges(bytes: Uint8Array, starts: Uint32Array): IdTable {
  const n = starts.length;
  const start = new Uint32Array(n);
  const end = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const lineEnd = i + 1 < n ? starts[i + 1]! - 1 : bytes.length - 1;
    const e = lineEnd - 2; // before the closing quote and brace
    let s = e;
    while (s > starts[i]! && bytes[s - 1] !== 34) s--;
    start[i] = s;
    end[i] = e;
  }
  return { bytes, start, end };
}

/** The lines of a list file as byte arrays (without "\n"), e.g. to build receipts. */
export function listLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, s = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push(bytes.subarray(s, i));
      s = i + 1;
    }
  }
  return out;
}

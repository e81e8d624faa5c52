/**
 * Contract §9: the record, the draw's output, written as exactly `JCS(record)`. It is assembled as
 * text directly (keys already in RFC 8785 order) because a city-wide record has millions of values.
 */
import { jcs, type Json } from './encoding.js';
import { utf8 } from './bytes.js';
import type { Entrants, Tickets } from './ticket.js';
import type { UnitOrder } from './order.js';
import type { ApplicantList } from './list.js';
import type { Unit } from './rules.js';
import type { Source } from './sources.js';
import type { Assignment } from './mechanisms/market.js';
import { SPEC } from './rules.js';
import { ByteWriter, put, putHexView } from './byte-writer.js';
import { idCount, type IdTable } from './id-table.js';

export interface UnitResult {
  id: string;
  seats: number;
  /**
   * Applicant ids admitted, in key order, groups expanded in id order: ranges of the list's bytes
   * (`idStrings` makes them strings where someone reads them).
   */
  admitted: IdTable;
  /** 候补/递补 order (§9), as ranges of the list's bytes. */
  waitlist: IdTable;
  /** Applicants (not entrants) who listed the unit. */
  applicants: number;
}

export interface RecordHeader {
  drawId: string;
  paramsSha256: string;
  listRoot: string;
  listSize: number;
  sources: readonly Source[];
  sourcesSha256: string;
  seed: string;
}

/** Unit results from the assignment (§9 `admitted` and `waitlist`). */
export function unitResults(
  units: readonly Unit[],
  entrants: Entrants,
  order: UnitOrder,
  assigned: Assignment,
  list: ApplicantList,
): UnitResult[] {
  const { memberStart, members, size } = entrants;
  const { unitOrder, rankEntrant, unitStart } = order;
  const ids = list.idTable;
  // What each candidate (a rank) is at its unit: 1 admitted, 2 waitlisted, 0 neither.
  const what = new Uint8Array(unitOrder.length);
  return units.map((unit, u) => {
    const u0 = unitStart[u]!;
    const u1 = unitStart[u + 1]!;
    // Classify and count first, then fill arrays of the final length.
    let nAdmitted = 0;
    let nWaitlist = 0;
    let applicants = 0;
    for (let i = u0; i < u1; i++) {
      const p = unitOrder[i]!;
      const e = rankEntrant[i]!;
      const a = assigned[e]!;
      const k = size[e]!;
      applicants += k;
      // An entrant's pairs are stored most-wanted first, so a > p means "assigned to a unit it
      // ranked below this one".
      if (a === p) {
        nAdmitted += k;
        what[i] = 1;
      } else if (a === -1 || a > p) {
        nWaitlist += k;
        what[i] = 2;
      }
    }
    // The ids as ranges of the list's bytes; strings only if someone reads them.
    const admitted = { bytes: ids.bytes, start: new Uint32Array(nAdmitted), end: new Uint32Array(nAdmitted) };
    const waitlist = { bytes: ids.bytes, start: new Uint32Array(nWaitlist), end: new Uint32Array(nWaitlist) };
    let ka = 0;
    let kw = 0;
    for (let i = u0; i < u1; i++) {
      const w = what[i]!;
      if (w === 0) continue;
      const e = rankEntrant[i]!;
      const to = w === 1 ? admitted : waitlist;
      for (let m = memberStart[e]!; m < memberStart[e + 1]!; m++) {
        const a = members[m]!;
        const k = w === 1 ? ka++ : kw++;
        to.start[k] = ids.start[a]!;
        to.end[k] = ids.end[a]!;
      }
    }
    return { id: unit.id, seats: unit.seats, admitted, waitlist, applicants };
  });
}

/** How many a unit admitted and waitlisted. */
export function unitCounts(u: UnitResult): { admitted: number; waitlist: number } {
  return { admitted: idCount(u.admitted), waitlist: idCount(u.waitlist) };
}

const A_FIRST = utf8('{"assigned":');
const A_NEXT = utf8(',{"assigned":');
const A_NULL = utf8('null');
const A_ID = utf8(',"id":"');
const A_TICKETS = utf8('","tickets":{');
const A_END = utf8('}}');
const T_FIRST = utf8('"');
const T_NEXT = utf8(',"');
const T_COLON = utf8('":"');

/** The units' ids as bytes, their longest length, and each one's place in JCS key order. */
interface UnitKeys {
  idBytes: Uint8Array[];
  keyRank: Uint32Array;
  maxLen: number;
}

function unitKeys(ids: readonly string[]): UnitKeys {
  const idBytes = ids.map(utf8);
  // Units in UTF-16 order of their ids (JCS key order for each applicant's tickets object).
  const byId = ids.map((_, u) => u).sort((x, y) => (ids[x]! < ids[y]! ? -1 : 1));
  const keyRank = new Uint32Array(ids.length);
  byId.forEach((u, k) => (keyRank[u] = k));
  let maxLen = 0;
  for (const u of idBytes) maxLen = Math.max(maxLen, u.length);
  return { idBytes, keyRank, maxLen };
}

/** What each applicant's `tickets` object is written from, in arrays that can cross threads. */
export interface TailSource {
  entrantOf: Uint32Array;
  pairStart: Uint32Array;
  pairUnit: Uint32Array;
  /** true: one ticket per pair (multiple tie-breaking), else one per entrant. */
  perPair: boolean;
  words: Uint32Array;
}

export function tailSource(entrants: Entrants, tickets: Tickets): TailSource {
  const { entrantOf, pairStart, pairUnit } = entrants;
  return { entrantOf, pairStart, pairUnit, perPair: tickets.perPair, words: tickets.words };
}

/** Room enough for applicant i's tail with an id of idLen bytes. */
function tailRoom(src: TailSource, keys: UnitKeys, i: number, idLen: number): number {
  const e = src.entrantOf[i]!;
  return 32 + idLen + (src.pairStart[e + 1]! - src.pairStart[e]!) * (keys.maxLen + 70);
}

/**
 * Writes applicant i's entry after its `assigned` value, `,"id":"<id>","tickets":{…}}`, into b
 * (dv: a DataView of the same buffer) at n; returns the new position. The id is `idSrc[s..e)`.
 */
function writeTail(
  b: Uint8Array,
  dv: DataView,
  n: number,
  i: number,
  src: TailSource,
  keys: UnitKeys,
  idSrc: Uint8Array,
  s: number,
  e: number,
  ps: number[],
): number {
  const { pairStart, pairUnit } = src;
  const { idBytes, keyRank } = keys;
  const ent = src.entrantOf[i]!;
  n = put(b, n, A_ID);
  for (let k = s; k < e; k++) b[n++] = idSrc[k]!;
  n = put(b, n, A_TICKETS);
  // Keys of the tickets object must be in UTF-16 order (JCS), not preference order.
  ps.length = 0;
  for (let p = pairStart[ent]!; p < pairStart[ent + 1]!; p++) ps.push(p);
  if (ps.length > 1) ps.sort((x, y) => keyRank[pairUnit[x]!]! - keyRank[pairUnit[y]!]!);
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!;
    n = put(b, n, k ? T_NEXT : T_FIRST);
    n = put(b, n, idBytes[pairUnit[p]!]!);
    n = put(b, n, T_COLON);
    n = putHexView(dv, n, src.words, (src.perPair ? p : ent) * 8, 8);
    b[n++] = 34;
  }
  return put(b, n, A_END);
}

/** Writes `{"assigned":<unit or null>` (after a comma but for the first applicant). */
function writeAssigned(b: Uint8Array, n: number, i: number, unit: number, keys: UnitKeys): number {
  n = put(b, n, i ? A_NEXT : A_FIRST);
  if (unit === -1) return put(b, n, A_NULL);
  b[n++] = 34;
  n = put(b, n, keys.idBytes[unit]!);
  b[n++] = 34;
  return n;
}

/**
 * The record as the bytes of `JCS(record)` (§9). Ids are identifiers (§1: ASCII that JSON never
 * escapes), so they are written as they are; sources may hold any text and go through `jcs`.
 */
export function recordBytes(
  header: RecordHeader,
  units: readonly UnitResult[],
  unitDefs: readonly Unit[],
  list: ApplicantList,
  entrants: Entrants,
  tickets: Tickets,
  assigned: Assignment,
): Uint8Array {
  const w = new ByteWriter(list.size * 150 + 4096);
  const keys = unitKeys(unitDefs.map((u) => u.id));
  const src = tailSource(entrants, tickets);
  const { pairUnit } = entrants;
  const ps: number[] = [];
  const ids = list.idTable;
  w.ascii('{"applicants":[');
  for (let i = 0; i < list.size; i++) {
    const a = assigned[entrants.entrantOf[i]!]!;
    const s = ids.start[i]!;
    const e = ids.end[i]!;
    const b = w.reserve(16 + keys.maxLen + tailRoom(src, keys, i, e - s));
    let n = writeAssigned(b, w.position, i, a === -1 ? -1 : pairUnit[a]!, keys);
    n = writeTail(b, w.view(), n, i, src, keys, ids.bytes, s, e, ps);
    w.advance(n);
  }
  writeRest(w, header, units);
  return w.bytes();
}

/** Everything after the applicants' entries: `],"drawId":…,"units":[…]}`. */
function writeRest(w: ByteWriter, header: RecordHeader, units: readonly UnitResult[]): void {
  w.ascii(`],"drawId":"${header.drawId}","listRoot":"${header.listRoot}","listSize":${header.listSize},`);
  w.ascii(`"paramsSha256":"${header.paramsSha256}","seed":"${header.seed}","sources":`);
  w.text(jcs(header.sources as unknown as Json));
  w.ascii(`,"sourcesSha256":"${header.sourcesSha256}","spec":"${SPEC}","units":[`);
  units.forEach((u, i) => {
    w.ascii(`${i ? ',' : ''}{"admitted":[`);
    idArray(w, u.admitted);
    w.ascii(`],"id":"${u.id}","seats":${u.seats},"waitlist":[`);
    idArray(w, u.waitlist);
    w.ascii(']}');
  });
  w.ascii(']}');
}

/** The bytes after the applicants' entries (see `writeRest`), for a record assembled in parts. */
export function recordRest(header: RecordHeader, units: readonly UnitResult[]): Uint8Array {
  const w = new ByteWriter(1 << 20);
  writeRest(w, header, units);
  return w.bytes();
}

/**
 * Every applicant's tail (see `writeTail`) in the buffer that becomes the record: after
 * `{"applicants":[`, each tail follows a gap wide enough for the longest `{"assigned":…` prefix,
 * and tail i ends at `ends[i]`. `stitchApplicants` fills the gaps and closes them up in place.
 */
export interface Tails {
  writer: ByteWriter;
  ends: Uint32Array;
  gap: number;
}

const OPEN = '{"applicants":[';

/** The widest `{"assigned":…` prefix (see `writeAssigned`). */
function prefixGap(keys: UnitKeys): number {
  return A_NEXT.length + Math.max(A_NULL.length, keys.maxLen + 2);
}

/**
 * The tails of all applicants, written before the assignment is known (they do not depend on it).
 * Applicant i's id is entry i of `ids`; `capacity` is a hint for the whole buffer.
 */
export function renderTails(src: TailSource, unitIds: readonly string[], ids: IdTable, capacity = ids.start.length * 160 + 4096): Tails {
  const keys = unitKeys(unitIds);
  const gap = prefixGap(keys);
  const { bytes, start, end } = ids;
  const size = start.length;
  const w = new ByteWriter(capacity);
  w.ascii(OPEN);
  const ends = new Uint32Array(size);
  const ps: number[] = [];
  for (let i = 0; i < size; i++) {
    const s = start[i]!;
    const e = end[i]!;
    const b = w.reserve(gap + tailRoom(src, keys, i, e - s));
    const n = writeTail(b, w.view(), w.position + gap, i, src, keys, bytes, s, e, ps);
    w.advance(n);
    ends[i] = n;
  }
  return { writer: w, ends, gap };
}

/**
 * A capacity for `renderTails` that holds the record whole: gaps, tails (bounded by the list's
 * size in bytes, which holds every id, and its number of choices: one ticket per choice) and
 * `restRoom` for what follows the entries. Untouched pages of a fresh buffer are never committed,
 * so a generous bound costs nothing.
 */
export function tailsCapacity(
  applicants: number,
  listBytes: number,
  choices: number,
  unitIds: readonly string[],
  restRoom: number,
): number {
  const keys = unitKeys(unitIds);
  return OPEN.length + applicants * (prefixGap(keys) + 32) + listBytes + choices * (keys.maxLen + 70) + restRoom;
}

/**
 * Completes the record's beginning, `{"applicants":[` and every applicant's entry, from each
 * applicant's assigned unit (−1 for none): writes each prefix into the gap before its tail and
 * moves the tail up behind it, in place. Returns the writer, positioned after the last entry.
 */
export function stitchApplicants(assignedUnit: Int32Array, tails: Tails, unitIds: readonly string[]): ByteWriter {
  const keys = unitKeys(unitIds);
  const { writer: w, ends, gap } = tails;
  const b = w.reserve(0);
  let n = OPEN.length;
  for (let i = 0, t = OPEN.length; i < assignedUnit.length; i++) {
    n = writeAssigned(b, n, i, assignedUnit[i]!, keys);
    const end = ends[i]!;
    b.copyWithin(n, t + gap, end);
    n += end - t - gap;
    t = end;
  }
  w.advance(n);
  return w;
}

/** Each applicant's assigned unit index, or −1. */
export function assignedUnits(entrants: Entrants, assigned: Assignment, size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const a = assigned[entrants.entrantOf[i]!]!;
    out[i] = a === -1 ? -1 : entrants.pairUnit[a]!;
  }
  return out;
}

/**
 * An upper bound on the length of `recordRest` before the unit results exist: an applicant appears
 * at most once in each unit it chose (admitted or waitlisted), so at most `choices` ids in all.
 */
export function recordRestBound(header: RecordHeader, unitIds: readonly string[], choices: number, maxIdLength: number): number {
  let units = 0;
  for (const u of unitIds) units += u.length + 64;
  return 1024 + utf8(jcs(header.sources as unknown as Json)).length + units + choices * (maxIdLength + 3);
}

/** The items of a JSON array of identifiers (no escaping needed, §1). */
function idArray(w: ByteWriter, ids: IdTable): void {
  const { bytes, start, end } = ids;
  const count = start.length;
  let total = 0;
  for (let k = 0; k < count; k++) total += end[k]! - start[k]! + 3;
  const b = w.reserve(total);
  let n = w.position;
  for (let k = 0; k < count; k++) {
    if (k) b[n++] = 44;
    b[n++] = 34;
    for (let j = start[k]!, e = end[k]!; j < e; j++) b[n++] = bytes[j]!;
    b[n++] = 34;
  }
  w.advance(n);
}

/**
 * Contract §9: the record, the draw's output, written as exactly `JCS(record)`. It is assembled as
 * text directly (keys already in RFC 8785 order) because a city-wide record has millions of values.
 */
import { jcs, type Json } from './encoding.js';
import { ticketIndex, type Entrants, type Tickets } from './ticket.js';
import type { UnitOrder } from './order.js';
import type { ApplicantList } from './list.js';
import type { Unit } from './rules.js';
import type { Source } from './sources.js';
import type { Assignment } from './mechanisms/market.js';
import { SPEC } from './rules.js';
import { ByteWriter, put, putAscii, putHex } from './byte-writer.js';

export interface UnitResult {
  id: string;
  seats: number;
  /** Applicant ids admitted, in key order, groups expanded in id order. */
  admitted: string[];
  /** 候补/递补 order (§9). */
  waitlist: string[];
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
  const { pairEntrant, memberStart, members, size } = entrants;
  const ids = list.ids;
  return units.map((unit, u) => {
    const u0 = order.unitStart[u]!;
    const u1 = order.unitStart[u + 1]!;
    // Count first, then fill arrays of the final length.
    let nAdmitted = 0;
    let nWaitlist = 0;
    let applicants = 0;
    for (let i = u0; i < u1; i++) {
      const p = order.unitOrder[i]!;
      const e = pairEntrant[p]!;
      const a = assigned[e]!;
      applicants += size[e]!;
      // An entrant's pairs are stored most-wanted first, so a > p means "assigned to a unit it
      // ranked below this one".
      if (a === p) nAdmitted += size[e]!;
      else if (a === -1 || a > p) nWaitlist += size[e]!;
    }
    const admitted = new Array<string>(nAdmitted);
    const waitlist = new Array<string>(nWaitlist);
    let ka = 0;
    let kw = 0;
    for (let i = u0; i < u1; i++) {
      const p = order.unitOrder[i]!;
      const e = pairEntrant[p]!;
      const a = assigned[e]!;
      if (a === p) for (let m = memberStart[e]!; m < memberStart[e + 1]!; m++) admitted[ka++] = ids[members[m]!]!;
      else if (a === -1 || a > p) for (let m = memberStart[e]!; m < memberStart[e + 1]!; m++) waitlist[kw++] = ids[members[m]!]!;
    }
    return { id: unit.id, seats: unit.seats, admitted, waitlist, applicants };
  });
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const A_FIRST = ascii('{"assigned":');
const A_NEXT = ascii(',{"assigned":');
const A_NULL = ascii('null');
const A_ID = ascii(',"id":"');
const A_TICKETS = ascii('","tickets":{');
const A_END = ascii('}}');
const T_FIRST = ascii('"');
const T_NEXT = ascii(',"');
const T_COLON = ascii('":"');

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
  const { pairStart, pairUnit } = entrants;
  const ids = unitDefs.map((u) => u.id);
  const idBytes = ids.map(ascii);
  // Units in UTF-16 order of their ids (JCS key order for each applicant's tickets object).
  const byId = ids.map((_, u) => u).sort((x, y) => (ids[x]! < ids[y]! ? -1 : 1));
  const keyRank = new Uint32Array(ids.length);
  byId.forEach((u, k) => (keyRank[u] = k));
  const ps: number[] = [];
  w.ascii('{"applicants":[');
  let maxUnit = 0;
  for (const u of idBytes) maxUnit = Math.max(maxUnit, u.length);
  for (let i = 0; i < list.size; i++) {
    const e = entrants.entrantOf[i]!;
    const a = assigned[e]!;
    const id = list.ids[i]!;
    const p0 = pairStart[e]!;
    const p1 = pairStart[e + 1]!;
    // At most: the fixed parts, the assigned unit, the id, and per ticket a unit, 64 hex digits, 6 marks.
    const b = w.reserve(64 + maxUnit + id.length + (p1 - p0) * (maxUnit + 70));
    let n = w.position;
    n = put(b, n, i ? A_NEXT : A_FIRST);
    if (a === -1) n = put(b, n, A_NULL);
    else {
      b[n++] = 34;
      n = put(b, n, idBytes[pairUnit[a]!]!);
      b[n++] = 34;
    }
    n = put(b, n, A_ID);
    n = putAscii(b, n, id);
    n = put(b, n, A_TICKETS);
    // Keys of the tickets object must be in UTF-16 order (JCS), not preference order.
    ps.length = 0;
    for (let p = p0; p < p1; p++) ps.push(p);
    if (ps.length > 1) ps.sort((x, y) => keyRank[pairUnit[x]!]! - keyRank[pairUnit[y]!]!);
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k]!;
      n = put(b, n, k ? T_NEXT : T_FIRST);
      n = put(b, n, idBytes[pairUnit[p]!]!);
      n = put(b, n, T_COLON);
      n = putHex(b, n, tickets.words, ticketIndex(tickets, entrants, p) * 8, 8);
      b[n++] = 34;
    }
    n = put(b, n, A_END);
    w.advance(n);
  }
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
  return w.bytes();
}

/** The items of a JSON array of identifiers (no escaping needed, §1). */
function idArray(w: ByteWriter, ids: readonly string[]): void {
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const b = w.reserve(id.length + 3);
    let n = w.position;
    if (k) b[n++] = 44;
    b[n++] = 34;
    n = putAscii(b, n, id);
    b[n++] = 34;
    w.advance(n);
  }
}

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
import { ByteWriter } from './byte-writer.js';

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
  const { pairEntrant, memberStart, members } = entrants;
  return units.map((unit, u) => {
    const admitted: string[] = [];
    const waitlist: string[] = [];
    let applicants = 0;
    for (let i = order.unitStart[u]!; i < order.unitStart[u + 1]!; i++) {
      const p = order.unitOrder[i]!;
      const e = pairEntrant[p]!;
      const a = assigned[e]!;
      applicants += entrants.size[e]!;
      // An entrant's pairs are stored most-wanted first, so a > p means "assigned to a unit it
      // ranked below this one".
      const target = a === p ? admitted : a === -1 || a > p ? waitlist : undefined;
      if (!target) continue;
      for (let m = memberStart[e]!; m < memberStart[e + 1]!; m++) target.push(list.ids[members[m]!]!);
    }
    return { id: unit.id, seats: unit.seats, admitted, waitlist, applicants };
  });
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
  const { pairStart, pairUnit } = entrants;
  const ids = unitDefs.map((u) => u.id);
  w.ascii('{"applicants":[');
  for (let i = 0; i < list.size; i++) {
    const e = entrants.entrantOf[i]!;
    const a = assigned[e]!;
    w.ascii(i ? ',{"assigned":' : '{"assigned":');
    if (a === -1) w.ascii('null');
    else w.ascii('"').ascii(ids[pairUnit[a]!]!).ascii('"');
    w.ascii(',"id":"').ascii(list.ids[i]!).ascii('","tickets":{');
    const p0 = pairStart[e]!;
    const p1 = pairStart[e + 1]!;
    // Keys of the tickets object must be in UTF-16 order (JCS), not preference order.
    const ps: number[] = [];
    for (let p = p0; p < p1; p++) ps.push(p);
    if (ps.length > 1) ps.sort((x, y) => (ids[pairUnit[x]!]! < ids[pairUnit[y]!]! ? -1 : 1));
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k]!;
      w.ascii(k ? ',"' : '"')
        .ascii(ids[pairUnit[p]!]!)
        .ascii('":"');
      w.hexWords(tickets.words, ticketIndex(tickets, entrants, p) * 8, 8);
      w.ascii('"');
    }
    w.ascii('}}');
  }
  w.ascii(`],"drawId":"${header.drawId}","listRoot":"${header.listRoot}","listSize":${header.listSize},`);
  w.ascii(`"paramsSha256":"${header.paramsSha256}","seed":"${header.seed}","sources":`);
  w.text(jcs(header.sources as unknown as Json));
  w.ascii(`,"sourcesSha256":"${header.sourcesSha256}","spec":"${SPEC}","units":[`);
  units.forEach((u, i) => {
    w.ascii(`${i ? ',' : ''}{"admitted":[`);
    u.admitted.forEach((id, k) =>
      w
        .ascii(k ? ',"' : '"')
        .ascii(id)
        .ascii('"'),
    );
    w.ascii(`],"id":"${u.id}","seats":${u.seats},"waitlist":[`);
    u.waitlist.forEach((id, k) =>
      w
        .ascii(k ? ',"' : '"')
        .ascii(id)
        .ascii('"'),
    );
    w.ascii(']}');
  });
  w.ascii(']}');
  return w.bytes();
}

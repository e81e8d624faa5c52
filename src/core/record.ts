/**
 * Contract §9: the record, the draw's output, written as exactly `JCS(record)`. It is assembled as
 * text directly (keys already in RFC 8785 order) because a city-wide record has millions of values.
 */
import { jcs, type Json } from './encoding.js';
import { ticketHex, ticketIndex, type Entrants, type Tickets } from './ticket.js';
import type { UnitOrder } from './order.js';
import type { ApplicantList } from './list.js';
import type { Unit } from './rules.js';
import type { Source } from './sources.js';
import type { Assignment } from './mechanisms/market.js';
import { SPEC } from './rules.js';

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
export function unitResults(units: readonly Unit[], entrants: Entrants, order: UnitOrder, assigned: Assignment, list: ApplicantList): UnitResult[] {
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

/** The record as `JCS(record)` text (§9). */
export function recordText(
  header: RecordHeader,
  units: readonly UnitResult[],
  unitDefs: readonly Unit[],
  list: ApplicantList,
  entrants: Entrants,
  tickets: Tickets,
  assigned: Assignment,
): string {
  const parts: string[] = ['{"applicants":['];
  const { pairStart, pairUnit } = entrants;
  // Ticket keys of an applicant's object must be in UTF-16 order, not preference order.
  for (let i = 0; i < list.size; i++) {
    const e = entrants.entrantOf[i]!;
    const a = assigned[e]!;
    const assignedId = a === -1 ? 'null' : JSON.stringify(unitDefs[pairUnit[a]!]!.id);
    const t: [string, string][] = [];
    for (let p = pairStart[e]!; p < pairStart[e + 1]!; p++) {
      t.push([unitDefs[pairUnit[p]!]!.id, ticketHex(tickets, ticketIndex(tickets, entrants, p))]);
    }
    if (t.length > 1) t.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    let ts = '';
    for (const [k, v] of t) ts += `${ts ? ',' : ''}${JSON.stringify(k)}:"${v}"`;
    parts.push(`${i ? ',' : ''}{"assigned":${assignedId},"id":${JSON.stringify(list.ids[i])},"tickets":{${ts}}}`);
  }
  parts.push(
    `],"drawId":${JSON.stringify(header.drawId)},"listRoot":"${header.listRoot}","listSize":${header.listSize},` +
      `"paramsSha256":"${header.paramsSha256}","seed":"${header.seed}","sources":${jcs(header.sources as unknown as Json)},` +
      `"sourcesSha256":"${header.sourcesSha256}","spec":"${SPEC}","units":[`,
  );
  units.forEach((u, i) => {
    parts.push(
      `${i ? ',' : ''}{"admitted":${JSON.stringify(u.admitted)},"id":${JSON.stringify(u.id)},"seats":${u.seats},"waitlist":${JSON.stringify(u.waitlist)}}`,
    );
  });
  parts.push(']}');
  return parts.join('');
}

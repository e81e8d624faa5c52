/**
 * §9 Record: every unit's admitted list and waitlist in key order (groups expanded to their
 * members), and every applicant's assignment and tickets, in list order.
 */
import { toHex } from '../bytes.js';
import type { Json } from '../encoding.js';
import type { Rules } from '../rules.js';
import type { Source } from '../sources.js';
import { positionOf, type Entrant } from './entrants.js';
import { byKey, type TicketAt } from './order.js';
import { compareText } from './text.js';

export interface Digests {
  paramsSha256: Uint8Array;
  listRoot: Uint8Array;
  listSize: number;
  sources: readonly Source[];
  sourcesSha256: Uint8Array;
  seed: Uint8Array;
}

/** The record as a JSON value (written as `JCS(record)`). */
export function recordOf(rules: Rules, d: Digests, entrants: readonly Entrant[], assigned: Map<Entrant, string>, ticket: TicketAt): Json {
  const members = (es: Entrant[]): string[] => es.flatMap((e) => e.members);
  /** Listed the unit, but got neither it nor a unit ranked higher. */
  const waiting = (e: Entrant, unit: string): boolean => {
    const here = positionOf(e, unit);
    if (here < 0) return false;
    const got = assigned.get(e);
    return got === undefined || positionOf(e, got) > here;
  };
  const units = rules.units.map((u) => ({
    admitted: members(entrants.filter((e) => assigned.get(e) === u.id).sort(byKey(u.id, ticket))),
    id: u.id,
    seats: u.seats,
    waitlist: members(entrants.filter((e) => waiting(e, u.id)).sort(byKey(u.id, ticket))),
  }));
  const applicants = entrants
    .flatMap((e) =>
      e.members.map((id) => ({
        assigned: assigned.get(e) ?? null,
        id,
        tickets: Object.fromEntries(e.choices.map((c) => [c.unit, toHex(ticket(e, c.unit))])),
      })),
    )
    .sort((a, b) => compareText(a.id, b.id)); // the list's order: ids as bytes
  return {
    applicants,
    drawId: rules.drawId,
    listRoot: toHex(d.listRoot),
    listSize: d.listSize,
    paramsSha256: toHex(d.paramsSha256),
    seed: toHex(d.seed),
    sources: d.sources as unknown as Json,
    sourcesSha256: toHex(d.sourcesSha256),
    spec: 'fairdraw/v1',
    units,
  };
}

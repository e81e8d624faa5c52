/**
 * Steps "tickets" and "applicants": the first place where the published record's applicants differ
 * from the recomputed draw (§10 step 7 examines the record's fields in RECORD_FIELDS order).
 */
import type { DrawResult } from '../draw.js';
import { ticketHex, ticketIndex, type Tickets } from '../ticket.js';
import { idStrings } from '../id-table.js';
import { show } from './outcome.js';
import type { Difference, Found } from './types.js';

/** §10 step 7: the order in which the record's fields are examined. */
export const RECORD_FIELDS = [
  'spec',
  'drawId',
  'paramsSha256',
  'listRoot',
  'listSize',
  'sources',
  'sourcesSha256',
  'seed',
  'units',
  'applicants',
];

export function compareTickets(found: Found | undefined, res: DrawResult, unitIds: string[]): Difference | undefined {
  if (!found) return undefined;
  const apps = found.applicants;
  if (!Array.isArray(apps)) return { path: 'applicants', expected: `${res.list.size} entries`, found: show(apps) };
  const { entrants, list } = res;
  const t: Tickets = res.tickets;
  // Every id as a string, made in one pass over the table (a city's list has a million).
  const ids = idStrings(list.idTable);
  for (let i = 0; i < list.size; i++) {
    const a = apps[i] as { id?: unknown; tickets?: { [u: string]: unknown } } | undefined;
    const id = ids[i]!;
    if (!a || a.id !== id) return { path: `applicants[${i}].id`, expected: show(id), found: show(a?.id) };
    const tk = a.tickets;
    if (typeof tk !== 'object' || tk === null) return { path: `applicants[${i}].tickets`, expected: 'an object', found: show(tk) };
    const e = entrants.entrantOf[i]!;
    const p0 = entrants.pairStart[e]!;
    const p1 = entrants.pairStart[e + 1]!;
    for (let p = p0; p < p1; p++) {
      const unit = unitIds[entrants.pairUnit[p]!]!;
      const hex = ticketHex(t, ticketIndex(t, entrants, p));
      if (tk[unit] !== hex) return { path: `applicants[${i}].tickets.${unit}`, expected: show(hex), found: show(tk[unit]) };
    }
    const n = Object.keys(tk).length;
    if (n !== p1 - p0) {
      const extra = Object.keys(tk).find((k) => !unitIds.includes(k)) ?? '';
      return { path: `applicants[${i}].tickets${extra ? `.${extra}` : ''}`, expected: `${p1 - p0} ticket(s)`, found: `${n}` };
    }
  }
  if (apps.length !== list.size) return { path: `applicants[${list.size}]`, expected: '(absent)', found: show(apps[list.size]) };
  return undefined;
}

export function compareAssigned(found: Found | undefined, res: DrawResult, unitIds: string[]): Difference | undefined {
  if (!found || !Array.isArray(found.applicants)) return undefined;
  const apps = found.applicants as { assigned?: unknown }[];
  const { entrants, assigned, list } = res;
  for (let i = 0; i < list.size; i++) {
    const a = assigned[entrants.entrantOf[i]!]!;
    const want = a === -1 ? null : unitIds[entrants.pairUnit[a]!]!;
    if (apps[i]?.assigned !== want) return { path: `applicants[${i}].assigned`, expected: show(want), found: show(apps[i]?.assigned) };
  }
  return undefined;
}

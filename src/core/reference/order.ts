/**
 * §6.3 The order at a unit: tier, then ticket (as bytes), then kind, then name. Smaller first.
 */
import type { Entrant } from './entrants.js';
import { tierAt } from './entrants.js';
import { compareBytes, compareText } from './text.js';

/** `ticket(e, u)` for the entrants of one draw (see tickets.ts). */
export type TicketAt = (e: Entrant, unit: string) => Uint8Array;

/** The comparison of `key(·, u)`. */
export function byKey(unit: string, ticket: TicketAt): (a: Entrant, b: Entrant) => number {
  return (a, b) =>
    tierAt(a, unit) - tierAt(b, unit) ||
    compareBytes(ticket(a, unit), ticket(b, unit)) ||
    compareText(a.kind, b.kind) ||
    compareText(a.name, b.name);
}

/**
 * §7 A unit's choice: scan the candidates in key order and accept each one that fits; a group that
 * does not fit is passed over, not the end of the scan.
 */
import type { GroupFit } from '../rules.js';
import { sizeOf, type Entrant } from './entrants.js';
import { byKey, type TicketAt } from './order.js';

export interface Choice {
  accepted: Entrant[];
  /** Seats left (negative after an overflow). */
  remaining: number;
}

export function choose(candidates: readonly Entrant[], unit: string, seats: number, fit: GroupFit, ticket: TicketAt): Choice {
  const accepted: Entrant[] = [];
  let remaining = seats;
  for (const e of [...candidates].sort(byKey(unit, ticket))) {
    const fits = fit === 'strict' ? sizeOf(e) <= remaining : remaining >= 1;
    if (fits) {
      accepted.push(e);
      remaining -= sizeOf(e);
    }
  }
  return { accepted, remaining };
}

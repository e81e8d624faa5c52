/** What both mechanisms (§8) work on: entrants, each unit's key order, and the seats. */
import type { Entrants } from '../ticket.js';
import type { UnitOrder } from '../order.js';
import type { GroupFit } from '../rules.js';

export interface Market {
  entrants: Entrants;
  order: UnitOrder;
  seats: readonly number[];
  fit: GroupFit;
}

/** For each entrant, the pair (entrant, unit) it is assigned through, or -1. */
export type Assignment = Int32Array;

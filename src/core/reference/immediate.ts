/**
 * §8.1 Immediate acceptance (志愿优先): round k admits, for good, from those who listed the unit k-th.
 */
import type { Rules } from '../rules.js';
import { choose } from './choose.js';
import type { Entrant } from './entrants.js';
import type { TicketAt } from './order.js';

/** The unit each assigned entrant is admitted to. */
export function immediateAcceptance(entrants: readonly Entrant[], rules: Rules, ticket: TicketAt): Map<Entrant, string> {
  const assigned = new Map<Entrant, string>();
  const remaining = new Map(rules.units.map((u) => [u.id, u.seats]));
  const longest = Math.max(0, ...entrants.map((e) => e.choices.length));
  for (let k = 0; k < longest; k++) {
    const applying = new Map<string, Entrant[]>();
    for (const e of entrants) {
      if (assigned.has(e) || k >= e.choices.length) continue;
      const unit = e.choices[k]!.unit;
      applying.set(unit, [...(applying.get(unit) ?? []), e]);
    }
    for (const u of rules.units) {
      const apps = applying.get(u.id);
      if (!apps) continue;
      const c = choose(apps, u.id, remaining.get(u.id)!, rules.groupFit, ticket);
      remaining.set(u.id, c.remaining);
      for (const e of c.accepted) assigned.set(e, u.id);
    }
  }
  return assigned;
}

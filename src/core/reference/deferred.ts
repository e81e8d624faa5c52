/**
 * §8.2 Deferred acceptance (平行志愿): units only hold their best proposers so far; everyone not held
 * proposes to their next choice, until nobody can.
 */
import type { Rules } from '../rules.js';
import { choose } from './choose.js';
import type { Entrant } from './entrants.js';
import type { TicketAt } from './order.js';

/** The unit each assigned entrant is admitted to. */
export function deferredAcceptance(entrants: readonly Entrant[], rules: Rules, ticket: TicketAt): Map<Entrant, string> {
  let held = new Map<string, Entrant[]>(rules.units.map((u) => [u.id, []]));
  const next = new Map<Entrant, number>(entrants.map((e) => [e, 0]));
  for (;;) {
    const isHeld = new Set([...held.values()].flat());
    const proposals = new Map<string, Entrant[]>();
    for (const e of entrants) {
      const k = next.get(e)!;
      if (isHeld.has(e) || k >= e.choices.length) continue;
      const unit = e.choices[k]!.unit;
      proposals.set(unit, [...(proposals.get(unit) ?? []), e]);
      next.set(e, k + 1);
    }
    if (proposals.size === 0) break;
    const after = new Map<string, Entrant[]>();
    for (const u of rules.units) {
      const p = proposals.get(u.id);
      const h = held.get(u.id)!;
      after.set(u.id, p ? choose([...h, ...p], u.id, u.seats, rules.groupFit, ticket).accepted : h);
    }
    held = after;
  }
  const assigned = new Map<Entrant, string>();
  for (const [unit, es] of held) for (const e of es) assigned.set(e, unit);
  return assigned;
}

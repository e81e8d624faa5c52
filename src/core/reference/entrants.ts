/**
 * §6.1 Entrants: an applicant without a group draws for itself; a multiple-birth group draws once,
 * as a whole, under its group id.
 */
export interface Choice {
  unit: string;
  tier: number;
}

/** One line of the list. */
export interface Applicant {
  id: string;
  choices: Choice[];
  group?: string;
}

export interface Entrant {
  kind: 'applicant' | 'group';
  name: string;
  /** The applicant ids behind it, in list (byte) order. */
  members: string[];
  /** The members' (identical) choices, most wanted first. */
  choices: Choice[];
}

/** The entrants of a list, in the order their first member appears in it. */
export function entrantsOf(applicants: readonly Applicant[]): Entrant[] {
  const out: Entrant[] = [];
  const groups = new Map<string, Entrant>();
  for (const a of applicants) {
    if (a.group === undefined) {
      out.push({ kind: 'applicant', name: a.id, members: [a.id], choices: a.choices });
      continue;
    }
    const g = groups.get(a.group);
    if (g) g.members.push(a.id);
    else {
      const e: Entrant = { kind: 'group', name: a.group, members: [a.id], choices: a.choices };
      groups.set(a.group, e);
      out.push(e);
    }
  }
  return out;
}

/** The entrant's tier at a unit it lists. */
export const tierAt = (e: Entrant, unit: string): number => e.choices.find((c) => c.unit === unit)!.tier;

/** The position (0 = most wanted) of a unit in the entrant's choices, or -1. */
export const positionOf = (e: Entrant, unit: string): number => e.choices.findIndex((c) => c.unit === unit);

/** The number of seats the entrant takes. */
export const sizeOf = (e: Entrant): number => e.members.length;

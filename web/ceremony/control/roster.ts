/** The roster of witnesses named before the ceremony (见证人名单): its draft, when it is fixed, and what is sent. */
import type { CeremonyView } from '../../../src/office/ceremony/ceremony-view.js';
import type { RosterBody } from '../../../src/api/ceremony.js';

export type RosterDraft = Record<number, { witness: string; alternate: string }>;

/** The witness slots of the ceremony, the only ones a roster names. */
export function witnessSlots(view: CeremonyView): CeremonyView['slots'] {
  return view.slots.filter((s) => s.kind === 'witness');
}

/** The names as the server holds them, empty where none is given yet. */
export function rosterDraft(slots: CeremonyView['slots']): RosterDraft {
  return Object.fromEntries(slots.map((s) => [s.index, { witness: s.witness ?? '', alternate: s.alternate ?? '' }]));
}

/** The roster is fixed once a witness has sealed, or once the ceremony is past its open phase. */
export function rosterLocked(view: CeremonyView): boolean {
  return view.slots.some((s) => s.kind === 'witness' && s.commitment) || (view.ceremony !== null && view.ceremony.phase !== 'open');
}

/** The body of `PUT …/roster`: every witness slot, a name left empty sent as null. */
export function rosterBody(slots: CeremonyView['slots'], names: RosterDraft): RosterBody {
  return {
    slots: slots.map((s) => ({
      index: s.index,
      witness: names[s.index]?.witness || null,
      alternate: names[s.index]?.alternate || null,
    })),
  };
}

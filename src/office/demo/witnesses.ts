/**
 * The demo's simulated witnesses: who they are, and how each one gives their value in the ceremony.
 *
 * `witnessesGiveValues` is the one step that knows how a witness value reaches the draw. Today each
 * witness opens their own phone link and submits their value, as a real witness does; when the
 * ceremony seals values (commit, then reveal; src/core/commitment.ts), only this function changes:
 * every witness commits first, then every witness reveals.
 */
import { issueWitnessLink, submitByLink } from '../ceremony/witness-links.js';
import { declaredSourcesOf } from '../documents.js';
import { loadEvent } from '../load-event.js';
import type { DeclaredSource } from '../../core/rules.js';
import type { Actor, Office } from '../ports.js';

export interface DemoWitness {
  /** The declared source this witness gives (its label). */
  label: string;
  name: string;
  /** Named before any value is entered; takes the slot if the witness is absent. */
  alternate: string;
  role: '家长代表' | '公证员';
}

/** Invented people, one per declared witness source of the demo event. */
export const DEMO_WITNESSES: readonly DemoWitness[] = [
  { label: '家长代表（檀木林小学）', name: '李春梅', alternate: '赵国强', role: '家长代表' },
  { label: '家长代表（塘坎上小学）', name: '陈晓东', alternate: '周丽', role: '家长代表' },
  { label: '公证员', name: '刘建华', alternate: '孙雅琴', role: '公证员' },
];

export const DEMO_SOURCES: DeclaredSource[] = DEMO_WITNESSES.map(({ label }) => ({ kind: 'witness', label }));

/** What a simulated witness brings: six dice, read out in order (e.g. "3,6,1,5,2,4"). */
export type Roll = () => string;

/**
 * Each declared witness, in the published order, gives their value through their own phone link
 * (the operator only issues the link). `roll` makes the value; the bureau's random port by default.
 */
export async function witnessesGiveValues(office: Office, eventId: string, actor: Actor, roll: Roll): Promise<void> {
  const declared = declaredSourcesOf(await loadEvent(office.store.repos, eventId));
  for (let index = 0; index < declared.length; index++) {
    if (declared[index]!.kind !== 'witness') continue;
    const link = await issueWitnessLink(office, eventId, index, actor);
    await submitByLink(office, link.token, roll());
  }
}

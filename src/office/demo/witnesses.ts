/**
 * The demo's simulated witnesses: who they are, and how each one gives their value in the ceremony.
 *
 * `witnessesGiveValues` is the one step that knows how a witness value reaches the draw: as in a
 * real ceremony, every witness first seals their value on their own phone link (the phone computes
 * the commitment over the value and a random salt, and sends only that; src/core/commitment.ts),
 * and only when every witness has sealed does each one reveal value and salt on the same link.
 */
import { commitByLink, issueWitnessLink, revealByLink } from '../ceremony/witness-links.js';
import { sealedValue } from '../ceremony/simulated.js';
import { declaredSourcesOf } from '../rules-and-list.js';
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
 * Each declared witness, in the published order, seals their value through their own phone link
 * (the operator only issues the link); once all are sealed, each reveals value and salt on the same
 * link. `roll` makes the value; the bureau's random port by default.
 */
export async function witnessesGiveValues(office: Office, eventId: string, actor: Actor, roll: Roll): Promise<void> {
  const ev = await loadEvent(office.store.repos, eventId);
  const declared = declaredSourcesOf(ev);
  const sealed: { token: string; value: string; salt: string }[] = [];
  for (let index = 0; index < declared.length; index++) {
    const d = declared[index]!;
    if (d.kind !== 'witness') continue;
    const link = await issueWitnessLink(office, eventId, index, actor);
    const value = roll();
    const { commitment, salt } = sealedValue(eventId, index, d.label, value);
    await commitByLink(office, link.token, commitment);
    sealed.push({ token: link.token, value, salt });
  }
  for (const s of sealed) await revealByLink(office, s.token, s.value, s.salt);
}

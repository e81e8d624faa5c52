/** The audit timeline names every kind of entry the office writes, in Chinese and in English. */
import { afterEach, describe, expect, it } from 'vitest';
import { ERASE_ACTION } from '../../src/office/privacy/erase.js';
import { COSIGN_ACTION, NOTARY_KEY_ACTION } from '../../src/core/audit.js';
import { COMMIT_ACTION, REPLACE_ACTION, REVEAL_ACTION } from '../../src/core/commitment.js';
import { changeOffer } from '../../src/office/offers.js';
import { actionName, actorParts, fieldName } from '../../web/console/event/audit-messages.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

// Every action written through logAction or logMilestone under src/office (kept in step with the code).
const WRITTEN = [
  'applicants.import',
  'ceremony.close',
  'ceremony.drand',
  'ceremony.draw',
  'ceremony.halt',
  'ceremony.hall-confirm',
  'ceremony.link',
  'ceremony.meeting',
  'ceremony.open',
  'ceremony.recording',
  'ceremony.reps-draw',
  'ceremony.reps-prepare',
  'ceremony.roster',
  'ceremony.substitute',
  'ceremony.value',
  'ceremony.witness',
  'draw.official',
  'draw.rehearsal',
  'draw.repeat-request',
  'event.correct',
  'event.create',
  'event.delete',
  'event.freeze',
  'event.publish',
  'event.rename',
  'event.settings',
  'event.sources',
  'event.withdraw',
  'offer.confirm',
  'offer.decline',
  'offer.revoke',
  'offer.release',
  'offer.waitlist',
  'offers.state',
  'privacy.settings',
  'results.publish',
  'unit.add',
  'unit.delete',
  'unit.update',
  ERASE_ACTION,
  NOTARY_KEY_ACTION,
  COSIGN_ACTION,
  COMMIT_ACTION,
  REVEAL_ACTION,
  REPLACE_ACTION,
];

const chinese = /^[^A-Za-z]*(drand|SHA-256)?[^A-Za-z]*$/;

describe('the audit timeline', () => {
  it('has a Chinese and an English name for every kind of entry', () => {
    for (const a of WRITTEN) {
      expect(actionName(a, 'zh'), a).toMatch(chinese);
      expect(actionName(a, 'en'), a).toMatch(/^[A-Za-z]/);
    }
  });

  it('names every entry of a real event taken to its results, with a decline, and the people by role', async () => {
    const t = await testOffice();
    close = () => t.office.close();
    await auditedEvent(t.office);
    const offered = await t.office.store.db.selectFrom('offers').select('reg_no').where('event_id', '=', EVENT).executeTakeFirstOrThrow();
    await changeOffer(t.office, EVENT, offered.reg_no, 'decline', '家长选择民办学校', 'operator:operator');
    const entries = await t.office.store.repos.audit.list(EVENT);
    const kinds = new Set(entries.map((e) => e.action));
    expect(kinds.has('offer.decline')).toBe(true);
    for (const k of kinds) expect(actionName(k, 'zh'), k).toMatch(chinese);
    for (const e of entries) {
      const [role] = actorParts(e.actor, 'zh');
      expect(role, e.actor).toMatch(/^[^A-Za-z]+$/);
      for (const key of Object.keys(e.details as object)) {
        const name = fieldName(key, 'zh');
        if (name) expect(name).toMatch(chinese);
      }
    }
    expect(actorParts('operator:zhang', 'zh')).toEqual(['经办人', 'zhang']);
    expect(actorParts('witness:公证员', 'en')).toEqual(['Witness', '公证员']);
  });
});

/**
 * 揭晓: the stored record is shown unit by unit. Each step only reads the official record (already
 * stored, its hash already on screen) and puts one unit's result in the public log, with
 * registration numbers and masked names. After the last unit, the summary with the record hash.
 */
import { FairDrawError } from '../../core/errors.js';
import { logAction } from '../audit-trail.js';
import { maskName } from '../masking.js';
import { summariseRecord } from '../run-draw.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import { appendStep } from './steps.js';
import { loadCeremony } from './state.js';
import type { PublicPerson } from './log-types.js';

/** How many of the 候补 order the screen shows after the admitted. */
export const WAITLIST_HEAD = 10;

export interface RevealOutcome {
  revealed: number;
  of: number;
  done: boolean;
}

interface StoredRecord {
  drawId: string;
  seed: string;
  units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
}

async function maskedNames(repos: Repos, eventId: string): Promise<(regNo: string) => PublicPerson> {
  const names = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, maskName(a.name)]));
  return (regNo) => ({ regNo, name: names.get(regNo) ?? '' });
}

/**
 * Reveals the next unit (or all remaining ones); once every unit is shown, the next call shows the
 * summary and closes the ceremony. Idempotent after that.
 */
export async function revealNext(office: Office, eventId: string, actor: Actor, all = false): Promise<RevealOutcome> {
  return office.store.tx(async (repos) => {
    const { ceremony } = await loadCeremony(repos, eventId, ['drawn', 'closed'], { zh: '揭晓结果', en: 'reveal results' });
    const official = await repos.draws.official(eventId);
    const pub = await repos.publications.latest(eventId);
    if (!official || !pub) throw new FairDrawError('results.no-draw', '尚未正式摇号', 'there is no official draw yet', { field: 'event' });
    const rec = JSON.parse(official.record_text) as StoredRecord;
    const of = rec.units.length;
    if (ceremony.phase === 'closed') return { revealed: of, of, done: true };
    const now = office.clock.now().toISOString();
    const unitNames = new Map((JSON.parse(pub.unit_counts) as { id: string; name: string }[]).map((u) => [u.id, u.name]));
    const summary = summariseRecord(official.record_text);
    if (ceremony.revealed >= of) {
      // The last unit stays on screen until the operator moves on to the summary.
      await appendStep(repos, office, eventId, 'summary', {
        drawId: official.draw_id,
        seed: official.seed,
        recordSha256: official.record_sha256,
        verifyPath: `/verify/${encodeURIComponent(eventId)}`,
        units: summary.map((s) => ({ ...s, name: unitNames.get(s.id) ?? s.id })),
      });
      await repos.ceremony.update(eventId, { phase: 'closed', updated_at: now });
      await logAction(repos, office, eventId, actor, 'ceremony.close', { recordSha256: official.record_sha256, seed: official.seed });
      return { revealed: of, of, done: true };
    }
    const person = await maskedNames(repos, eventId);
    let position = ceremony.revealed;
    do {
      const u = rec.units[position]!;
      await appendStep(repos, office, eventId, 'reveal', {
        position,
        of,
        unit: u.id,
        name: unitNames.get(u.id) ?? u.id,
        seats: u.seats,
        applicants: summary[position]?.applicants ?? 0,
        admitted: u.admitted.map(person),
        waitlist: u.waitlist.length,
        waitlistHead: u.waitlist.slice(0, WAITLIST_HEAD).map(person),
      });
      position++;
    } while (all && position < of);
    await repos.ceremony.update(eventId, { revealed: position, updated_at: now });
    return { revealed: position, of, done: false };
  });
}

/**
 * 开始仪式: the first step on the big screen. Shows the event, its units, seats and applicant
 * counts, and checks the published digests against the frozen texts; a mismatch halts the ceremony
 * for good (nothing random is ever entered into a draw whose inputs changed).
 */
import { FairDrawError } from '../../core/errors.js';
import { drandRoundTime } from '../../core/drand.js';
import type { Json } from '../../core/encoding.js';
import { logMilestone } from '../audit-trail.js';
import { loadEvent, refuseWithdrawn } from '../load-event.js';
import { wrongStatus } from '../errors.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import { checkFrozenDigests, haltMessage } from './digests.js';
import type { DigestCheck, StepPayloads } from './log-types.js';
import { appendStep } from './steps.js';
import { rosterSlots } from './state.js';
import { declaredSourcesOf } from '../rules-and-list.js';

export interface OpenOutcome {
  phase: 'open' | 'halted' | 'drawn' | 'closed';
  check: DigestCheck;
}

export async function openCeremony(office: Office, eventId: string, actor: Actor): Promise<OpenOutcome> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId);
    await refuseWithdrawn(repos, eventId, { zh: '开始摇号仪式', en: 'open the draw ceremony' });
    const existing = await repos.ceremony.get(eventId);
    if (existing) return { phase: existing.phase, check: JSON.parse(existing.digests) as DigestCheck };
    if (ev.status !== 'frozen') throw wrongStatus(eventId, ev.status, ['frozen'], { zh: '开始摇号仪式', en: 'open the draw ceremony' });
    const check = await checkFrozenDigests(repos, eventId);
    const now = office.clock.now().toISOString();
    const halted = check.match ? null : haltMessage(check);
    await repos.ceremony.insert({
      event_id: eventId,
      phase: halted ? 'halted' : 'open',
      digests: JSON.stringify(check),
      halted: halted && JSON.stringify(halted),
      revealed: 0,
      opened_at: now,
      updated_at: now,
    });
    await appendStep(repos, office, eventId, 'opened', await openedPayload(repos, eventId, check));
    await logMilestone(repos, office, eventId, actor, 'ceremony.open', check as unknown as Json);
    if (halted) {
      await appendStep(repos, office, eventId, 'halted', halted);
      await logMilestone(repos, office, eventId, actor, 'ceremony.halt', halted as unknown as Json);
    }
    return { phase: halted ? 'halted' : 'open', check };
  });
}

async function openedPayload(repos: Repos, eventId: string, check: DigestCheck): Promise<StepPayloads['opened']> {
  const ev = (await repos.events.getById(eventId))!;
  const pub = await repos.publications.latest(eventId);
  if (!pub) throw new FairDrawError('ceremony.unpublished', '没有公示版本', 'there is no published version', { field: 'event' });
  const counts = JSON.parse(pub.unit_counts) as { id: string; name: string; seats: number; applicants: number }[];
  const declared = declaredSourcesOf(ev);
  return {
    event: eventId,
    title: ev.title,
    units: counts.map((u) => ({ id: u.id, name: u.name, seats: u.seats, applicants: u.applicants })),
    applicants: pub.list_size,
    declaredSources: declared.map((s) =>
      s.kind === 'drand' ? { ...s, producedAt: new Date(drandRoundTime(s.round) * 1000).toISOString() } : s,
    ),
    roster: rosterSlots(declared, await repos.ceremony.roster(eventId)),
    check,
  };
}

/**
 * Checks the digests again (just before the draw): a change since the ceremony opened halts it.
 * Returns the halt message when it halted. Runs inside the caller's transaction.
 */
export async function recheckOrHalt(
  repos: Repos,
  office: Office,
  eventId: string,
  actor: Actor,
): Promise<ReturnType<typeof haltMessage> | undefined> {
  const check = await checkFrozenDigests(repos, eventId);
  if (check.match) return undefined;
  const halted = haltMessage(check);
  await repos.ceremony.update(eventId, { phase: 'halted', halted: JSON.stringify(halted), updated_at: office.clock.now().toISOString() });
  await appendStep(repos, office, eventId, 'halted', halted);
  await logMilestone(repos, office, eventId, actor, 'ceremony.halt', { ...halted, check: check as unknown as Json });
  return halted;
}

/** Loads an event and checks that it is in one of the states an act allows. */
import { FairDrawError } from '../core/errors.js';
import type { Repos } from '../store/index.js';
import type { EventRow } from '../store/repositories/events.repository.js';
import type { EventStatus } from '../store/schema.js';
import { noEvent, wrongStatus } from './errors.js';
import type { Office } from './ports.js';

export async function loadEvent(
  repos: Repos,
  id: string,
  allowed?: readonly EventStatus[],
  act?: { zh: string; en: string },
): Promise<EventRow> {
  const ev = await repos.events.getById(id);
  if (!ev) throw noEvent(id);
  if (allowed && !allowed.includes(ev.status)) throw wrongStatus(id, ev.status, allowed, act ?? { zh: '执行此操作', en: 'do this' });
  // Every act on an event is refused once it is withdrawn (reading it is not an act).
  if (allowed) await refuseWithdrawn(repos, id, act);
  return ev;
}

/** An event by its id, in any state (refused when there is none). */
export async function findEvent(office: Office, id: string): Promise<EventRow> {
  return loadEvent(office.store.repos, id);
}

/** A withdrawn event does nothing further: no correction, freeze, ceremony or draw. */
export async function refuseWithdrawn(repos: Repos, id: string, act?: { zh: string; en: string }): Promise<void> {
  const w = await repos.events.withdrawal(id);
  if (!w) return;
  throw new FairDrawError(
    'event.withdrawn',
    `批次 ${id} 已于 ${w.at.slice(0, 10)} 撤回（理由：${w.reason}），不能再${act?.zh ?? '执行此操作'}`,
    `event ${id} was withdrawn on ${w.at.slice(0, 10)} (reason: ${w.reason}); cannot ${act?.en ?? 'do this'}`,
    { field: 'status' },
  );
}

/** Loads an event and checks that it is in one of the states an act allows. */
import type { Repos } from '../store/index.js';
import type { EventRow } from '../store/repositories/events.repository.js';
import type { EventStatus } from '../store/schema.js';
import { noEvent, wrongStatus } from './errors.js';

export async function loadEvent(
  repos: Repos,
  id: string,
  allowed?: readonly EventStatus[],
  act?: { zh: string; en: string },
): Promise<EventRow> {
  const ev = await repos.events.getById(id);
  if (!ev) throw noEvent(id);
  if (allowed && !allowed.includes(ev.status)) throw wrongStatus(id, ev.status, allowed, act ?? { zh: '执行此操作', en: 'do this' });
  return ev;
}

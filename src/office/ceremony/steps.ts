/** Appends a step to the ceremony's public log (inside the caller's transaction) and reads it back. */
import type { Repos } from '../../store/index.js';
import type { LogRow } from '../../store/repositories/ceremony.repository.js';
import type { Office } from '../ports.js';
import type { LogEntry, StepPayloads, StepType } from './log-types.js';
import { publicStep } from '../masking.js';

export async function appendStep<T extends StepType>(
  repos: Repos,
  office: Office,
  eventId: string,
  type: T,
  payload: StepPayloads[T],
): Promise<number> {
  // The log is public: people's names go in masked, whoever calls (see masking.ts).
  const shown = publicStep(type, payload);
  return repos.ceremony.appendLog({ event_id: eventId, at: office.clock.now().toISOString(), type, payload: JSON.stringify(shown) });
}

export function toEntry(row: LogRow): LogEntry {
  return { id: row.id, at: row.at, type: row.type, payload: JSON.parse(row.payload) } as LogEntry;
}

/** The event's steps after `afterId` (a late viewer starts at 0). */
export async function ceremonyLog(office: Office, eventId: string, afterId = 0): Promise<LogEntry[]> {
  return (await office.store.repos.ceremony.log(eventId, afterId)).map(toEntry);
}

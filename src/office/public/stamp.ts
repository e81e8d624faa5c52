/**
 * 公开版本戳: a short text that changes whenever anything the public can see of an event changes —
 * its status, its published version, its row's last change, and the newest entry of its signed log,
 * which records every change the public sees (publication, correction, withdrawal, results, each
 * offer confirmed, declined, revoked or passed on, settings, erasure, co-signatures). Read from the
 * database on every request, it is the key under which a public answer may be served again as it
 * was prepared, by this process or by any other on the same database.
 */
import type { Office } from '../ports.js';

/**
 * The stamp of one event (`eventId`), or of every event (the list of events). The list also names
 * the city's districts (区县), which it shows even before they have a public event; they are only
 * ever added, and an event's district is fixed when it is created. Without districts the stamp is
 * what it always was.
 */
export async function publicStamp(office: Office, eventId?: string): Promise<string> {
  const rows = await office.store.repos.events.publicStamps(eventId);
  const events = rows.length === 0 ? 'none' : rows.map((r) => `${r.id}:${r.status}:${r.version}:${r.updated_at}:${r.seq ?? 0}`).join('|');
  if (eventId !== undefined) return events;
  const districts = await office.store.repos.districts.list();
  if (districts.length === 0) return events;
  return `${events}|~districts:${districts.map((d) => `${d.id}:${d.code}:${d.name}`).join(',')}`;
}

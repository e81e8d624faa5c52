/**
 * Opens the office for one CLI command (data directory from --data or FAIRDRAW_DATA; database from
 * --database or FAIRDRAW_DATABASE_URL, else SQLite in the data directory) and closes it.
 */
import type { Office } from '../office/ports.js';
import type { Flags } from './args.js';

export const officeFlags = {
  data: { type: 'string' },
  database: { type: 'string' },
  actor: { type: 'string' },
} as const;

export function actorOf(values: Flags): string {
  const a = values.actor;
  if (typeof a === 'string' && a) return a;
  // The audit log is public after results: the command line acts as `cli`, not as a named user.
  return process.env.FAIRDRAW_ACTOR ?? 'cli';
}

export async function withOffice<T>(values: Flags, fn: (office: Office & { dataDir: string }) => Promise<T>): Promise<T> {
  // The store and its libraries are loaded when a command opens the office, not with its flags.
  const { openOffice } = await import('../app.js');
  const office = await openOffice({
    dataDir: typeof values.data === 'string' ? values.data : undefined,
    database: typeof values.database === 'string' ? values.database : undefined,
  });
  try {
    return await fn(office);
  } finally {
    await office.close();
  }
}

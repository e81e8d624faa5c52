/**
 * Personal data's own records: what each event collects and how long it keeps it, the erasure of
 * an applicant's personal data, and the private access log (never part of anything public).
 */
import { sql } from 'kysely';
import type { DB } from '../db.js';
import { isPostgres } from '../dialect.js';

export interface PrivacySettingsRow {
  eventId: string;
  /** Optional personal columns collected: birthDate, guardian, phone, address. */
  columns: string[];
  /** YYYY-MM-DD, or null when not set. */
  retainUntil: string | null;
  updatedAt: string;
}

export interface AccessEntry {
  id: number;
  at: string;
  actor: string;
  eventId: string | null;
  what: string;
  families: number;
  reason: string | null;
  details: Record<string, unknown>;
}

/** What erasure writes in place of a row's personal data. */
export interface ErasedRow {
  regNo: string;
  maskedName: string;
  commitment: string;
}

export class PrivacyRepository {
  constructor(private readonly db: DB) {}

  async settings(eventId: string): Promise<PrivacySettingsRow | undefined> {
    const r = await this.db.selectFrom('privacy_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    return r && { eventId: r.event_id, columns: JSON.parse(r.columns) as string[], retainUntil: r.retain_until, updatedAt: r.updated_at };
  }

  async allSettings(): Promise<PrivacySettingsRow[]> {
    const rows = await this.db.selectFrom('privacy_settings').selectAll().orderBy('event_id').execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      columns: JSON.parse(r.columns) as string[],
      retainUntil: r.retain_until,
      updatedAt: r.updated_at,
    }));
  }

  async putSettings(eventId: string, columns: readonly string[], retainUntil: string | null, at: string): Promise<void> {
    const text = JSON.stringify(columns);
    await this.db
      .insertInto('privacy_settings')
      .values({ event_id: eventId, columns: text, retain_until: retainUntil, updated_at: at })
      .onConflict((oc) => oc.column('event_id').doUpdateSet({ columns: text, retain_until: retainUntil, updated_at: at }))
      .execute();
  }

  /**
   * Erases one applicant's personal data: the name becomes its masked form, the ID-card number a
   * placeholder (the column is unique per event), birth date, guardian, phone and every other
   * column of the file (address …) empty; the salt goes (so the kept commitment cannot be opened
   * by trying ID numbers), the commitment stays.
   */
  async eraseRow(eventId: string, row: ErasedRow, at: string): Promise<void> {
    await this.db
      .updateTable('applicants')
      .set({
        name: row.maskedName,
        id_number: `erased:${row.regNo}`,
        birth_date: '',
        guardian: '',
        phone: '',
        extra: '{}',
        salt: null,
        person_commitment: row.commitment,
        erased_at: at,
      })
      .where('event_id', '=', eventId)
      .where('reg_no', '=', row.regNo)
      .execute();
  }

  /** Deleted and overwritten content is zeroed on disk from now on (this connection). */
  async secureDelete(): Promise<void> {
    // PostgreSQL has no such switch: the erased rows' old versions go at the VACUUM (flushErased).
    if (isPostgres(this.db)) return;
    await sql`PRAGMA secure_delete = ON`.execute(this.db);
  }

  /**
   * After an erasure has committed: the database is rebuilt (VACUUM: no free page keeps an old
   * value) and the write-ahead log is folded in and emptied, so neither file holds the erased data.
   */
  async flushErased(): Promise<void> {
    if (isPostgres(this.db)) {
      // The table is rewritten without the old row versions that held the erased data.
      await sql`VACUUM FULL applicants`.execute(this.db);
      return;
    }
    await sql`VACUUM`.execute(this.db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
  }

  /** How many applicants of the event still hold personal data, and how many are erased. */
  async erasure(eventId: string): Promise<{ held: number; erased: number; erasedAt: string | null }> {
    const rows = await this.db
      .selectFrom('applicants')
      .select((eb) => ['erased_at', eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .groupBy('erased_at')
      .execute();
    let held = 0;
    let erased = 0;
    let erasedAt: string | null = null;
    for (const r of rows) {
      if (r.erased_at) {
        erased += Number(r.n);
        if (!erasedAt || r.erased_at > erasedAt) erasedAt = r.erased_at;
      } else held += Number(r.n);
    }
    return { held, erased, erasedAt };
  }

  async logAccess(e: Omit<AccessEntry, 'id'>): Promise<void> {
    await this.db
      .insertInto('access_log')
      .values({
        at: e.at,
        actor: e.actor,
        event_id: e.eventId,
        what: e.what,
        families: e.families,
        reason: e.reason,
        details: JSON.stringify(e.details),
      })
      .execute();
  }

  /** The newest entries first; of one event, or of all (of one district's events: `district`). */
  async accessLog(options: { eventId?: string; limit: number; before?: number; district?: string }): Promise<AccessEntry[]> {
    let q = this.db.selectFrom('access_log').selectAll();
    if (options.eventId) q = q.where('event_id', '=', options.eventId);
    const district = options.district;
    if (district !== undefined) {
      q = q.where('event_id', 'in', this.db.selectFrom('events').select('events.id').where('events.district_id', '=', district));
    }
    if (options.before !== undefined) q = q.where('id', '<', options.before);
    const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      eventId: r.event_id,
      what: r.what,
      families: r.families,
      reason: r.reason,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }
}

/** Offers of seats after the draw (录取与递补). */
import type { DB } from '../db.js';
import type { OffersTable } from '../schema.js';
import type { Selectable, Insertable } from 'kysely';

export type OfferRow = Selectable<OffersTable>;

export class OffersRepository {
  constructor(private readonly db: DB) {}

  listByEvent(eventId: string): Promise<OfferRow[]> {
    return this.db.selectFrom('offers').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  }

  listByApplicant(eventId: string, regNo: string): Promise<OfferRow[]> {
    return this.db.selectFrom('offers').selectAll().where('event_id', '=', eventId).where('reg_no', '=', regNo).orderBy('id').execute();
  }

  /** Inserts an offer; returns its id. */
  async insert(row: Insertable<OffersTable>): Promise<number> {
    const r = await this.db.insertInto('offers').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async insertMany(rows: readonly Insertable<OffersTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('offers')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  async setStatus(id: number, status: OfferRow['status'], reason: string | null, at: string): Promise<void> {
    await this.db.updateTable('offers').set({ status, reason, updated_at: at }).where('id', '=', id).execute();
  }
}

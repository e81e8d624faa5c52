/** Draw records: at most one official per event (a unique index), any number of rehearsals. */
import type { DB } from '../db.js';
import type { DrawsTable } from '../schema.js';

export type DrawRow = DrawsTable;

export class DrawsRepository {
  constructor(private readonly db: DB) {}

  async insert(row: DrawRow): Promise<void> {
    await this.db.insertInto('draws').values(row).execute();
  }

  official(eventId: string): Promise<DrawRow | undefined> {
    return this.db.selectFrom('draws').selectAll().where('event_id', '=', eventId).where('kind', '=', 'official').executeTakeFirst();
  }

  rehearsals(eventId: string): Promise<DrawRow[]> {
    return this.db
      .selectFrom('draws')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('kind', '=', 'rehearsal')
      .orderBy('created_at')
      .execute();
  }
}

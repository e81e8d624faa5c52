/** Events and their units. */
import type { DB } from '../db.js';
import type { EventsTable, EventStatus, UnitsTable } from '../schema.js';

export type EventRow = EventsTable;
export type UnitRow = UnitsTable;

export class EventsRepository {
  constructor(private readonly db: DB) {}

  getById(id: string): Promise<EventRow | undefined> {
    return this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(): Promise<EventRow[]> {
    return this.db.selectFrom('events').selectAll().orderBy('created_at', 'desc').execute();
  }

  async insert(row: EventRow): Promise<void> {
    await this.db.insertInto('events').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<EventRow, 'id'>>): Promise<void> {
    await this.db.updateTable('events').set(patch).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: EventStatus, at: string, version?: number): Promise<void> {
    await this.db
      .updateTable('events')
      .set({ status, updated_at: at, ...(version !== undefined ? { version } : {}) })
      .where('id', '=', id)
      .execute();
  }

  listUnits(eventId: string): Promise<UnitRow[]> {
    return this.db.selectFrom('units').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  }

  async insertUnit(row: UnitRow): Promise<void> {
    await this.db.insertInto('units').values(row).execute();
  }

  async updateUnit(eventId: string, id: string, patch: Partial<Pick<UnitRow, 'name' | 'seats'>>): Promise<void> {
    await this.db.updateTable('units').set(patch).where('event_id', '=', eventId).where('id', '=', id).execute();
  }
}

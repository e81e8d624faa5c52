/** Events and their units. */
import type { CompiledQuery } from 'kysely';
import type { DB } from '../db.js';
import type { EventsTable, EventStatus, EventWithdrawalsTable, UnitsTable } from '../schema.js';

export type EventRow = EventsTable;
export type UnitRow = UnitsTable;
export type WithdrawalRow = EventWithdrawalsTable;
export type PublicStampRow = { id: string; status: EventStatus; version: number; updated_at: string; seq: number | null };

export class EventsRepository {
  constructor(private readonly db: DB) {}

  getById(id: string): Promise<EventRow | undefined> {
    return this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * What changes whenever anything public of an event changes, read in one statement: its status,
   * version and last change, and the newest entry of its log (every change the public can see is
   * logged). For one event, or for every event. Read on every public request, so the statement is
   * built once.
   */
  async publicStamps(id?: string): Promise<PublicStampRow[]> {
    const q = (this.stampQueries ??= { one: this.stampQuery('?').compile(), all: this.stampQuery().compile() });
    const compiled = id === undefined ? q.all : { ...q.one, parameters: [id] };
    return (await this.db.executeQuery<PublicStampRow>(compiled)).rows;
  }

  private stampQueries?: { one: CompiledQuery<PublicStampRow>; all: CompiledQuery<PublicStampRow> };

  private stampQuery(id?: string) {
    const q = this.db.selectFrom('events').select((eb) => [
      'events.id',
      'events.status',
      'events.version',
      'events.updated_at',
      eb
        .selectFrom('audit_log')
        .select((a) => a.fn.max('audit_log.seq').as('m'))
        .whereRef('audit_log.event_id', '=', 'events.id')
        .as('seq'),
    ]);
    return (id === undefined ? q : q.where('events.id', '=', id)).orderBy('events.id');
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

  async deleteUnit(eventId: string, id: string): Promise<void> {
    await this.db.deleteFrom('units').where('event_id', '=', eventId).where('id', '=', id).execute();
  }

  async setUnitPositions(eventId: string, ids: readonly string[]): Promise<void> {
    for (const [position, id] of ids.entries()) {
      await this.db.updateTable('units').set({ position }).where('event_id', '=', eventId).where('id', '=', id).execute();
    }
  }

  /** Removes a draft event with its units, applicants and document settings (its audit log stays). */
  async deleteDraft(eventId: string): Promise<void> {
    await this.db.deleteFrom('applicants').where('event_id', '=', eventId).execute();
    await this.db.deleteFrom('units').where('event_id', '=', eventId).execute();
    await this.db.deleteFrom('document_settings').where('event_id', '=', eventId).execute();
    await this.db.deleteFrom('privacy_settings').where('event_id', '=', eventId).execute();
    await this.db.deleteFrom('events').where('id', '=', eventId).where('status', '=', 'draft').execute();
  }

  withdrawal(eventId: string): Promise<WithdrawalRow | undefined> {
    return this.db.selectFrom('event_withdrawals').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  }

  async insertWithdrawal(row: WithdrawalRow): Promise<void> {
    await this.db.insertInto('event_withdrawals').values(row).execute();
  }
}

/** The draw ceremony's tables: state, roster, held values, one-time links, representatives' draws, event log. */
import type { DB } from '../db.js';
import type {
  CeremoniesTable,
  CeremonyCommitmentsTable,
  CeremonyLinksTable,
  CeremonyLogTable,
  CeremonyRepsTable,
  CeremonyRosterTable,
  CeremonyValuesTable,
} from '../schema.js';

export type CeremonyRow = CeremoniesTable;
export type RosterRow = CeremonyRosterTable;
export type HeldValueRow = CeremonyValuesTable;
export type LinkRow = CeremonyLinksTable;
export type RepsRow = CeremonyRepsTable;
export type CommitmentRow = CeremonyCommitmentsTable;
export interface LogRow {
  id: number;
  event_id: string;
  at: string;
  type: string;
  payload: string;
}

export class CeremonyRepository {
  constructor(private readonly db: DB) {}

  get(eventId: string): Promise<CeremonyRow | undefined> {
    return this.db.selectFrom('ceremonies').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  }

  async insert(row: CeremonyRow): Promise<void> {
    await this.db.insertInto('ceremonies').values(row).execute();
  }

  async update(eventId: string, patch: Partial<Omit<CeremonyRow, 'event_id'>>): Promise<void> {
    await this.db.updateTable('ceremonies').set(patch).where('event_id', '=', eventId).execute();
  }

  roster(eventId: string): Promise<RosterRow[]> {
    return this.db.selectFrom('ceremony_roster').selectAll().where('event_id', '=', eventId).orderBy('idx').execute();
  }

  async upsertRoster(row: RosterRow): Promise<void> {
    await this.db
      .insertInto('ceremony_roster')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['event_id', 'idx']).doUpdateSet({
          label: row.label,
          witness_name: row.witness_name,
          alternate_name: row.alternate_name,
          substituted: row.substituted,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  values(eventId: string): Promise<HeldValueRow[]> {
    return this.db.selectFrom('ceremony_values').selectAll().where('event_id', '=', eventId).orderBy('idx').execute();
  }

  async insertValue(row: HeldValueRow): Promise<void> {
    await this.db.insertInto('ceremony_values').values(row).execute();
  }

  commitments(eventId: string): Promise<CommitmentRow[]> {
    return this.db.selectFrom('ceremony_commitments').selectAll().where('event_id', '=', eventId).orderBy('idx').execute();
  }

  async insertCommitment(row: CommitmentRow): Promise<void> {
    await this.db.insertInto('ceremony_commitments').values(row).execute();
  }

  link(tokenHash: string): Promise<LinkRow | undefined> {
    return this.db.selectFrom('ceremony_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  links(eventId: string): Promise<LinkRow[]> {
    return this.db.selectFrom('ceremony_links').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute();
  }

  async insertLink(row: LinkRow): Promise<void> {
    await this.db.insertInto('ceremony_links').values(row).execute();
  }

  /** Marks a link used; false when it was already used or revoked (single use, even under a race). */
  async useLink(tokenHash: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('ceremony_links')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Revokes the unused links of one slot (a new link, or a substitution, replaces them). */
  async revokeLinks(eventId: string, idx: number, at: string): Promise<void> {
    await this.db
      .updateTable('ceremony_links')
      .set({ revoked_at: at })
      .where('event_id', '=', eventId)
      .where('idx', '=', idx)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  reps(eventId: string): Promise<RepsRow[]> {
    return this.db.selectFrom('ceremony_reps').selectAll().where('event_id', '=', eventId).orderBy('prepared_at').execute();
  }

  repsOf(eventId: string, unitId: string): Promise<RepsRow | undefined> {
    return this.db.selectFrom('ceremony_reps').selectAll().where('event_id', '=', eventId).where('unit_id', '=', unitId).executeTakeFirst();
  }

  /** Stores a prepared (not yet drawn) representatives' draw, replacing an earlier preparation. */
  async saveRepsPrepared(row: RepsRow): Promise<void> {
    await this.db.deleteFrom('ceremony_reps').where('event_id', '=', row.event_id).where('unit_id', '=', row.unit_id).execute();
    await this.db.insertInto('ceremony_reps').values(row).execute();
  }

  async setRepsDrawn(
    eventId: string,
    unitId: string,
    drawn: Pick<RepsRow, 'sources_text' | 'record_text' | 'record_sha256' | 'seed' | 'drawn_at'>,
  ): Promise<void> {
    await this.db.updateTable('ceremony_reps').set(drawn).where('event_id', '=', eventId).where('unit_id', '=', unitId).execute();
  }

  /** Appends one step to the ceremony's public log; returns its id. */
  async appendLog(row: Omit<CeremonyLogTable, 'id'>): Promise<number> {
    const r = await this.db.insertInto('ceremony_log').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** The event's log after `afterId`, in id order. */
  log(eventId: string, afterId = 0): Promise<LogRow[]> {
    return this.db
      .selectFrom('ceremony_log')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '>', afterId)
      .orderBy('id')
      .execute() as Promise<LogRow[]>;
  }

  async hasLog(eventId: string, type: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('ceremony_log')
      .select('id')
      .where('event_id', '=', eventId)
      .where('type', '=', type)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }
}

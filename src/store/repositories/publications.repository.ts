/** Published versions (公示): rules and list texts with their digests. Old versions stay. */
import type { DB } from '../db.js';
import type { PublicationsTable } from '../schema.js';

export type PublicationRow = PublicationsTable;

export class PublicationsRepository {
  constructor(private readonly db: DB) {}

  async insert(row: PublicationRow): Promise<void> {
    await this.db.insertInto('publications').values(row).execute();
  }

  latest(eventId: string): Promise<PublicationRow | undefined> {
    return this.db
      .selectFrom('publications')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  listVersions(eventId: string): Promise<Omit<PublicationRow, 'rules_text' | 'list_text'>[]> {
    return this.db
      .selectFrom('publications')
      .select(['event_id', 'version', 'params_sha256', 'list_root', 'list_size', 'unit_counts', 'created_at'])
      .where('event_id', '=', eventId)
      .orderBy('version')
      .execute();
  }
}

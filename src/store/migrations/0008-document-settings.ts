/**
 * What the printed documents need beyond the rules (issuing body, 文号, 公示 period, notary, 报到
 * arrangements…): one JSON object per event, entered once in the console or the CLI.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_settings')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

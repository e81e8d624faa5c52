/**
 * 区县: a city runs FairDraw for its districts. A district has an identifier (used in the API and
 * on the command line), its administrative division code (行政区划代码) and its Chinese name.
 * A staff account belongs to one district, or to the city (`accounts.district_id` null); an event
 * belongs to one district, or to no district (`events.district_id` null: a single-district install,
 * or an event the city runs itself). A district's staff see and change only their district's
 * events; the city's staff see all. Districts are added, never renamed or removed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('districts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('district_id', 'text', (c) => c.references('districts.id'))
    .execute();
  await db.schema
    .alterTable('events')
    .addColumn('district_id', 'text', (c) => c.references('districts.id'))
    .execute();
  await db.schema.createIndex('events_by_district').on('events').columns(['district_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

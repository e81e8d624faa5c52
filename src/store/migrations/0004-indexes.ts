/** Indexes for the console's applicant table (paging in file order) and for offers by unit. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('applicants_by_row').on('applicants').columns(['event_id', 'source_row', 'reg_no']).execute();
  await db.schema.createIndex('offers_by_unit').on('offers').columns(['event_id', 'unit_id', 'status']).execute();
  await db.schema.createIndex('offers_by_applicant').on('offers').columns(['event_id', 'reg_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

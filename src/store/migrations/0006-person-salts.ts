/**
 * A random salt per applicant (64 hex): the log commits to the person behind each registration
 * number as a salted hash, whose opening the family gets on its receipt. Rows of older databases
 * get theirs at the next publication or freeze (see src/office/person-commitments.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applicants').addColumn('salt', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

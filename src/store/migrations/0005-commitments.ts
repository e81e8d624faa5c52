/**
 * Sealed values (commit, then reveal): each witness's commitment, fixed before any witness value is
 * revealed. A commitment is final, like a value: it can be neither changed nor removed. The value and
 * salt that open it go into `ceremony_values` and the audit log when the witness reveals them.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ceremony_commitments')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull().check(sql`length(commitment) = 64`))
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('phone','hall')`))
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_commitments_pk', ['event_id', 'idx'])
    .execute();
  if (isPostgres(db))
    await pgFinal(
      db,
      'ceremony_commitments',
      ['ceremony_commitments_final_u', 'ceremony_commitments_final_d'],
      'ceremony: a commitment is final',
    );
  else {
    await sql`CREATE TRIGGER ceremony_commitments_final_u BEFORE UPDATE ON ceremony_commitments
    BEGIN SELECT RAISE(ABORT, 'ceremony: a commitment is final'); END`.execute(db);
    await sql`CREATE TRIGGER ceremony_commitments_final_d BEFORE DELETE ON ceremony_commitments
    BEGIN SELECT RAISE(ABORT, 'ceremony: a commitment is final'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

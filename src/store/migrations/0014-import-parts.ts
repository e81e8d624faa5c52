/**
 * An import stored in parts: a large applicant list is written by the import's helper thread in
 * short transactions, so that no other writer waits long for the database. Its rows carry the
 * import's id (`applicants.import_id`) and stay out of every read while the import has a row in
 * `imports`; the last, small transaction deletes that row together with the import's audit entry,
 * and the list appears whole. An import cut short (a crash, a failure) leaves rows that nobody
 * reads and that the next import of the event, or the next start, deletes. While an import of an
 * event is being stored, the event is not frozen (its list must not change after that).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgGuard } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    // The process storing it, and when it last committed a part: how an abandoned import is told.
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('applicants').addColumn('import_id', 'text').execute();
  if (isPostgres(db)) {
    await pgGuard(db, {
      name: 'imports_hold_list',
      on: 'BEFORE UPDATE OF status',
      table: 'events',
      when: `NEW.status NOT IN ('draft','published') AND EXISTS (SELECT 1 FROM imports WHERE event_id = NEW.id)`,
      message: 'import: the applicant list is being imported',
    });
    return;
  }
  await sql`CREATE TRIGGER imports_hold_list BEFORE UPDATE OF status ON events
    WHEN NEW.status NOT IN ('draft','published') AND EXISTS (SELECT 1 FROM imports WHERE event_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'import: the applicant list is being imported'); END`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

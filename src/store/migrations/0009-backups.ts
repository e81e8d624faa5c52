/** The backup log: every backup taken of this data directory, by whom, why, and the digests of what it holds. */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('backups')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // 'manual', or the milestone after which `serve` took it (event.publish, draw.official, …)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('db_sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
  if (pg) {
    await pgFinal(db, 'backups', ['backups_append_only_u', 'backups_append_only_d'], 'the backup log is append-only');
    return;
  }
  await sql`CREATE TRIGGER backups_append_only_u BEFORE UPDATE ON backups BEGIN SELECT RAISE(ABORT, 'the backup log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER backups_append_only_d BEFORE DELETE ON backups BEGIN SELECT RAISE(ABORT, 'the backup log is append-only'); END`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

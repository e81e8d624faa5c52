/** The backup log: every backup taken of this data directory, by whom, why, and the digests of what it holds. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // 'manual', or the milestone after which `serve` took it (event.publish, draw.official, …)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('db_sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
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

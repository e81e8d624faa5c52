/**
 * Account security: a forced password change after a one-time password (the printed first admin
 * password, an admin's reset), the time of the last change, and a public tag per account, so the
 * public audit log and live feed name staff by role and tag, never by username.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('accounts').addColumn('password_changed_at', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('tag', 'text').execute();
  // Existing accounts get a random tag too (8 hex digits from SQLite's own generator).
  if (isPostgres(db)) await sql`update accounts set tag = substr(md5(random()::text || username), 1, 8) where tag is null`.execute(db);
  else await sql`update accounts set tag = lower(hex(randomblob(4))) where tag is null`.execute(db);
  await db.schema.createIndex('accounts_by_tag').unique().on('accounts').column('tag').execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

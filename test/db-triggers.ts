/**
 * Dropping guard triggers, as an operator who holds the database can (SQLite file or PostgreSQL
 * account): the tests that check what `audit verify` still catches without them run on both.
 */
import { sql } from 'kysely';
import { isPostgres, type DB } from '../src/store/index.js';

/** Drops the guard trigger `name` (on PostgreSQL, with its function). */
export async function dropTrigger(db: DB, name: string): Promise<void> {
  if (isPostgres(db)) await sql.raw(`DROP FUNCTION IF EXISTS ${name}() CASCADE`).execute(db);
  else await sql.raw(`DROP TRIGGER IF EXISTS "${name}"`).execute(db);
}

/** Drops every trigger of the database. */
export async function dropAllTriggers(db: DB): Promise<void> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`SELECT DISTINCT tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`.execute(db)
    : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(db);
  for (const r of rows.rows) await dropTrigger(db, r.name);
}

/** A unique constraint's refusal, in either database's words. */
export const UNIQUE_REFUSED = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

/**
 * The two stores FairDraw runs on: SQLite (embedded, the default) and PostgreSQL (a shared
 * database, FAIRDRAW_DATABASE_URL=postgres://…). The migrations are the same for both; where a
 * statement differs (an auto-numbered key, a guard trigger), a migration asks which one it runs on.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** Which database a Kysely handle (or a transaction of one) talks to. */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return dialectOf(db) === 'postgres';
}

/** True for a database address that names a PostgreSQL server. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * A lifecycle guard on PostgreSQL, the counterpart of an SQLite `BEFORE … WHEN … RAISE(ABORT)`
 * trigger: `when` is the same condition over NEW and OLD (in PL/pgSQL, so it may hold subqueries,
 * which a PostgreSQL trigger's own WHEN may not), and the refusal carries the same message. The
 * function is named after the trigger; creating a guard again replaces it.
 */
export async function pgGuard(
  db: Kysely<unknown>,
  guard: { name: string; on: string; table: string; when: string; message: string },
): Promise<void> {
  const ret = /^\s*BEFORE\s+DELETE/i.test(guard.on) ? 'OLD' : 'NEW';
  const message = guard.message.replace(/'/g, "''");
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${guard.name}() RETURNS trigger LANGUAGE plpgsql AS $guard$
       BEGIN
         IF ${guard.when} THEN RAISE EXCEPTION '${message}' USING ERRCODE = 'P0001'; END IF;
         RETURN ${ret};
       END $guard$`,
    )
    .execute(db);
  await sql.raw(`DROP TRIGGER IF EXISTS ${guard.name} ON ${guard.table}`).execute(db);
  await sql.raw(`CREATE TRIGGER ${guard.name} ${guard.on} ON ${guard.table} FOR EACH ROW EXECUTE FUNCTION ${guard.name}()`).execute(db);
}

/** Two guards that refuse every update and every delete of `table` (`names`: the update's, the delete's). */
export async function pgFinal(db: Kysely<unknown>, table: string, names: readonly [string, string], message: string): Promise<void> {
  await pgGuard(db, { name: names[0], on: 'BEFORE UPDATE', table, when: 'true', message });
  await pgGuard(db, { name: names[1], on: 'BEFORE DELETE', table, when: 'true', message });
}

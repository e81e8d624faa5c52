/**
 * The tests' PostgreSQL: scripts/test.sh starts a throw-away cluster on a local socket and exports
 * its address as FAIRDRAW_TEST_POSTGRES (postgres://user@%2Fsocket%2Fdir/postgres). Each test file
 * gets a fresh database of its own (collation C, as FairDraw requires), and each store opened in
 * it a fresh schema, so that every office a test opens starts empty, as a new SQLite file does.
 *
 * FAIRDRAW_TEST_STORE=postgres runs the office, server and CLI suites on PostgreSQL instead of
 * SQLite (scripts/test.sh does both). Without FAIRDRAW_TEST_POSTGRES, the PostgreSQL-only tests
 * (*.pg.test.ts) are not collected at all (vitest.config.ts), so nothing passes without running.
 */
import { randomBytes } from 'node:crypto';

/** The cluster's address, when scripts/test.sh provides one. */
export const testPostgres: string | undefined = process.env.FAIRDRAW_TEST_POSTGRES || undefined;

/** True when the suites are to run on PostgreSQL (scripts/test.sh's second run). */
export const onPostgres: boolean = process.env.FAIRDRAW_TEST_STORE === 'postgres';

if (onPostgres && !testPostgres) throw new Error('FAIRDRAW_TEST_STORE=postgres needs FAIRDRAW_TEST_POSTGRES (see scripts/test.sh)');

/** Runs one statement on the cluster's database `db`, on a connection of its own. */
export async function adminQuery(db: string, text: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: urlOf(db) });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function urlOf(db: string, schema?: string): string {
  if (!testPostgres) throw new Error('no test PostgreSQL cluster (FAIRDRAW_TEST_POSTGRES)');
  const u = new URL(testPostgres);
  u.pathname = `/${db}`;
  if (schema) u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

let fileDatabase: Promise<string> | undefined;

/** This test file's database (made on first use). */
function databaseOfThisFile(): Promise<string> {
  fileDatabase ??= (async () => {
    const name = `fd_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery('postgres', `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
    return name;
  })();
  return fileDatabase;
}

/** The address of a fresh, empty schema in this test file's database: a store of its own. */
export async function freshPostgresUrl(): Promise<string> {
  const db = await databaseOfThisFile();
  const schema = `s_${randomBytes(6).toString('hex')}`;
  await adminQuery(db, `CREATE SCHEMA ${schema}`);
  return urlOf(db, schema);
}

/** The database for a new office: a fresh PostgreSQL schema on the PostgreSQL run, else undefined (SQLite in the data directory). */
export async function testDatabase(): Promise<string | undefined> {
  return onPostgres ? freshPostgresUrl() : undefined;
}

/** The environment that points a `fairdraw` process at a fresh store (empty on the SQLite run). */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
  const url = await testDatabase();
  return url ? { FAIRDRAW_DATABASE_URL: url } : {};
}

/**
 * The tests' PostgreSQL: scripts/test.sh starts a throw-away cluster on a local socket and exports
 * its address as FAIRDRAW_TEST_POSTGRES (postgres://user@%2Fsocket%2Fdir/postgres). Each test file
 * gets a fresh database of its own (collation C, as FairDraw requires), and each data directory a
 * test makes a fresh schema in it: the data directory holds the keys, the schema the store, and
 * every office or `fairdraw` process a test opens on that directory finds the same store.
 *
 * FAIRDRAW_TEST_STORE=postgres runs the office, server and CLI suites on PostgreSQL instead of
 * SQLite (scripts/test.sh does both). Without FAIRDRAW_TEST_POSTGRES, the PostgreSQL-only tests
 * (*.pg.test.ts) are not collected at all (vitest.config.ts), so nothing passes without running.
 */
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The cluster's address, when scripts/test.sh provides one. */
export const testPostgres: string | undefined = process.env.FAIRDRAW_TEST_POSTGRES || undefined;

/** True when the suites are to run on PostgreSQL (scripts/test.sh's second run). */
export const onPostgres: boolean = process.env.FAIRDRAW_TEST_STORE === 'postgres';

if (onPostgres && !testPostgres) throw new Error('FAIRDRAW_TEST_STORE=postgres needs FAIRDRAW_TEST_POSTGRES (see scripts/test.sh)');

function urlOf(db: string, schema?: string): string {
  if (!testPostgres) throw new Error('no test PostgreSQL cluster (FAIRDRAW_TEST_POSTGRES)');
  const u = new URL(testPostgres);
  u.pathname = `/${db}`;
  if (schema) u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Runs one statement on the cluster's database `db` (psql, so that it can be done synchronously). */
function adminQuery(db: string, statement: string): void {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', urlOf(db), '-c', statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${statement}: ${r.stderr || r.error?.message}`);
}

let fileDatabase: string | undefined;

/** This test file's database (made on first use). */
function databaseOfThisFile(): string {
  if (!fileDatabase) {
    const name = `fd_${process.pid}_${randomBytes(4).toString('hex')}`;
    adminQuery('postgres', `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
    fileDatabase = name;
  }
  return fileDatabase;
}

const schemas = new Map<string, string>();

/** The store of the data directory `dataDir` on the test cluster: a schema of its own, made on first use. */
export function postgresUrlFor(dataDir: string): string {
  const key = resolve(dataDir);
  let url = schemas.get(key);
  if (!url) {
    const db = databaseOfThisFile();
    const schema = `s_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
    adminQuery(db, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
    url = urlOf(db, schema);
    schemas.set(key, url);
  }
  return url;
}

/** A fresh, empty store on the test cluster (with a new data directory of its own for the keys). */
export function freshPostgres(): { url: string; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-pg-'));
  return { url: postgresUrlFor(dataDir), dataDir };
}

/** The database of a data directory: its PostgreSQL schema on the PostgreSQL run, else undefined (SQLite in the directory). */
export function databaseFor(dataDir: string): string | undefined {
  return onPostgres ? postgresUrlFor(dataDir) : undefined;
}

/** The environment that points a `fairdraw` process on `dataDir` at the data directory's store. */
export function storeEnv(dataDir: string): Record<string, string> {
  const url = databaseFor(dataDir);
  return url ? { FAIRDRAW_DATABASE_URL: url } : {};
}

/**
 * `it`, for a test of what only the embedded SQLite store has (its backup file, the import's parts
 * on a connection of their own): registered on the SQLite run only, so the PostgreSQL run neither
 * runs nor counts it.
 */
export const itOnSqlite: typeof it = onPostgres ? (Object.assign(() => undefined, it) as typeof it) : it;

/**
 * Opens the embedded SQLite database (better-sqlite3) under the data directory and migrates it —
 * but never silently replaces one: the database and the organiser's keys are made together, and
 * when one is there without the other, or the file is damaged, nothing is opened and the message
 * says which files and what to do. The folder is 0700, the database and its WAL/SHM 0600.
 */
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { FairDrawError, type ErrorCode } from '../core/errors.js';
import { migrations } from './migrations/index.js';
import { busyTimeoutMs, corruptError, storeError } from './errors.js';
import { createKeys, keyPaths, makeDataDir, tighten } from './keys.js';
import type { Database } from './schema.js';

export type DB = Kysely<Database>;

export const DB_FILE = 'fairdraw.sqlite';

/** `--data DIR`, else FAIRDRAW_DATA, else ./data. */
export function dataDirFrom(flag?: string): string {
  return flag ?? process.env.FAIRDRAW_DATA ?? join(process.cwd(), 'data');
}

/**
 * The database: `--database URL`, else FAIRDRAW_DATABASE_URL; a postgres:// address switches the
 * store to PostgreSQL (src/store/postgres.ts). Without one, the embedded SQLite file in the data
 * directory, as always.
 */
export function databaseUrlFrom(flag?: string): string | undefined {
  const url = flag ?? process.env.FAIRDRAW_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** The files of a data directory. */
export function dataPaths(dataDir: string): { dir: string; db: string; keys: string; privateKey: string; publicKey: string } {
  const k = keyPaths(join(dataDir, 'keys'));
  return { dir: dataDir, db: join(dataDir, DB_FILE), keys: k.dir, privateKey: k.privateKey, publicKey: k.publicKey };
}

const handles = new WeakMap<DB, SQLite.Database>();

/** The better-sqlite3 handle under a Kysely handle from openDatabase (for online backups). */
export function sqliteOf(db: DB): SQLite.Database {
  const h = handles.get(db);
  if (!h) throw new Error('not a database opened by openDatabase');
  return h;
}

/** The better-sqlite3 handle under `db`, or undefined when the store is PostgreSQL. */
export function sqliteHandleOf(db: DB): SQLite.Database | undefined {
  return handles.get(db);
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * Checks the file's header without SQLite: the magic string, and that the file is as long as the
 * header says (a truncated copy is caught here, before any query meets a missing page).
 */
function checkHeader(path: string, size: number): void {
  if (size < 100) throw corruptError(path, `only ${size} bytes`);
  const h = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, h, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (h.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw corruptError(path, 'not an SQLite database');
  const raw = h.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = h.readUInt32BE(28);
  // The page count in the header is valid when its version stamp matches the change counter.
  if (pages > 0 && h.readUInt32BE(92) === h.readUInt32BE(24) && size < pages * pageSize) {
    throw corruptError(path, `truncated: ${size} of ${pages * pageSize} bytes`);
  }
}

/** Every statement through one door: busy and damaged-file errors become FairDrawErrors, and write transactions take the lock up front. */
function guarded(sqlite: SQLite.Database, file: string): SqliteDatabase {
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw storeError(e, file);
    }
  };
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      // BEGIN IMMEDIATE: a writer waits (busy timeout) for the write lock at the start, instead of
      // failing half-way when another process committed after it had read.
      const stmt = wrap(() => sqlite.prepare(sql === 'begin' ? 'begin immediate' : sql));
      return {
        reader: stmt.reader,
        all: (p) => wrap(() => stmt.all(p as unknown[])),
        run: (p) => wrap(() => stmt.run(p as unknown[])),
        iterate: (p) => {
          const it = wrap(() => stmt.iterate(p as unknown[]));
          const next = (): IteratorResult<unknown> => wrap(() => it.next());
          const self: IterableIterator<unknown> = { next, [Symbol.iterator]: () => self, return: (v) => wrap(() => it.return!(v)) };
          return self;
        },
      };
    },
  };
}

async function pendingMigrations(sqlite: SQLite.Database): Promise<boolean> {
  const known = Object.keys(await migrations.getMigrations());
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
  if (!table) return true;
  const done = new Set((sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name));
  return known.some((k) => !done.has(k));
}

function refuse(code: ErrorCode, zh: string, en: string, paths: ReturnType<typeof dataPaths>): never {
  throw new FairDrawError(
    code,
    `${zh}（数据库：${paths.db}；组织方私钥：${paths.privateKey}）。为防止覆盖或另起一套数据，本程序不会新建任何文件。请找回缺失的文件，或用 fairdraw restore --from 备份文件 --data 新目录 从备份恢复`,
    `${en} (database: ${paths.db}; organiser key: ${paths.privateKey}). So that nothing is replaced or started afresh, nothing was created. Put the missing file back, or restore a backup with fairdraw restore --from BACKUP --data NEWDIR`,
    { file: paths.dir },
  );
}

/**
 * A second, read-only connection to a database that openDatabase has opened (and migrated). In WAL
 * mode it reads the last committed state while the other connection writes: the public pages, the
 * live feed and the witnesses' phones answer from it while an import holds the write transaction.
 */
export function openReader(dataDir: string): DB {
  const paths = dataPaths(dataDir);
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(paths.db, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: guarded(sqlite, paths.db) }) });
    handles.set(db, sqlite);
    return db;
  } catch (e) {
    sqlite?.close();
    throw storeError(e, paths.db);
  }
}

export async function openDatabase(dataDir: string): Promise<DB> {
  const paths = dataPaths(dataDir);
  makeDataDir(dataDir);
  const size = sizeOf(paths.db);
  const hasKeys = existsSync(paths.privateKey);
  const hasDb = size !== undefined && size > 0;
  if (hasKeys && !hasDb) {
    refuse(
      'store.db-missing',
      size === undefined ? '组织方密钥在，但数据库文件不见了' : '组织方密钥在，但数据库文件是空的',
      size === undefined
        ? "the organiser's key is there but the database file is missing"
        : "the organiser's key is there but the database file is empty",
      paths,
    );
  }
  if (!hasDb && (existsSync(`${paths.db}-wal`) || existsSync(`${paths.db}-journal`))) {
    refuse(
      'store.db-missing',
      '数据库文件不见了或是空的，但它的日志文件还在',
      'the database file is missing or empty but its journal is still there',
      paths,
    );
  }
  if (hasDb) checkHeader(paths.db, size);
  // A new database file is made owner-only before SQLite opens it; its WAL and SHM inherit the mode.
  if (!hasDb) writeFileSync(paths.db, '', { mode: 0o600 });
  for (const f of [paths.db, `${paths.db}-wal`, `${paths.db}-shm`]) tighten(f, 0o600);

  let sqlite: SQLite.Database | undefined;
  let db: DB | undefined;
  try {
    sqlite = new SQLite(paths.db);
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    // WAL + full sync: a crash (even SIGKILL) leaves the last committed transaction intact.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const dialectDb = guarded(sqlite, paths.db);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: dialectDb }) });
    // Only a database that lacks a migration runs the migrator (which takes the write lock), so
    // opening never waits for another writer.
    if (await pendingMigrations(sqlite)) {
      const { error } = await new Migrator({ db, provider: migrations }).migrateToLatest();
      if (error) throw error;
    }
    for (const f of [`${paths.db}-wal`, `${paths.db}-shm`]) tighten(f, 0o600);
    if (!hasKeys) {
      // A database that already holds events was signed with a key that is gone: never make another.
      const used = sqlite.prepare('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number };
      if (used.n > 0)
        refuse(
          'store.keys-missing',
          '数据库在，但组织方私钥文件不见了',
          "the database is there but the organiser's key file is missing",
          paths,
        );
      createKeys(paths.keys);
    }
  } catch (e) {
    if (db) await db.destroy().catch(() => undefined);
    else sqlite?.close();
    throw storeError(e, paths.db);
  }
  handles.set(db, sqlite);
  return db;
}

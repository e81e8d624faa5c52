/**
 * The store on PostgreSQL (FAIRDRAW_DATABASE_URL=postgres://… or --database): the same migrations
 * and guard triggers as the embedded SQLite database, through Kysely's Postgres dialect and `pg`.
 * `pg` is loaded only here, so a bureau on SQLite never loads it.
 *
 * The organiser's keys stay in the data directory. As with SQLite, the database and the keys are
 * made together: keys without a migrated database, or a database holding events without the keys,
 * open nothing. The database must sort text by code point (collation C), as SQLite does: the
 * published lists and the public pages are ordered by the database.
 */
import { existsSync } from 'node:fs';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type PostgresPool } from 'kysely';
import { FairDrawError } from '../core/errors.js';
import { migrations } from './migrations/index.js';
import { busyError, busyTimeoutMs, importInProgress } from './errors.js';
import { createKeys, keyPaths, makeDataDir } from './keys.js';
import type { Database } from './schema.js';
import { join } from 'node:path';

/** The address with its password left out, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** PostgreSQL's failures as a person meets them; trigger refusals and constraint errors pass through unchanged. */
export function pgStoreError(e: unknown, where: string): unknown {
  if (e instanceof FairDrawError) return e;
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : '';
  // lock_not_available (lock_timeout), serialization_failure, deadlock_detected
  if (code === '55P03' || code === '40001' || code === '40P01') return busyError(where);
  if (code === 'P0001' && message.startsWith('import:')) return importInProgress();
  if (code === '53100')
    return new FairDrawError(
      'store.full',
      '数据库服务器的磁盘已满，无法写入。没有做任何更改；请腾出空间后重试',
      "the database server's disk is full. Nothing was changed; free some space and try again",
      { file: where },
    );
  // connection refused or lost, the server shutting down, a failed login, a missing database
  if (/^(ECONNREFUSED|ECONNRESET|ENOENT|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/.test(code) || /^(08|57P|28|3D)/.test(code))
    return new FairDrawError(
      'store.io',
      `无法连接或使用 PostgreSQL 数据库（${code}：${message}）。请检查数据库地址、服务器是否运行以及账户权限`,
      `cannot reach or use the PostgreSQL database (${code}: ${message}). Check the database address, that the server is running, and the account's rights`,
      { file: where },
    );
  return e;
}

/** Every statement through one door: its failures become FairDrawErrors where they are about the database itself. */
function guardedPool(pool: Pool, where: string): PostgresPool {
  const wrap = (client: PoolClient) => ({
    query: (...args: unknown[]) =>
      (client.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) => {
        throw pgStoreError(e, where);
      }),
    release: (err?: Error | boolean) => client.release(err),
  });
  return {
    async connect() {
      try {
        return wrap(await pool.connect()) as unknown as PoolClient;
      } catch (e) {
        throw pgStoreError(e, where);
      }
    },
    end: () => pool.end(),
  };
}

/** Counts (bigint) and sums (numeric) come back as numbers, as they do from SQLite. */
const INT8 = 20;
const NUMERIC = 1700;

async function newPool(url: string): Promise<Pool> {
  const pg = (await import('pg')).default;
  const config: PoolConfig = {
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as never,
    },
  };
  const pool = new pg.Pool(config);
  // A writer waits this long for another one, as with SQLite's busy timeout; then store.busy.
  pool.on('connect', (client) => {
    client.query(`SET lock_timeout = ${busyTimeoutMs()}`).catch(() => undefined);
  });
  // An idle connection that the server closed is dropped from the pool, not thrown at the process.
  pool.on('error', () => undefined);
  return pool;
}

function refuse(zh: string, en: string, where: string, privateKey: string, code: 'store.db-missing' | 'store.keys-missing'): never {
  throw new FairDrawError(
    code,
    `${zh}（数据库：${where}；组织方私钥：${privateKey}）。为防止覆盖或另起一套数据，本程序不会新建任何内容。请找回缺失的部分，或换用与这些密钥一起建立的数据库`,
    `${en} (database: ${where}; organiser key: ${privateKey}). So that nothing is replaced or started afresh, nothing was created. Put the missing part back, or use the database that was made with these keys`,
    { file: where },
  );
}

const addresses = new WeakMap<Kysely<Database>, string>();

/**
 * Calls `fn` with the payload of every notification on `channel` (PostgreSQL's LISTEN), on a
 * connection of its own that is opened again after it is lost. Returns a function that stops it.
 */
export function pgListen(db: Kysely<Database>, channel: string, fn: (payload: string) => void): () => Promise<void> {
  const url = addresses.get(db);
  if (!url) throw new Error('not a database opened by openPostgres');
  let stopped = false;
  let client: import('pg').Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const again = (): void => {
    if (!stopped) retry = setTimeout(() => void connect().catch(again), 1000);
  };
  const connect = async (): Promise<void> => {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) fn(m.payload ?? '');
    });
    c.on('error', () => {
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      again();
    });
    await c.connect();
    if (stopped) {
      await c.end();
      return;
    }
    client = c;
    await c.query(`LISTEN ${channel}`);
  };
  const started = connect().catch(again);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await started;
    await client?.end().catch(() => undefined);
  };
}

/** Opens (and migrates) the PostgreSQL database at `url`, with the organiser's keys in `dataDir`. */
export async function openPostgres(url: string, dataDir: string): Promise<Kysely<Database>> {
  const where = redactUrl(url);
  makeDataDir(dataDir);
  const keys = keyPaths(join(dataDir, 'keys'));
  const hasKeys = existsSync(keys.privateKey);
  const pool = await newPool(url);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(pool, where) }) });
  try {
    // The locale provider (PostgreSQL 15 and later): an ICU collation is never code-point order.
    const collation = await sql<{ c: string | null; p: string | null; l: string | null }>`SELECT to_jsonb(d) ->> 'datcollate' AS c,
        to_jsonb(d) ->> 'datlocprovider' AS p, coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') AS l FROM pg_database d WHERE datname = current_database()`.execute(
      db,
    );
    const { p, l } = collation.rows[0] ?? { p: null, l: null };
    const c = p === 'b' ? (l ?? '') : p === 'i' ? `ICU ${l ?? collation.rows[0]?.c ?? ''}` : (collation.rows[0]?.c ?? '');
    if (!/^(C|POSIX|C\.UTF-?8)$/i.test(c))
      throw new FairDrawError(
        'store.collation',
        `PostgreSQL 数据库的排序规则是 ${c}，FairDraw 需要按字符编码排序（C）：公示名单与公开页面的顺序必须与任何电脑上一致。请用 CREATE DATABASE 名称 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' 新建数据库`,
        `the PostgreSQL database sorts text by ${c}; FairDraw needs code-point order (C), so that published lists and public pages are ordered the same everywhere. Create the database with CREATE DATABASE name TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`,
        { file: where },
      );
    const migrated = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db);
    if (hasKeys && !migrated.rows[0]?.t)
      refuse(
        '组织方密钥在，但这个数据库是空的',
        "the organiser's key is there but this database is empty",
        where,
        keys.privateKey,
        'store.db-missing',
      );
    // The migration log lives in the schema the store uses (the first of the address's search_path).
    const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s ?? 'public';
    const { error } = await new Migrator({ db, provider: migrations, migrationTableSchema: schema }).migrateToLatest();
    if (error) throw pgStoreError(error, where);
    if (!hasKeys) {
      const used = await sql<{ n: number }>`SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM audit_log) AS n`.execute(db);
      if (Number(used.rows[0]?.n) > 0)
        refuse(
          '数据库在，但组织方私钥文件不见了',
          "the database is there but the organiser's key file is missing",
          where,
          keys.privateKey,
          'store.keys-missing',
        );
      createKeys(keys.dir);
    }
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw pgStoreError(e, where);
  }
  addresses.set(db, url);
  return db;
}

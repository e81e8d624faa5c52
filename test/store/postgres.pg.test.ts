/**
 * Opening a PostgreSQL store refuses what would make it differ from SQLite or start afresh: a
 * database that does not sort by code point, keys without a migrated database, a database that
 * holds events without the keys. Collected only when scripts/test.sh provides a cluster.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FairDrawError } from '../../src/core/errors.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createStore } from '../../src/store/index.js';
import { freshPostgres, testPostgres } from '../pg-cluster.js';
import { spawnSync } from 'node:child_process';

async function refusedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FairDrawError) return e.code;
    throw e;
  }
  throw new Error('was accepted');
}

describe('opening a PostgreSQL store', () => {
  it('refuses a database that sorts text by another collation than C, and creates nothing in it', async () => {
    const name = `fd_icu_${randomBytes(4).toString('hex')}`;
    const u = new URL(testPostgres!);
    const r = spawnSync(
      'psql',
      ['-X', '-q', '-d', u.toString(), '-c', `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C'`],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    u.pathname = `/${name}`;
    const { dataDir } = freshPostgres();
    const e = openPostgres(u.toString(), dataDir);
    expect(await refusedCode(e)).toBe('store.collation');
    const check = spawnSync('psql', ['-X', '-Atq', '-d', u.toString(), '-c', `SELECT to_regclass('events') IS NULL`], { encoding: 'utf8' });
    expect(check.stdout.trim()).toBe('t');
  });

  it('makes the keys with the database, and opens neither without the other', async () => {
    const { url, dataDir } = freshPostgres();
    const db = await openPostgres(url, dataDir);
    const store = createStore(db);
    expect(store.dialect).toBe('postgres');
    await sql`INSERT INTO events (id, title, mechanism, tie_break, group_fit, declared_sources, status, version, created_at, updated_at)
      VALUES ('e1', 't', 'deferred-acceptance', 'single', 'strict', '[]', 'draft', 0, 'now', 'now')`.execute(db);
    await store.close();
    // The database holds an event but the keys are gone: nothing opens, no new key is made.
    rmSync(join(dataDir, 'keys'), { recursive: true });
    expect(await refusedCode(openPostgres(url, dataDir))).toBe('store.keys-missing');
    // Keys, but an empty database.
    const other = freshPostgres();
    await (await openPostgres(other.url, other.dataDir)).destroy();
    const empty = freshPostgres();
    expect(await refusedCode(openPostgres(empty.url, other.dataDir))).toBe('store.db-missing');
  });
});

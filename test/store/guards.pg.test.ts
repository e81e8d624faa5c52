/**
 * The guard triggers on PostgreSQL: every forbidden write refused, as on SQLite (see guards.ts),
 * and no SQLite trigger without its PostgreSQL counterpart of the same name. Collected only when
 * scripts/test.sh provides a cluster (FAIRDRAW_TEST_POSTGRES).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/index.js';
import { openPostgres } from '../../src/store/postgres.js';
import { freshPostgres } from '../pg-cluster.js';
import { guardCases } from './guards.js';

guardCases('PostgreSQL', async () => {
  const { url, dataDir } = freshPostgres();
  const db = await openPostgres(url, dataDir);
  return { db, close: () => db.destroy() };
});

it('has a PostgreSQL guard for every SQLite trigger, by name, and the ceremony notification', async () => {
  const lite = await openDatabase(mkdtempSync(join(tmpdir(), 'fairdraw-guards-')));
  const { url, dataDir } = freshPostgres();
  const pg = await openPostgres(url, dataDir);
  try {
    const sqlite = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`.execute(lite);
    const postgres = await sql<{ name: string }>`SELECT DISTINCT tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`.execute(pg);
    expect(sqlite.rows.length).toBeGreaterThan(30);
    // Beside the guards, PostgreSQL announces each ceremony step to every server instance.
    expect(postgres.rows.map((r) => r.name).filter((n) => n !== 'ceremony_log_notify')).toEqual(sqlite.rows.map((r) => r.name));
    expect(postgres.rows.map((r) => r.name)).toContain('ceremony_log_notify');
  } finally {
    await lite.destroy();
    await pg.destroy();
  }
});

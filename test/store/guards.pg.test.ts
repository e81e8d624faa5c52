/**
 * The guard triggers on PostgreSQL: every forbidden write refused, as on SQLite (see guards.ts).
 * Collected only when scripts/test.sh provides a cluster (FAIRDRAW_TEST_POSTGRES).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/store/postgres.js';
import { freshPostgresUrl } from '../pg-cluster.js';
import { guardCases } from './guards.js';

guardCases('PostgreSQL', async () => {
  const db = await openPostgres(await freshPostgresUrl(), mkdtempSync(join(tmpdir(), 'fairdraw-guards-')));
  return { db, close: () => db.destroy() };
});

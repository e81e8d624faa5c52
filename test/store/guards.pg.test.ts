/**
 * The guard triggers on PostgreSQL: every forbidden write refused, as on SQLite (see guards.ts).
 * Collected only when scripts/test.sh provides a cluster (FAIRDRAW_TEST_POSTGRES).
 */
import { openPostgres } from '../../src/store/postgres.js';
import { freshPostgres } from '../pg-cluster.js';
import { guardCases } from './guards.js';

guardCases('PostgreSQL', async () => {
  const { url, dataDir } = freshPostgres();
  const db = await openPostgres(url, dataDir);
  return { db, close: () => db.destroy() };
});

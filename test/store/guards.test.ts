/** The guard triggers on SQLite: every forbidden write refused (see guards.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/index.js';
import { guardCases } from './guards.js';

guardCases('SQLite', async () => {
  const db = await openDatabase(mkdtempSync(join(tmpdir(), 'fairdraw-guards-')));
  return { db, close: () => db.destroy() };
});

/** Wires the office to its database (embedded SQLite, or PostgreSQL), the key files and the system clock. */
import { join } from 'node:path';
import { FairDrawError } from './core/errors.js';
import { createStore, databaseUrlFrom, dataDirFrom, isPostgresUrl, openDatabase, openReader, type DB } from './store/index.js';
import { FileKeyStore } from './store/keys.js';
import { systemClock, systemRandom } from './store/system.js';
import type { Clock, Office, Random } from './office/ports.js';

export interface OpenOptions {
  dataDir?: string;
  /** `--database`: a postgres:// address (else FAIRDRAW_DATABASE_URL; without either, SQLite in the data directory). */
  database?: string;
  clock?: Clock;
  random?: Random;
}

export async function openOffice(options: OpenOptions = {}): Promise<Office & { dataDir: string; close(): Promise<void> }> {
  const dataDir = dataDirFrom(options.dataDir);
  const url = databaseUrlFrom(options.database);
  let db: DB;
  let reader: DB | undefined;
  if (url !== undefined) {
    if (!isPostgresUrl(url))
      throw new FairDrawError(
        'store.io',
        '数据库地址应以 postgres:// 开头（不设地址时使用数据目录中的 SQLite 数据库）',
        'the database address must start with postgres:// (without one, the SQLite database in the data directory is used)',
        { field: 'database' },
      );
    // Loaded only for PostgreSQL: an embedded store never loads the `pg` driver.
    const { openPostgres } = await import('./store/postgres.js');
    db = await openPostgres(url, dataDir);
  } else {
    db = await openDatabase(dataDir);
    try {
      reader = openReader(dataDir);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }
  const store = createStore(db, reader);
  return {
    store,
    clock: options.clock ?? systemClock,
    random: options.random ?? systemRandom,
    keys: new FileKeyStore(join(dataDir, 'keys')),
    dataDir,
    close: () => store.close(),
  };
}

/** Opens the embedded SQLite database (better-sqlite3) under the data directory and migrates it. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type DB = Kysely<Database>;

/** `--data DIR`, else FAIRDRAW_DATA, else ./data. */
export function dataDirFrom(flag?: string): string {
  return flag ?? process.env.FAIRDRAW_DATA ?? join(process.cwd(), 'data');
}

export async function openDatabase(dataDir: string, file = 'fairdraw.sqlite'): Promise<DB> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, file));
  // WAL + full sync: a crash (even SIGKILL) leaves the last committed transaction intact.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  void results;
  if (error) throw error;
  return db;
}

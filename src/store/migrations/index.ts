/** The migrations, in order. Each is a small file; names sort in the order they run. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';

const all: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const migrations: MigrationProvider = {
  getMigrations: async () => all,
};

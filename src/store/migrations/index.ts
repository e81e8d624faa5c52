/** The migrations, in order. Each is a small file; names sort in the order they run. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-accounts.js';
import * as m0003 from './0003-ceremony.js';
import * as m0004 from './0004-indexes.js';
import * as m0005 from './0005-commitments.js';
import * as m0006 from './0006-person-salts.js';
import * as m0007 from './0007-account-security.js';
import * as m0008 from './0008-document-settings.js';
import * as m0009 from './0009-backups.js';
import * as m0010 from './0010-privacy.js';
import * as m0011 from './0011-withdrawals.js';
import * as m0014 from './0014-import-parts.js';
import * as m0015 from './0015-districts.js';

const all: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-accounts': m0002,
  '0003-ceremony': m0003,
  '0004-indexes': m0004,
  '0005-commitments': m0005,
  '0006-person-salts': m0006,
  '0007-account-security': m0007,
  '0008-document-settings': m0008,
  '0009-backups': m0009,
  '0010-privacy': m0010,
  '0011-withdrawals': m0011,
  '0014-import-parts': m0014,
  '0015-districts': m0015,
};

export const migrations: MigrationProvider = {
  getMigrations: async () => all,
};

/** Wires the office to the embedded database, the key files and the system clock. */
import { join } from 'node:path';
import { createStore, dataDirFrom, openDatabase, openReader } from './store/index.js';
import { FileKeyStore } from './store/keys.js';
import { systemClock, systemRandom } from './store/system.js';
import type { Clock, Office, Random } from './office/ports.js';

export interface OpenOptions {
  dataDir?: string;
  clock?: Clock;
  random?: Random;
}

export async function openOffice(options: OpenOptions = {}): Promise<Office & { dataDir: string; close(): Promise<void> }> {
  const dataDir = dataDirFrom(options.dataDir);
  const db = await openDatabase(dataDir);
  let reader;
  try {
    reader = openReader(dataDir);
  } catch (e) {
    await db.destroy();
    throw e;
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

/**
 * For the crash tests: imports FILE into event EVENT of the data directory DATA as the server's
 * import route does (a large file read, checked and stored in parts on the import's helper
 * thread, the system's random source), so that the process can be killed at a named point.
 *
 *   node --import tsx test/office/import-as-server.ts DATA EVENT FILE
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openOffice } from '../../src/app.js';
import { importApplicants } from '../../src/office/import-applicants.js';

const [data, event, file] = process.argv.slice(2) as [string, string, string];
const office = await openOffice({ dataDir: data });
try {
  const r = await importApplicants(office, event, new Uint8Array(readFileSync(file)), basename(file), 'op', undefined, {
    helperThread: true,
  });
  process.stdout.write(`imported ${r.imported}\n`);
} finally {
  await office.close();
}

/**
 * `npm run bench`: the engine's speed and memory at city scale, each case in its own process, on
 * the built JavaScript in dist/. Targets (2-core machine): a CLI command starts in ≤ 0.15 s; d ≤ 0.5 s;
 * a in-process ≤ 1.5 s and ≤ 1.5 GB; a CLI ≤ 4 s; b ≤ 1.2 s without tickets. Sizes can be lowered
 * for a quick look: `npm run bench -- 100000`. `npm run bench -- city` runs the city drill alone
 * (bench/city-drill.ts; its scale from FAIRDRAW_CITY_DISTRICTS, FAIRDRAW_CITY_APPLICANTS).
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImportBench, serverBench } from './import.js';
import { resultDayBench } from './result-day.js';
import { runCityBench } from './city-drill.js';

const here = dirname(fileURLToPath(import.meta.url));
const cityOnly = process.argv[2] === 'city';
const size = process.argv[2] ?? '1000000';
console.log(`Node.js ${process.version} (${process.platform}-${process.arch})`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
if (cityOnly) {
  for (const line of runCityBench()) console.log(line);
  process.exit(0);
}
for (const c of ['cli-start', 'd-tickets', 'd-parallel', 'a-inprocess', 'a-parallel', 'a-cli', 'b-deferred', 'c-immediate']) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', join(here, 'case.ts'), c, size], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  console.log(r.status === 0 ? r.stdout.trim() : `${c}: failed (${r.status})`);
}
// The applicant import: 100,000 and 600,000 rows (time and peak memory, each in its own process), and
// the server's answers to other requests while it imports (bench/import.ts).
for (const line of runImportBench(Number(size) >= 600_000 ? [100_000, 600_000] : [Math.min(Number(size), 100_000)])) console.log(line);
console.log(await serverBench(Math.min(Number(size), 100_000)));
// Result day: the public results answer from one process against nginx serving the same bytes.
console.log(await resultDayBench());
// The printed documents at 10,000 applicants (bench/documents.ts runs each step in its own process).
const docs = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'documents.ts'), 'all', String(Math.min(Number(size), 10_000))], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
console.log(docs.status === 0 ? docs.stdout.trim() : `documents: failed (${docs.status})`);
// The browser verifier (needs the built web pages and Chromium).
const v = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'verify-browser.ts'), String(Math.min(Number(size), 100_000))], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
console.log(v.status === 0 ? v.stdout.trim().split('\n').pop() : `e-verify-browser: failed (${v.status})`);
// The city drill: 20 districts, 50 schools, 200,000 applicants from creation to published results,
// on SQLite and on PostgreSQL (bench/city-drill.ts).
for (const line of runCityBench()) console.log(line);

/**
 * Vitest's global set-up: builds dist/ (`npm run build:dist`) when it is missing or older than the
 * sources, so the tests that run the `fairdraw` command, and the two-thread engine's helper, run
 * the same plain JavaScript a bureau runs. When dist/ is up to date this takes a few milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build.mjs');
  const r = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build:dist failed (exit code ${r.status})`);
}

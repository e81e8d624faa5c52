// @ts-check
/**
 * The Vitest set-up for `npm run mutate`: only the test files of the modules being mutated, or the
 * files named in FAIRDRAW_MUTATE_TESTS (comma-separated) for a quicker, narrower run.
 */
import { defineConfig } from 'vitest/config';
import { selectedModules } from './stryker.config.mjs';

const override = (process.env.FAIRDRAW_MUTATE_TESTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export default defineConfig({
  test: {
    include: override.length > 0 ? override : [...new Set(selectedModules().flatMap((m) => m.tests))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

// @ts-check
/** The Vitest set-up for `npm run mutate`: only the test files of the modules being mutated. */
import { defineConfig } from 'vitest/config';
import { selectedModules } from './stryker.config.mjs';

export default defineConfig({
  test: {
    include: [...new Set(selectedModules().flatMap((m) => m.tests))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The PostgreSQL-only tests (*.pg.test.ts) are collected only when scripts/test.sh provides a
    // cluster (FAIRDRAW_TEST_POSTGRES): without one they are not run, and not counted as passed.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.FAIRDRAW_TEST_POSTGRES ? [] : ['**/*.pg.test.ts']),
      // On the PostgreSQL run (FAIRDRAW_TEST_STORE=postgres), the files about what only the SQLite
      // store does: the import's parts on a connection of their own.
      ...(process.env.FAIRDRAW_TEST_STORE === 'postgres' ? ['test/server/import-concurrency.test.ts'] : []),
    ],
    // Builds dist/ when it is missing or stale: the CLI tests run the built command.
    globalSetup: ['test/build-dist.ts'],
    // Generous: a browser walk through the console takes 40–50 s on a quiet 2-core machine and can
    // take twice that on a loaded one. A test that hangs still fails, three minutes later.
    testTimeout: 180_000,
    // expect.poll waits for what a page shows after a request; on a loaded 2-core CI machine that
    // can take more than its default second. A condition that never holds still fails.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 240_000,
    pool: 'forks',
  },
});

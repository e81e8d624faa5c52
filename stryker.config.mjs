// @ts-check
/**
 * Mutation testing of the integrity modules (`npm run mutate`).
 *
 * Each module is mutated against a narrow set of test files, one mutant at a time:
 *   npm run mutate                      every module below, in one run
 *   FAIRDRAW_MUTATE=seed npm run mutate  one module (names as in `modules`)
 * Scores and the reasons behind every surviving mutant are in docs/mutation.md.
 */

// The contract's vectors are in the repository (test/fixtures/contract), so the mutated copy finds them.

/** @type {Record<string, { mutate: string[], tests: string[] }>} */
export const modules = {
  audit: {
    mutate: ['src/core/audit.ts'],
    tests: ['src/core/audit.test.ts', 'src/core/bundle/verify-bundle.test.ts'],
  },
  merkle: {
    mutate: ['src/core/merkle.ts'],
    tests: ['src/core/merkle.test.ts', 'src/core/merkle-proofs.test.ts'],
  },
  'list-root': {
    mutate: ['src/core/list-root.ts'],
    tests: ['src/core/list-root.test.ts', 'src/core/known-answers.test.ts'],
  },
  seed: {
    mutate: ['src/core/seed.ts'],
    tests: ['src/core/seed.test.ts', 'src/core/known-answers.test.ts'],
  },
  ticket: {
    mutate: ['src/core/ticket.ts'],
    tests: ['src/core/ticket.test.ts', 'src/core/known-answers.test.ts', 'src/core/contract.test.ts', 'src/core/sha256-lanes.test.ts'],
  },
  choose: {
    mutate: ['src/core/choose.ts'],
    tests: ['src/core/choose.test.ts'],
  },
  mechanisms: {
    mutate: ['src/core/mechanisms/*.ts', '!src/core/mechanisms/*.test.ts'],
    // Not deferred-scale.test.ts (18 s a run; with it one mutation run took more than half an
    // hour): the medium markets of deferred.test.ts reach the same code paths. Not
    // properties.test.ts either (8 s a run): the plain implementations in test/markets.ts check
    // the mechanisms directly.
    tests: [
      'src/core/mechanisms/deferred.test.ts',
      'src/core/mechanisms/immediate.test.ts',
      'src/core/mechanisms/worked.test.ts',
      'src/core/contract.test.ts',
    ],
  },
  commitment: {
    mutate: ['src/core/commitment.ts'],
    tests: ['src/core/commitment.test.ts', 'src/core/commitment-bounds.test.ts'],
  },
  'id-card': {
    mutate: ['src/office/import/id-card.ts'],
    tests: ['src/office/import/id-card.test.ts', 'src/office/import/id-card-checks.test.ts'],
  },
  // The office's official draw: the direct path (events without witnesses) and the ceremony's.
  draw: {
    mutate: ['src/office/run-draw.ts', 'src/office/ceremony/ceremony-draw.ts'],
    tests: ['test/office/official-draw.test.ts'],
  },
  // Sealed values (commit, then reveal) and the log's commitments to the people behind the list.
  commitments: {
    mutate: ['src/office/ceremony/sealing.ts', 'src/office/person-commitments.ts'],
    tests: ['test/ceremony/sealing.test.ts', 'test/ceremony/sealing-refusals.test.ts', 'test/office/person-commitments.test.ts'],
  },
  // `fairdraw audit verify`.
  'office-audit': {
    mutate: ['src/office/verify-audit.ts', 'src/office/audit-head.ts'],
    tests: ['test/office/audit-findings.test.ts', 'test/office/audit-tamper.test.ts', 'test/office/audit-lifecycle.test.ts'],
  },
  // Who is asking (auth.ts) and may they (access.ts: the levels and the roles each admits, and the
  // guard against a route outside every level). A route's level is the access plugin it is
  // registered in, an identifier Stryker does not mutate; access.test.ts's table catches a route
  // moved to another level.
  // And which district's events (district-scope.ts: a district's staff reach only their district's).
  auth: {
    mutate: ['src/server/auth.ts', 'src/server/access.ts', 'src/server/district-scope.ts'],
    tests: ['test/server/auth.test.ts', 'test/server/access.test.ts', 'test/server/access-guard.test.ts', 'test/server/districts.test.ts'],
  },
};

/** The modules chosen by FAIRDRAW_MUTATE (a comma-separated list of names), or all of them. */
export function selectedModules() {
  const wanted = (process.env.FAIRDRAW_MUTATE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of wanted) {
    if (!(name in modules)) throw new Error(`FAIRDRAW_MUTATE: unknown module "${name}"; known: ${Object.keys(modules).join(', ')}`);
  }
  const names = wanted.length > 0 ? wanted : Object.keys(modules);
  return names.map((name) => /** @type {{ mutate: string[], tests: string[] }} */ (modules[name]));
}

const chosen = selectedModules();

// FAIRDRAW_MUTATE_FILES (comma-separated, Stryker's `path:from-to` line ranges allowed) narrows a
// run to part of a module, for a module whose full run takes too long on a shared machine.
const files = (process.env.FAIRDRAW_MUTATE_FILES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.mjs', related: false },
  mutate: files.length > 0 ? files : chosen.flatMap((m) => m.mutate),
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json', 'event-recorder'],
  eventReporter: { baseDir: 'test-artifacts/mutation/events' },
  htmlReporter: { fileName: 'test-artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'test-artifacts/mutation/report.json' },
  tempDirName: 'test-artifacts/stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90 },
};

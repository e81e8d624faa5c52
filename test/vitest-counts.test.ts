// scripts/vitest-counts.mjs: the counts scripts/test.sh adds up, and the failed tests it names at
// the end of the log.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'fairdraw-counts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counts(report: unknown): string[] {
  const file = join(dir, `r${Math.random()}.json`);
  if (report !== undefined) writeFileSync(file, JSON.stringify(report));
  return execFileSync(process.execPath, ['scripts/vitest-counts.mjs', file], { encoding: 'utf8' }).trimEnd().split('\n');
}

describe('vitest-counts', () => {
  it('gives the counts of a passing run and names nothing', () => {
    expect(counts({ numPassedTests: 7, numFailedTests: 0, success: true, testResults: [] })).toEqual(['7 0']);
  });

  it('names each failed test with its file and first error line', () => {
    const lines = counts({
      numPassedTests: 5,
      numFailedTests: 1,
      success: false,
      testResults: [
        {
          name: join(process.cwd(), 'test/a.test.ts'),
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'fine' },
            { status: 'failed', fullName: 'a draw > refuses', failureMessages: ['\nAssertionError: expected 1 to be 2\n    at x'] },
          ],
        },
      ],
    });
    expect(lines).toEqual(['FAILED TEST: test/a.test.ts > a draw > refuses: AssertionError: expected 1 to be 2', '5 1']);
  });

  it('counts a file that failed to load, though none of its tests failed', () => {
    const lines = counts({
      numPassedTests: 2,
      numFailedTests: 0,
      success: false,
      testResults: [
        { name: join(process.cwd(), 'test/b.test.ts'), status: 'failed', message: 'Error: no module\nstack', assertionResults: [] },
      ],
    });
    expect(lines).toEqual(['FAILED TEST: test/b.test.ts: Error: no module', '2 1']);
  });

  it('counts a failed run with nothing named (an unhandled error) as one failure', () => {
    expect(counts({ numPassedTests: 3, numFailedTests: 0, success: false, testResults: [] })).toEqual(['3 1']);
  });

  it('counts a missing report as one failure', () => {
    const lines = counts(undefined);
    expect(lines.at(-1)).toBe('0 1');
    expect(lines[0]).toMatch(/^FAILED TEST: .* could not be read/);
  });
});

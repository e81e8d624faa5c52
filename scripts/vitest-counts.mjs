// Reads a Vitest JSON report (--reporter=json) and prints, for scripts/test.sh:
//   one line "FAILED TEST: file > test title: first line of the error" per failed test (and per
//   file that failed to load), so the failures can be read at the end of a long log;
//   then a last line "PASSED FAILED" with the counts.
// A missing or unreadable report counts as one failure.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`FAILED TEST: ${file} could not be read: ${error.message}`);
  console.log('0 1');
  process.exit(0);
}

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((line) => line.trim() !== '') ?? '';
let failed = report.numFailedTests ?? 0;
let brokenFiles = 0;
for (const suite of report.testResults ?? []) {
  const where = relative(process.cwd(), suite.name ?? '');
  const failures = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
  for (const test of failures) {
    console.log(`FAILED TEST: ${where} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
  }
  // A file that failed outside its tests (an import error, a failing hook) has no failed test.
  if (suite.status === 'failed' && failures.length === 0) {
    brokenFiles++;
    console.log(`FAILED TEST: ${where}: ${firstLine(suite.message)}`);
  }
}
// A run that failed with no failed test and no broken file (an unhandled error) still fails.
if (failed + brokenFiles === 0 && report.success === false) failed = 1;
console.log(`${report.numPassedTests ?? 0} ${failed + brokenFiles}`);

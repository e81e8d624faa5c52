/**
 * `fairdraw import` of a large file (1 MiB or more): the helper thread starts as the command starts
 * and reads while the command stores. The list is stored whole or not at all, and a command that
 * fails before the helper is needed still ends at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw } from './cli-run.js';
import { applicantsCsv, fakeId, SAMPLE_UNITS } from '../src/office/import/test-support.js';
import { WORKER_MIN_BYTES } from '../src/office/import/in-worker.js';

const data = mkdtempSync(join(tmpdir(), 'fairdraw-cli-large-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));
const env = { FAIRDRAW_DATA: data };

describe('fairdraw import of a large file', () => {
  it('stores nothing from a file whose last row is wrong, then every row of the corrected file once', () => {
    expect(
      fairdraw(['event', 'create', '--id', 'e1', '--title', '大名单', '--born-from', '2013-09-01', '--born-to', '2014-08-31'], env).code,
    ).toBe(0);
    for (const u of SAMPLE_UNITS)
      expect(fairdraw(['unit', 'add', '--event', 'e1', '--id', u.id, '--name', u.name, '--seats', '100'], env).code).toBe(0);
    const good = join(data, '名单.csv');
    const bad = join(data, '名单-末行重复.csv');
    const rows = applicantsCsv(20_000);
    expect(rows.length).toBeGreaterThan(WORKER_MIN_BYTES);
    writeFileSync(good, rows);
    // The last row repeats the first row's ID number: found only when the last row is read.
    writeFileSync(
      bad,
      applicantsCsv(20_000, (cells, i) => {
        if (i === 19_999) [cells[2], cells[3]] = [fakeId('2013-09-01', 1), '2013-09-01'];
      }),
    );

    const refused = fairdraw(['import', '--event', 'e1', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('row 20001 第20001行 [身份证号]');
    // Nothing of it was kept: the corrected file is taken whole.
    const ok = fairdraw(['import', '--event', 'e1', good], env);
    expect(ok.stderr.includes('error:') ? ok.stderr : '').toBe('');
    expect(ok.stdout).toContain('imported 20000 applicants from 名单.csv');
    // The first row of it, once more: registered already.
    const first = join(data, '第一行.csv');
    writeFileSync(first, applicantsCsv(1));
    const again = fairdraw(['import', '--event', 'e1', first], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is already registered');
  }, 300_000);

  it('ends at once with a clear refusal when the event is unknown, its helper thread left unused', () => {
    const file = join(data, '名单-2.csv');
    writeFileSync(file, applicantsCsv(20_000));
    const r = fairdraw(['import', '--event', 'no-such-event', file], env);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*no-such-event/m);
  }, 180_000);
});

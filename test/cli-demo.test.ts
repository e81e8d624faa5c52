/** `fairdraw demo`: each stage on a fresh data directory, and the audit after the full run. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw } from './cli-run.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function freshData(): string {
  const d = mkdtempSync(join(tmpdir(), 'fairdraw-cli-demo-'));
  dirs.push(d);
  return join(d, 'data'); // not there yet: the demo starts from nothing
}

describe('fairdraw demo', () => {
  for (const stage of ['draft', 'published', 'frozen', 'drawn'] as const) {
    it(`--stage ${stage} leaves the event ${stage}`, () => {
      const data = freshData();
      const r = fairdraw(['demo', '--data', data, '--stage', stage]);
      expect(r.stderr).not.toMatch(/^error:/m);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe('zlj-2020-demo');
      const list = fairdraw(['event', 'list', '--data', data]);
      expect(list.stdout).toMatch(new RegExp(`^zlj-2020-demo\\t${stage} `, 'm'));
    });
  }

  it('--stage results works on a fresh data directory and the audit verifies after it', () => {
    const data = freshData();
    const r = fairdraw(['demo', '--data', data, '--stage', 'results']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('zlj-2020-demo');
    expect(r.stderr).toContain('105 applicants, stage results');
    expect(fairdraw(['event', 'list', '--data', data]).stdout).toMatch(/^zlj-2020-demo\tresults 结果已公布/m);
    const audit = fairdraw(['audit', 'verify', '--data', data, '--event', 'zlj-2020-demo']);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/^valid/);
    // Once is enough: the same event again is refused.
    const again = fairdraw(['demo', '--data', data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*已存在/);
  });

  it('--applicants N invents N applicants; --event names the event; results verify', () => {
    const data = freshData();
    const r = fairdraw(['demo', '--data', data, '--applicants', '240', '--event', 'training-1']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('training-1');
    expect(fairdraw(['event', 'show', '--data', data, '--event', 'training-1']).stdout).toContain('applicants 报名人数 240');
    expect(fairdraw(['audit', 'verify', '--data', data, '--event', 'training-1']).code).toBe(0);
  });

  it('refuses an unknown stage or a bad count, naming the flag', () => {
    const data = freshData();
    for (const [flag, value] of [
      ['--stage', 'closed'],
      ['--applicants', '0'],
      ['--applicants', '12x'],
    ] as const) {
      const r = fairdraw(['demo', '--data', data, flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toContain(flag);
    }
    expect(fairdraw(['event', 'list', '--data', data]).stdout).not.toContain('zlj-2020-demo');
  });
});

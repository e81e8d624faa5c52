/**
 * Crash safety: the process is killed (SIGKILL) in the middle of an import and of a draw. The
 * database must be consistent afterwards — nothing half-written — and a retry must complete with
 * the same record the engine gives for the published inputs.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../spec-files.js';
import { fairdraw } from '../cli-run.js';
import { syntheticCsv } from './synthetic.js';
import { openOffice } from '../../src/app.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { draw } from '../../src/core/draw.js';
import { utf8 } from '../../src/core/bytes.js';

const bin = join(repoRoot, 'bin', 'fairdraw.js');

/** Starts the CLI and kills it with SIGKILL once its stderr matches `when` (or after `ms`). */
function killDuring(args: string[], env: Record<string, string>, when: RegExp | number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let killed = false;
    const kill = (): void => {
      if (child.exitCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    if (typeof when === 'number') setTimeout(kill, when);
    else child.stderr.on('data', (d: Buffer) => when.test(d.toString()) && kill());
    child.on('exit', (code) => resolve({ killed, code }));
  });
}

function setup(rows: number) {
  const data = mkdtempSync(join(tmpdir(), 'fairdraw-crash-'));
  const env = { FAIRDRAW_DATA: data };
  const ok = (args: string[]): void => {
    const r = fairdraw(args, env);
    expect(r.stderr.includes('error:') ? r.stderr : '').toBe('');
    expect(r.code).toBe(0);
  };
  ok(['event', 'create', '--id', 'big', '--title', '压力测试批次', '--public', '公证员']);
  ok(['unit', 'add', '--event', 'big', '--id', 'A', '--name', '甲小学', '--seats', String(Math.floor(rows / 3))]);
  ok(['unit', 'add', '--event', 'big', '--id', 'B', '--name', '乙小学', '--seats', String(Math.floor(rows / 3))]);
  const csv = join(data, 'big.csv');
  writeFileSync(
    csv,
    syntheticCsv(Array.from({ length: rows }, (_, i) => ({ name: '', choices: i % 2 ? ['甲小学', '乙小学'] : ['乙小学', '甲小学'] }))),
  );
  return { data, env, csv, ok };
}

describe('crash safety', () => {
  it('an import killed while storing leaves no applicant and no log entry; a retry imports all', async () => {
    const { env, csv, ok, data } = setup(30_000);
    const r = await killDuring(['import', '--event', 'big', csv], env, /stored/);
    expect(r.killed).toBe(true);
    const office = await openOffice({ dataDir: data });
    try {
      expect(await office.store.repos.applicants.countByEvent('big')).toBe(0);
      expect((await office.store.repos.audit.list('big')).some((e) => e.action === 'applicants.import')).toBe(false);
      expect((await verifyAudit(office, 'big')).ok).toBe(true);
    } finally {
      await office.close();
    }
    ok(['import', '--event', 'big', csv]);
    const again = await openOffice({ dataDir: data });
    try {
      expect(await again.store.repos.applicants.countByEvent('big')).toBe(30_000);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('a draw killed at any moment is either not stored or stored whole; a retry gives the same record', async () => {
    const { env, csv, ok, data } = setup(30_000);
    ok(['import', '--event', 'big', csv]);
    ok(['publish', '--event', 'big']);
    ok(['freeze', '--event', 'big']);
    const args = ['draw', '--event', 'big', '--source', '公证员=271828'];
    let interrupted = 0;
    for (const ms of [150, 400, 700, 1000, 1400]) {
      const r = await killDuring(args, env, ms);
      if (r.killed) interrupted++;
      const office = await openOffice({ dataDir: data });
      try {
        const ev = await office.store.repos.events.getById('big');
        const official = await office.store.repos.draws.official('big');
        // Consistent: a stored draw exactly when the event says drawn.
        expect(ev!.status === 'drawn').toBe(official !== undefined);
        expect((await verifyAudit(office, 'big')).ok).toBe(true);
      } finally {
        await office.close();
      }
    }
    expect(interrupted).toBeGreaterThan(0);
    ok(args);
    const office = await openOffice({ dataDir: data });
    try {
      const pub = (await office.store.repos.publications.latest('big'))!;
      const official = (await office.store.repos.draws.official('big'))!;
      const fresh = draw({
        rules: utf8(pub.rules_text),
        list: utf8(pub.list_text),
        sources: utf8('[{"kind":"public","label":"公证员","value":"271828"}]'),
      });
      expect(official.record_text).toBe(new TextDecoder().decode(fresh.recordBytes));
      expect((await office.store.repos.audit.list('big')).filter((e) => e.action === 'draw.official')).toHaveLength(1);
    } finally {
      await office.close();
    }
  }, 300_000);
});

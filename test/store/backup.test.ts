/**
 * Backup and restore: a backup taken while another process holds a write transaction restores into
 * a new folder and verifies; damaged, incomplete or foreign backups and non-empty targets are
 * refused without creating anything; `serve`'s automatic backups after each milestone keep ten.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fairdraw, fairdrawCommand, type Run } from '../cli-run.js';
import { openOffice } from '../../src/app.js';
import { autoBackup } from '../../src/cli/auto-backup.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { addUnit } from '../../src/office/add-unit.js';
import { resultsPublished, runFlow } from '../office/flows.js';
import { TestClock, seededRandom } from '../office/harness.js';
import { dropTrigger } from '../db-triggers.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'fairdraw-backup-'));

function refusedBackup(r: Run, target: string, why: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/the backup file is damaged or incomplete: .*Nothing was restored \/ .*备份文件已损坏或不完整/);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(join(target, '..')).filter((f) => f.includes('restoring'))).toEqual([]);
}

describe('backup and restore', () => {
  it('takes a consistent copy while another process is writing, and restores it into a new folder that verifies', async () => {
    const { data } = await resultsPublished();
    const out = join(tmp(), 'b.tar');
    // This process plays the server: it holds a write transaction (an account being added) while the
    // command copies the database; the command stops at its named point once the copy is taken.
    const office = await openOffice({ dataDir: data });
    let release!: () => void;
    let began!: () => void;
    const begun = new Promise<void>((r) => (began = r));
    const held = office.store.tx(async (repos) => {
      await repos.accounts.insert({
        username: 'uncommitted',
        display_name: 'x',
        role: 'admin',
        password_hash: 'x',
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: 'now',
        must_change_password: 0,
        password_changed_at: null,
        tag: 'b4c7u9ad',
      });
      began();
      await new Promise<void>((r) => (release = r));
    });
    await begun;
    let r: Run;
    try {
      const child = spawn(...fairdrawCommand(['backup', '--data', data, '--out', out]), {
        env: { ...process.env, FAIRDRAW_HOLD_AT: 'backup:copied', FAIRDRAW_HOLD_MS: '3000' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const copied = new Promise<void>((res) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('holding at backup:copied')) res();
        }),
      );
      const exited = new Promise<number | null>((res) => child.on('exit', res));
      await Promise.race([copied, exited]);
      // the copy is taken: now the writer commits, and the command goes on to record the backup
      release();
      await held;
      r = { code: (await exited) ?? -1, stdout, stderr: stderr.replace('holding at backup:copied\n', '') };
    } finally {
      release();
      await held.catch(() => undefined);
      await office.close();
    }
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/backup written to .*b\.tar/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // a plain tar, as documented
    const listing = execFileSync('tar', ['tf', out], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['fairdraw.sqlite', 'keys/organiser.key', 'keys/organiser.pub', 'manifest.json']);
    const manifest = JSON.parse(execFileSync('tar', ['xOf', out, 'manifest.json'], { encoding: 'utf8' })) as {
      format: string;
      files: Record<string, { sha256: string }>;
    };
    expect(manifest.format).toBe('fairdraw-backup/1');
    expect(manifest.files['keys/organiser.key']!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const target = join(tmp(), 'restored');
    const restored = fairdraw(['restore', '--from', out, '--data', target]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^e1: valid, \d+ entries/m);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(target, 'keys', 'organiser.key'), 'utf8')).toBe(readFileSync(join(data, 'keys', 'organiser.key'), 'utf8'));
    const back = await openOffice({ dataDir: target });
    try {
      expect((await back.store.repos.events.getById('e1'))!.status).toBe('results');
      expect(await back.store.repos.applicants.countByEvent('e1')).toBe(4);
      expect((await verifyAudit(back, 'e1')).ok).toBe(true);
      // the write committed after the copy was taken is not in it
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM accounts WHERE username = 'uncommitted'`.execute(back.store.db);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await back.close();
    }
    // the backup log of the source names it
    const list = fairdraw(['backup', 'list', '--data', data]);
    expect(list.stdout).toMatch(new RegExp(`\\tmanual\\t.*\\t${out.replace(/[.]/g, '\\.')}$`, 'm'));
    // and a second restore into the now non-empty folder is refused
    const again = fairdraw(['restore', '--from', out, '--data', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/the target data directory is not empty.*目标数据目录不是空的/);
  }, 180_000);

  it('refuses a damaged, incomplete or key-less backup, and one whose audit log does not verify', async () => {
    const { data } = await resultsPublished();
    const dir = tmp();
    const good = join(dir, 'good.tar');
    expect(fairdraw(['backup', '--data', data, '--out', good]).code).toBe(0);
    const bytes = readFileSync(good);

    // one byte of the database changed: its hash no longer matches the manifest
    const flipped = Buffer.from(bytes);
    flipped[512 + 3000] = flipped[512 + 3000]! ^ 0x01;
    writeFileSync(join(dir, 'flipped.tar'), flipped);
    refusedBackup(
      fairdraw(['restore', '--from', join(dir, 'flipped.tar'), '--data', join(dir, 't1')]),
      join(dir, 't1'),
      /fairdraw\.sqlite does not match its SHA-256/,
    );

    // cut short
    writeFileSync(join(dir, 'short.tar'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    refusedBackup(
      fairdraw(['restore', '--from', join(dir, 'short.tar'), '--data', join(dir, 't2')]),
      join(dir, 't2'),
      /cut short|ends part-way/,
    );

    // the private key left out (rebuilt with the system's tar from the good one's files)
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    execFileSync('tar', ['xf', good, '-C', parts]);
    execFileSync('tar', [
      'cf',
      join(dir, 'nokey.tar'),
      '--format=ustar',
      '-C',
      parts,
      'fairdraw.sqlite',
      'keys/organiser.pub',
      'manifest.json',
    ]);
    refusedBackup(
      fairdraw(['restore', '--from', join(dir, 'nokey.tar'), '--data', join(dir, 't3')]),
      join(dir, 't3'),
      /keys\/organiser\.key is missing/,
    );

    // no manifest
    execFileSync('tar', [
      'cf',
      join(dir, 'nomanifest.tar'),
      '--format=ustar',
      '-C',
      parts,
      'fairdraw.sqlite',
      'keys/organiser.key',
      'keys/organiser.pub',
    ]);
    refusedBackup(
      fairdraw(['restore', '--from', join(dir, 'nomanifest.tar'), '--data', join(dir, 't4')]),
      join(dir, 't4'),
      /manifest\.json is missing/,
    );

    // a backup taken of a database whose audit log was altered: unpacked, then refused by audit verify
    const office = await openOffice({ dataDir: data });
    await dropTrigger(office.store.db, 'audit_append_only_u');
    await sql`UPDATE audit_log SET actor = 'someone else' WHERE event_id = 'e1' AND seq = 2`.execute(office.store.db);
    await office.close();
    expect(fairdraw(['backup', '--data', data, '--out', join(dir, 'tampered.tar')]).code).toBe(0);
    const r = fairdraw(['restore', '--from', join(dir, 'tampered.tar'), '--data', join(dir, 't5')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^e1: invalid: entry 2: entry 2 was altered/m);
    expect(r.stderr).toMatch(/do not verify; nothing was restored/);
    expect(existsSync(join(dir, 't5'))).toBe(false);
  }, 240_000);

  it("serve's automatic backups follow each milestone and keep the newest ten", async () => {
    const clock = new TestClock();
    const data = join(tmp(), 'data');
    const office = await openOffice({ dataDir: data, clock, random: seededRandom() });
    const lines: string[] = [];
    const auto = autoBackup(office, data, (l) => lines.push(l));
    try {
      // three events through publish, freeze, draw and results: twelve milestones
      for (const id of ['e1', 'e2', 'e3']) {
        clock.advance(1000);
        await runFlow(office, id);
      }
      // a change that is not a milestone takes no backup
      await addUnit(office, { event: 'e0', id: 'X', name: '无', seats: 1 }, 'op').catch(() => undefined);
      await auto.idle();
    } finally {
      auto.stop();
      await office.close();
    }
    expect(lines.filter((l) => l.includes('failed'))).toEqual([]);
    expect(lines).toHaveLength(12);
    const dir = join(data, 'backups');
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(10);
    // the two oldest (e1's publish and freeze) are gone; e1's draw is the oldest kept
    expect(kept[0]).toMatch(/-e1-draw\.official\.tar$/);
    expect(kept[9]).toMatch(/-e3-results\.publish\.tar$/);
    expect(kept.filter((f) => f.includes('-e3-'))).toHaveLength(4);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // the newest restores, with all three events verifying
    const target = join(tmp(), 'restored');
    const r = fairdraw(['restore', '--from', join(dir, kept[9]!), '--data', target]);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/: valid,/g)).toHaveLength(3);
  }, 180_000);
});

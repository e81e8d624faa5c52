/** `fairdraw district add|list`, and accounts and events given a district, through the real command. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw } from './cli-run.js';
import { openOffice } from '../src/app.js';
import { CITY_LOG } from '../src/office/districts.js';
import { verifyChain } from '../src/core/audit.js';

describe('fairdraw district', () => {
  const data = mkdtempSync(join(tmpdir(), 'fairdraw-cli-districts-'));
  const env = { FAIRDRAW_DATA: data, FAIRDRAW_ACTOR: '市教育局' };
  const run = (...args: string[]) => fairdraw(args, env);

  it('adds and lists districts, refuses a repeated code, and gives accounts and events a district', async () => {
    expect(run('init').code).toBe(0);
    expect(run('district', 'list').stdout).toMatch(/no districts/);
    const added = run('district', 'add', '--id', 'xuhui', '--code', '310104', '--name', '徐汇区');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('district xuhui 310104 徐汇区 added');
    expect(run('district', 'add', '--id', 'huangpu', '--code', '310101', '--name', '黄浦区').code).toBe(0);

    const again = run('district', 'add', '--id', 'xh2', '--code', '310104', '--name', '徐汇');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/a district already has the code 310104 \(徐汇区\).*已有区县使用代码 310104（徐汇区）/s);
    const badCode = run('district', 'add', '--id', 'jingan', '--code', '3106', '--name', '静安区');
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toMatch(/six-digit.*6 位数字/s);
    expect(run('district', 'list').stdout.trim().split('\n')).toEqual(['huangpu\t310101\t黄浦区', 'xuhui\t310104\t徐汇区']);

    const acct = run(
      'admin',
      'create',
      '--username',
      'xh-op',
      '--role',
      'operator',
      '--password',
      'Lantern-harbour-quiet-41',
      '--district',
      'xuhui',
    );
    expect(acct.code).toBe(0);
    expect(acct.stdout).toContain('account xh-op (operator, district xuhui) created');
    const nowhere = run(
      'admin',
      'create',
      '--username',
      'zz-op',
      '--role',
      'operator',
      '--password',
      'Lantern-harbour-quiet-41',
      '--district',
      'zz',
    );
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/there is no district zz.*没有编号为 zz 的区县/s);

    expect(run('event', 'create', '--id', 'xh2026', '--title', '徐汇区2026年', '--public', '公证员', '--district', 'xuhui').code).toBe(0);
    expect(run('event', 'create', '--id', 'city2026', '--title', '市级2026年', '--public', '公证员').code).toBe(0);
    const list = run('event', 'list').stdout;
    expect(list).toMatch(/^xh2026\tdraft .*\t徐汇区2026年\txuhui$/m);
    expect(list).toMatch(/^city2026\tdraft .*\t市级2026年$/m);

    const log = run('district', 'log');
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/^1\t.*\t市教育局\tdistrict\.create\t\{"id":"xuhui","code":"310104","name":"徐汇区"\}$/m);
    expect(log.stdout).toContain("the city's log holds: 3 entries, 3 signed checkpoints");

    const office = await openOffice({ dataDir: data });
    try {
      const log = await office.store.repos.audit.list(CITY_LOG);
      expect(log.map((e) => [e.action, e.actor])).toEqual([
        ['district.create', '市教育局'],
        ['district.create', '市教育局'],
        ['account.district', '市教育局'],
      ]);
      expect(log[0]!.details).toEqual({ id: 'xuhui', code: '310104', name: '徐汇区' });
      expect(log[2]!.details).toMatchObject({ district: 'xuhui' });
      const checks = await office.store.repos.audit.checkpoints(CITY_LOG);
      expect(verifyChain(log, checks, await office.keys.publicKey())).toMatchObject({ ok: true, entries: 3, checkpoints: 3 });
      expect(await office.store.repos.accounts.get('zz-op')).toBeUndefined();
    } finally {
      await office.close();
    }
  });
});

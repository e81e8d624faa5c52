/**
 * 区县 in Chromium: the portal of a city lists its events under each district's name, and a city
 * admin gives a new account its district on the accounts page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, newPage, shot, start, type Running } from './harness.js';
import { addDistrict } from '../../src/office/districts.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';
import { SEED_TITLE } from '../office/seed-case.js';

let run: Running;
beforeAll(async () => {
  run = await start();
  await addDistrict(run.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli');
  await addDistrict(run.office, { id: 'dist-b', code: '310104', name: '徐汇区' }, 'cli');
  await auditedEvent(run.office, 'results');
  await run.office.store.repos.events.update(EVENT, { district_id: 'dist-b' });
}, 180_000);
afterAll(async () => {
  await run?.stop();
});

describe('a city with districts', () => {
  it('lists the events on the portal under their district, and every district', async () => {
    const { page, context } = await newPage(run);
    await page.goto(`${run.url}/portal/`);
    const b = page.locator('section[data-district="dist-b"]');
    await b.getByRole('heading', { name: '徐汇区' }).waitFor();
    expect(await b.innerText()).toContain(SEED_TITLE);
    const a = page.locator('section[data-district="dist-a"]');
    expect(await a.innerText()).toContain('本区县目前没有公示中的摇号批次。');
    expect(await a.innerText()).not.toContain(SEED_TITLE);
    await shot(page, 'districts-01-portal');
    await context.close();
  });

  it('lets a city admin create an account of a district', async () => {
    const { page, context } = await newPage(run);
    await login(run, page, 'admin');
    await page.getByRole('link', { name: '账户管理' }).click();
    await page.getByLabel('区县').selectOption('dist-b');
    await page.getByLabel('用户名', { exact: true }).fill('xh-clerk');
    await page.getByLabel('密码', { exact: true }).fill('Willow-station-amber-52');
    await page.getByRole('button', { name: '创建' }).click();
    const row = page.locator('tr', { hasText: 'xh-clerk' });
    await row.waitFor();
    expect(await row.innerText()).toContain('徐汇区');
    expect((await run.office.store.repos.accounts.get('xh-clerk'))?.district_id).toBe('dist-b');
    await shot(page, 'districts-02-accounts');
    await context.close();
  });
});

/**
 * `fairdraw site`: the exported folder, served by a plain file server under a sub-folder (as a
 * CDN might), passes the same checks as the app server — lookups through shards, the receipt
 * check, results, and the full verifier — and never asks for /api.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { fileServer, launch, laptop, phone, portalServer, portalShot, type PortalServer } from './harness.js';
import { EVENT } from './fixture.js';
import { swapAdmitted, tamperProof } from './tamper.js';
import type { UnitResultsView } from '../../src/api/public.js';

let browser: Browser;
let run: PortalServer;
let out: string;
let site: Awaited<ReturnType<typeof fileServer>>;
let tml: UnitResultsView;

function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const o: string[] = [];
  const e: string[] = [];
  return main(argv, { out: (l) => o.push(l), err: (l) => e.push(l) }).then((code) => ({ code, out: o.join('\n'), err: e.join('\n') }));
}

beforeAll(async () => {
  run = await portalServer('declined');
  out = mkdtempSync(join(tmpdir(), 'fairdraw-site-'));
  const r = await cli(['site', '--event', EVENT, '--out', out, '--data', run.office.dataDir]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  await run.app.close(); // the app server is gone: only files remain
  site = await fileServer(out, '/lottery/2020/');
  browser = await launch();
  tml = JSON.parse(readFileSync(join(out, 'data', 'events', EVENT, 'results', 'TML.json'), 'utf8')) as UnitResultsView;
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await run?.office.close();
});

describe('fairdraw site', () => {
  it('writes the pages, their assets only, the views, the shards and the bundle', () => {
    for (const f of [
      'index.html',
      'site.json',
      'portal/index.html',
      'verify/index.html',
      'data/events.json',
      `data/events/${EVENT}/announcement.json`,
    ])
      expect(existsSync(join(out, f))).toBe(true);
    for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json'])
      expect(existsSync(join(out, 'data', 'events', EVENT, 'bundle', f))).toBe(true);
    const html = readFileSync(join(out, 'portal', 'index.html'), 'utf8');
    expect(html).toContain('<meta name="fairdraw-site" content="static" />');
    expect(html).not.toMatch(/["']\/assets\//);
    const assets = readdirSync(join(out, 'assets'));
    expect(assets.some((a) => a.startsWith('portal-'))).toBe(true);
    expect(assets.some((a) => a.startsWith('console-'))).toBe(false); // the staff console is not part of it
    expect(readdirSync(join(out, 'data', 'events', EVENT, 'shards')).length).toBeGreaterThan(5);
  });

  it('refuses clearly when the web pages were not built', async () => {
    const r = await cli(['site', '--event', EVENT, '--out', join(out, 'x'), '--data', run.office.dataDir, '--web', join(out, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/npx vite build --config web\/vite\.config\.ts/);
  });
});

describe('static site on a plain file server', () => {
  it('announces the event and finds a family through its shard, receipt checked in the page', async () => {
    const page = await phone(browser);
    await page.goto(site.url);
    await page.waitForURL('**/portal/');
    await page.getByText('2020年自流井区义务教育阶段学校富余学位电脑随机摇号').click();
    await page.getByRole('heading', { name: '摇号规则' }).waitFor();
    const reg = tml.admitted[9]!.regNo;
    await page.getByLabel('报名号').fill(reg.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByTestId('reg-no').textContent()).resolves.toBe(reg);
    expect(page.url()).toContain(`#/${EVENT}/applicant/`);
    await expect(page.getByTestId('headline').textContent()).resolves.toBe('已录取：檀木林小学');
    await expect(page.getByTestId('receipt-check').getAttribute('data-ok')).resolves.toBe('true');
    await expect(page.getByTestId('ticket-check').getAttribute('data-ok')).resolves.toBe('true');
    await portalShot(page, 'static-applicant');
    // A deep link works too (the route is in the hash).
    await page.goto(`${site.url}portal/#/${EVENT}/applicant/ZZZZ2222ZZ`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/没有找到这个报名号/);
    await page.context().close();
  });

  it('opens a family’s page at the address on their notice (/portal/<event>/applicant/<reg>)', async () => {
    const page = await phone(browser);
    const reg = tml.admitted[2]!.regNo;
    for (const tail of ['', '/']) {
      await page.goto(`${site.url}portal/${EVENT}/applicant/${reg}${tail}`);
      await page.waitForURL(`**/portal/#/${EVENT}/applicant/${reg}`);
      await expect(page.getByTestId('reg-no').textContent()).resolves.toBe(reg);
      await expect(page.getByTestId('headline').textContent()).resolves.toBe('已录取：檀木林小学');
    }
    await page.context().close();
  });

  it('fails the receipt check on a tampered shard', async () => {
    const page = await phone(browser);
    await page.route('**/shards/*.json', async (route: Route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: tamperProof(await res.text()) });
    });
    await page.goto(`${site.url}portal/#/${EVENT}/applicant/${tml.admitted[3]!.regNo}`);
    await page.getByTestId('receipt-check').waitFor();
    await expect(page.getByTestId('receipt-check').getAttribute('data-ok')).resolves.toBe('false');
    await page.context().close();
  });

  it('shows the results of a unit', async () => {
    const page = await phone(browser);
    await page.goto(`${site.url}portal/#/${EVENT}/results/TKS`);
    await page.getByRole('heading', { name: /^当前录取名单（30 人/ }).waitFor();
    await expect(
      page
        .getByRole('list', { name: /^当前录取名单/ })
        .locator('.p-row')
        .count(),
    ).resolves.toBe(30);
    await expect(
      page
        .getByRole('list', { name: /^当前候补名单/ })
        .locator('.p-row')
        .count(),
    ).resolves.toBe(28);
    // Nothing changed at this school since the draw: the result as drawn is folded away below.
    await expect(page.locator('details.p-history .p-row').count()).resolves.toBe(58);
    await portalShot(page, 'static-results');
    await page.context().close();
  });

  it('verifies the bundle from the static files, and catches a swapped admitted id and a changed source digit', async () => {
    const page = await laptop(browser);
    await page.goto(`${site.url}portal/#/${EVENT}`);
    await page.getByRole('link', { name: '在浏览器中独立核验本次摇号' }).click();
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('true');
    await expect(page.locator('.v-step[data-status="passed"]').count()).resolves.toBe(12);
    await portalShot(page, 'static-verify');

    await page.route('**/bundle/record.json', async (route: Route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: swapAdmitted(await res.text()) });
    });
    await page.reload();
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('false');
    await expect(page.getByTestId('first-difference').getAttribute('data-step')).resolves.toBe('units');
    await page.unroute('**/bundle/record.json');

    await page.route('**/bundle/sources.json', async (route: Route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace('418305', '418395') });
    });
    await page.reload();
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('false');
    await expect(page.getByTestId('first-difference').getAttribute('data-step')).resolves.toBe('sources');
    await page.context().close();
  });

  it('never asked the file server for the API', () => {
    expect(site.hits.length).toBeGreaterThan(10);
    expect(site.hits.filter((h) => h.includes('/api/'))).toEqual([]);
  });
});

/**
 * The public portal and the verifier in Chromium, against the real server: a parent on a phone
 * looks up a registration number, checks the receipt in the page, reads the results; an auditor
 * recomputes the whole draw in the browser and is told the first difference of a tampered bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { launch, laptop, phone, portalServer, portalShot, rendersChinese, type PortalServer } from './harness.js';
import { EVENT } from './fixture.js';
import { updateDocumentSettings } from '../../src/office/documents/settings.js';
import { swapAdmitted, tamperProof } from './tamper.js';
import { readCase } from '../spec-files.js';
import type { UnitResultsView } from '../../src/api/public.js';

let browser: Browser;
let run: PortalServer;
let tml: UnitResultsView;

beforeAll(async () => {
  run = await portalServer('declined');
  browser = await launch();
  tml = (await (await fetch(`${run.url}/api/public/events/${EVENT}/results/TML`)).json()) as UnitResultsView;
});

afterAll(async () => {
  await browser?.close();
  await run?.stop();
});

async function lookUp(page: Page, reg: string): Promise<void> {
  await page.getByRole('searchbox').or(page.getByLabel('报名号')).first().fill(reg);
  await page.getByRole('button', { name: '查询' }).first().click();
}

describe('portal on a phone (server)', () => {
  it('lists the event and announces its rules, units, schedule, digests and key in Chinese', async () => {
    const page = await phone(browser);
    await page.goto(`${run.url}/portal/`);
    await page.getByText('2020年自流井区义务教育阶段学校富余学位电脑随机摇号').click();
    await page.getByRole('heading', { name: '摇号规则' }).waitFor();
    await expect(
      page
        .getByText(/平行志愿/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText(/多胞胎（双胞胎、三胞胎等）作为一个整体/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('檀木林小学').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('名单冻结').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('organiser-key').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    expect(await rendersChinese(page)).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390); // nothing runs off a phone's screen
    await portalShot(page, 'announcement');
    await page.context().close();
  });

  it('finds a family by registration number as typed, and checks its receipt and ticket in the page', async () => {
    const page = await phone(browser);
    const reg = tml.admitted[4]!.regNo;
    await page.goto(`${run.url}/portal/${EVENT}`);
    await lookUp(page, ` ${reg.toLowerCase()} `);
    await page.waitForURL(`**/portal/${EVENT}/applicant/${reg.toLowerCase()}`);
    await expect(page.getByTestId('reg-no').textContent()).resolves.toBe(reg);
    await expect(page.getByTestId('headline').textContent()).resolves.toBe('已录取：檀木林小学');
    await page.getByTestId('receipt-check').waitFor();
    await expect(page.getByTestId('receipt-check').getAttribute('data-ok')).resolves.toBe('true');
    await expect(page.getByTestId('ticket-check').getAttribute('data-ok')).resolves.toBe('true');
    await expect(
      page
        .getByText(/你排第 5 位/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '这是如何决定的' }).isVisible()).resolves.toBe(true);
    await portalShot(page, 'applicant');
    await page.context().close();
  });

  it('tells an admitted family on a 390×844 phone what to do next, from the event settings, hashes folded away', async () => {
    await updateDocumentSettings(
      run.office,
      EVENT,
      { confirmBy: '2020-08-20T17:00', reportDate: '2020-08-28', reportDocuments: '户口簿、房产证明', contactPhone: '0813-2205678' },
      'operator',
    );
    const page = await phone(browser);
    await page.goto(`${run.url}/portal/${EVENT}/applicant/${tml.admitted[4]!.regNo}`);
    const next = page.getByTestId('next-steps');
    await next.waitFor();
    const text = (await next.textContent()) ?? '';
    expect(text).toContain('请在 2020-08-20 17:00 前确认是否接受 檀木林小学 的学位');
    expect(text).toContain('请于 2020-08-28 到 檀木林小学报到');
    expect(text).toContain('报到时请携带：户口簿、房产证明');
    expect(text).toContain('0813-2205678');
    const box = (await next.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(page.getByTestId('technical').getAttribute('open')).resolves.toBeNull();
    await expect(page.getByText(/RFC 6962/).isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print').isVisible()).resolves.toBe(true);
    await portalShot(page, 'applicant-next-steps');
    await page.context().close();
  });

  it('shows a waitlisted family its position and the seat passed on after a decline', async () => {
    const page = await phone(browser);
    const first = tml.waitlist[0]!.regNo;
    await page.goto(`${run.url}/portal/${EVENT}/applicant/${first}`);
    await expect(page.getByTestId('headline').textContent()).resolves.toBe('递补录取：檀木林小学');
    await expect(page.getByText('候补第 1 位').first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('offer').textContent()).resolves.toMatch(/递补录取/);
    await portalShot(page, 'applicant-waitlist');
    await page.goto(`${run.url}/portal/${EVENT}/applicant/${run.demo.declined!}`);
    await expect(page.getByTestId('headline').textContent()).resolves.toBe('已放弃 檀木林小学 的学位');
    await page.context().close();
  });

  it('says only "not found" for a number that is not in the list', async () => {
    const page = await phone(browser);
    await page.goto(`${run.url}/portal/${EVENT}/applicant/ZZZZ2222ZZ`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/没有找到这个报名号/);
    await expect(page.getByTestId('reg-no').count()).resolves.toBe(0);
    await portalShot(page, 'not-found');
    await page.context().close();
  });

  it('fails the receipt check when the proof was tampered with on the way', async () => {
    const page = await phone(browser);
    const reg = tml.admitted[7]!.regNo;
    await page.route(`**/api/public/events/${EVENT}/applicants/**`, async (route: Route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: tamperProof(await res.text()) });
    });
    await page.goto(`${run.url}/portal/${EVENT}/applicant/${reg}`);
    await page.getByTestId('receipt-check').waitFor();
    await expect(page.getByTestId('receipt-check').getAttribute('data-ok')).resolves.toBe('false');
    await expect(page.getByTestId('receipt-check').textContent()).resolves.toMatch(/核验失败/);
    await portalShot(page, 'receipt-tampered');
    await page.context().close();
  });

  it('lists a unit’s current admitted and waitlist with masked names, and the result as drawn with the decline', async () => {
    const page = await phone(browser);
    await page.goto(`${run.url}/portal/${EVENT}/results/TML`);
    await page.getByRole('heading', { name: /^当前录取名单（30 人/ }).waitFor();
    const now = page.getByRole('list', { name: /^当前录取名单/ });
    await expect(now.locator('.p-row').count()).resolves.toBe(30);
    await expect(now.getByText('递补录取').count()).resolves.toBe(1);
    await expect(
      page
        .getByRole('list', { name: /^当前候补名单/ })
        .locator('.p-row')
        .count(),
    ).resolves.toBe(16);
    // Beside them, the 47 rows as drawn: the decline marked, the seat it freed offered down the waitlist.
    const record = page.locator('.p-history');
    await expect(record.locator('.p-row').count()).resolves.toBe(47);
    await expect(record.locator('.p-row.s-declined').count()).resolves.toBe(1);
    await expect(record.getByText('递补录取').count()).resolves.toBe(1);
    await portalShot(page, 'results');
    await page.context().close();
  });

  it('switches to English', async () => {
    const page = await phone(browser);
    await page.goto(`${run.url}/portal/${EVENT}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'How the lottery works' }).waitFor();
    await expect(
      page
        .getByText(/deferred acceptance/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await portalShot(page, 'announcement-en');
    await page.evaluate(() => localStorage.removeItem('fairdraw.lang'));
    await page.context().close();
  });
});

describe('verifier in the browser (server)', () => {
  async function verifyPage(tamper?: (route: Route) => Promise<void>, file = 'record.json'): Promise<Page> {
    const page = await laptop(browser);
    if (tamper) await page.route(`**/api/public/events/${EVENT}/bundle/${file}`, tamper);
    await page.goto(`${run.url}/verify/?event=${EVENT}`);
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    return page;
  }

  it('recomputes everything and passes every step, audit log included', async () => {
    const page = await verifyPage();
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('true');
    const statuses = await page
      .locator('.v-step')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-status')}`));
    expect(statuses).toEqual([
      'rules:passed',
      'list:passed',
      'sources:passed',
      'seed:passed',
      'tickets:passed',
      'units:passed',
      'applicants:passed',
      'record:passed',
      'published:passed',
      'organiser:passed',
      'audit:passed',
      'sealed:passed',
    ]);
    await portalShot(page, 'verify');
    await page.context().close();
  });

  it('catches one swapped admitted id and names it', async () => {
    const page = await verifyPage(async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: swapAdmitted(await res.text()) });
    });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('false');
    await expect(page.getByTestId('first-difference').getAttribute('data-step')).resolves.toBe('units');
    await expect(page.getByTestId('first-difference').textContent()).resolves.toMatch(/units\[0\]\.admitted\[2\]/);
    await portalShot(page, 'verify-swapped');
    await page.context().close();
  });

  it('catches one changed digit of a source value', async () => {
    const page = await verifyPage(async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace('418305', '418395') });
    }, 'sources.json');
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('false');
    await expect(page.getByTestId('first-difference').getAttribute('data-step')).resolves.toBe('sources');
    await portalShot(page, 'verify-source-digit');
    await page.context().close();
  });

  it('checks files picked from the computer, offline', async () => {
    const page = await laptop(browser);
    await page.goto(`${run.url}/verify/`);
    const files = await Promise.all(
      ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json'].map(async (name) => ({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(await (await fetch(`${run.url}/api/public/events/${EVENT}/bundle/${name}`)).arrayBuffer()),
      })),
    );
    await page.context().setOffline(true); // once loaded, the verifier needs no network
    await page.locator('input[type=file]').setInputFiles(files);
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('true');
    await page.context().close();
  });
});

describe('verifier with a drand beacon', () => {
  it('checks the BLS signature of the contract vector da-multiple-overflow in the worker', async () => {
    const c = readCase('vectors', 'da-multiple-overflow');
    const page = await laptop(browser);
    await page.goto(`${run.url}/verify/`);
    const file = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/json', buffer: Buffer.from(bytes) });
    await page
      .locator('input[type=file]')
      .setInputFiles([
        file('rules.json', c.rules),
        file('list.jsonl', c.list),
        file('sources.json', c.sources),
        file('record.json', c.record!),
      ]);
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('verdict').getAttribute('data-valid')).resolves.toBe('true');
    await expect(page.locator('.v-step[data-step="drand"]').getAttribute('data-status')).resolves.toBe('passed');
    await expect(page.locator('.v-step[data-step="audit"]').getAttribute('data-status')).resolves.toBe('skipped');
    await portalShot(page, 'verify-drand');
    await page.context().close();
  });
});

describe('before results (server)', () => {
  it('shows the announcement and the receipt, but no result', async () => {
    const early = await portalServer('frozen');
    try {
      const page = await phone(browser);
      await page.goto(`${early.url}/portal/${EVENT}`);
      await page.getByText(/录取结果尚未公布/).waitFor();
      const pages = (await early.office.store.repos.applicants.listByEvent(EVENT)).map((a) => a.reg_no);
      await page.goto(`${early.url}/portal/${EVENT}/applicant/${pages[3]}`);
      await expect(page.getByTestId('headline').textContent()).resolves.toMatch(/结果尚未公布/);
      await expect(page.getByTestId('receipt-check').getAttribute('data-ok')).resolves.toBe('true');
      await expect(page.getByTestId('ticket-check').count()).resolves.toBe(0);
      await portalShot(page, 'applicant-before-results');
      await page.context().close();
    } finally {
      await early.stop();
    }
  });
});

/**
 * The whole flow in Chromium, as a bureau clerk who uses only the console and then as a family on a
 * 390×844 phone: create the event, import the sample workbook, publish, freeze, the ceremony with
 * two witnesses on their own phones, results, a decline passing a seat down the waitlist, printing
 * (every document downloaded and read as a PDF), then the family's search, result, next steps and
 * receipt, the school's current lists and the fairness charts on the portal. A screenshot of every
 * stage is kept in test-artifacts/flow/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { login, start, type Running } from './harness.js';
import { samplesDir } from '../office/harness.js';
import { repoRoot } from '../spec-files.js';
import { REQUIRED, SETTING_FIELDS, DEMO_SETTINGS } from '../../src/office/documents/settings.js';

const EVENT = 'flow2020';
const TITLE = '2020年自流井区义务教育阶段学校富余学位电脑随机摇号';
const flowDir = join(repoRoot, 'test-artifacts', 'flow');
const TWINS = /程懿|程嘉豪/;

let run: Running;
beforeAll(async () => {
  run = await start();
}, 120_000);
afterAll(async () => {
  await run?.stop();
});

let step = 0;
/** Saves test-artifacts/flow/NN-NAME.png (the whole page). */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(flowDir, { recursive: true });
  step++;
  await page.screenshot({ path: join(flowDir, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function open(viewport: { width: number; height: number }, phone = false): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await run.browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // Nothing leaves the machine: anything not on loopback fails at once, as it would offline.
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('internetdisconnected'));
  return { ctx, page: await ctx.newPage() };
}

/** Clicks, waits for the download, and returns its bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The page is no wider than the phone: nothing to scroll sideways. */
async function fitsWidth(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

describe('a clerk finishes the whole flow alone, and a family reads the result on a phone', () => {
  it('walks from a new event to printed documents, then the family page', { timeout: 420_000 }, async () => {
    try {
      await flow();
    } catch (e) {
      // Every open page as it stood when the flow stopped, for whoever reads the failure.
      mkdirSync(flowDir, { recursive: true });
      const pages = run.browser.contexts().flatMap((c) => c.pages());
      for (const [i, p] of pages.entries())
        await p.screenshot({ path: join(flowDir, `failed-page-${i}.png`), fullPage: true }).catch(() => undefined);
      throw e;
    }
  });
});

async function flow(): Promise<void> {
  {
    const errors: string[] = [];
    const { page } = await open({ width: 1440, height: 900 });
    page.on('pageerror', (e) => errors.push(e.message));
    let dialogs = 0;
    page.on('dialog', () => void dialogs++);
    await login(run, page, 'operator');

    // 1. Create the event with its two schools; the witnesses it declares are the wizard's own.
    await page.getByRole('button', { name: '新建摇号批次' }).click();
    await page.getByLabel('批次编号').fill(EVENT);
    await page.getByLabel('批次名称').fill(TITLE);
    await page.getByLabel('出生日期不早于').fill('2013-09-01');
    await page.getByLabel('出生日期不晚于').fill('2014-08-31');
    await page.getByLabel('单元编号 1').fill('TML');
    await page.getByLabel('学校/计划名称 1').fill('檀木林小学');
    await page.getByLabel('学位 1').fill('30');
    await page.getByRole('button', { name: '添加 招生单元' }).click();
    await page.getByLabel('单元编号 2').fill('TKS');
    await page.getByLabel('学校/计划名称 2').fill('塘坎上小学');
    await page.getByLabel('学位 2').fill('30');
    await shot(page, 'clerk-create');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('tab', { name: '概况' }).waitFor();

    // 2. Import the sample workbook.
    await page.getByRole('tab', { name: '报名名单' }).click();
    await page.getByLabel('上传报名表').setInputFiles(join(samplesDir, 'applicants.xlsx'));
    await page.getByText('已导入 105 名报名者').waitFor();
    await shot(page, 'clerk-imported');
    // The overview now shows who competes for how many places.
    await page.getByRole('tab', { name: '概况' }).click();
    await page.getByTestId('demand-chart').waitFor();
    expect(await page.getByTestId('demand-chart').innerText()).toMatch(/檀木林小学[\s\S]*学位 30[\s\S]*报名 47/);
    await shot(page, 'clerk-overview-demand');

    // 3. Publish and freeze, each confirmed in the app's own dialog.
    const ask = page.getByRole('dialog');
    await page.getByRole('tab', { name: '公示与冻结' }).click();
    await page.getByRole('button', { name: '公示' }).first().click();
    await ask.getByText('确认公示？').waitFor();
    await ask.getByRole('button', { name: '公示' }).click();
    await page.getByText('公示哈希').waitFor();
    await shot(page, 'clerk-published');
    await page.getByRole('button', { name: '冻结名单' }).click();
    await ask.getByText('确认冻结名单？').waitFor();
    await ask.getByRole('button', { name: '冻结名单' }).click();
    await page.locator('.badge.frozen').waitFor();
    await shot(page, 'clerk-frozen');

    // 4. The ceremony: the console's draw tab opens the control panel (same login); the projector
    // shows each step; each witness seals and reveals on their own phone from a QR link.
    await page.getByRole('tab', { name: '摇号' }).click();
    const controlHref = await page.getByRole('link', { name: '打开摇号现场操作面板' }).getAttribute('href');
    expect(controlHref).toBe(`/ceremony/${EVENT}/control`);
    const { page: display } = await open({ width: 1920, height: 1080 });
    display.on('pageerror', (e) => errors.push(e.message));
    await display.goto(`${run.url}/ceremony/${EVENT}`);
    const control = page;
    await control.goto(`${run.url}${controlHref}`);
    // Where and when the draw takes place is recorded before any witness seals.
    await control.getByLabel('地点').fill('自流井区教育和体育局三楼会议室');
    await control.getByLabel('开始时间').fill('2020-07-20T09:30');
    await control.getByRole('button', { name: '记录时间地点' }).click();
    await control.getByRole('button', { name: '开始仪式并核对' }).click();
    await control.locator('[data-check="match"]').waitFor();
    await display.getByText('冻结数据与公示完全一致，可以开始摇号').waitFor();
    await shot(display, 'projector-check');
    // The test server listens on loopback only: the phones reach it at that address.
    await control.getByLabel(/手机访问地址/).selectOption(run.url);
    const phones: Page[] = [];
    for (const [slot, value] of [
      [0, '3 5 1 6 6 2'],
      [1, '27'],
    ] as const) {
      const row = control.locator(`.slot-row[data-slot="${slot}"]`);
      await row.getByRole('button', { name: '手机二维码' }).click();
      const link = await row.locator('.link-box').getAttribute('data-link');
      expect(link).toMatch(new RegExp(`^${run.url}/ceremony/${EVENT}/witness#`));
      if (slot === 0) await shot(control, 'clerk-ceremony-qr');
      const { page: phone } = await open({ width: 390, height: 844 }, true);
      phone.on('pageerror', (e) => errors.push(e.message));
      await phone.goto(link!);
      await phone.getByLabel('随机值').fill(value);
      await phone.getByRole('button', { name: '下一步' }).click();
      await phone.getByRole('button', { name: '确认密封' }).click();
      await phone
        .getByText(/已密封/)
        .first()
        .waitFor();
      if (slot === 0) await shot(phone, 'witness-phone-sealed');
      phones.push(phone);
    }
    await display.locator('.sealed-all').waitFor();
    for (const [i, phone] of phones.entries()) {
      await phone.getByRole('button', { name: '下一步' }).click({ timeout: 15_000 });
      await phone.getByRole('button', { name: '确认揭示' }).click();
      await phone.getByText(/已揭示/).waitFor();
      if (i === 0) await shot(phone, 'witness-phone-revealed');
    }
    await control.getByRole('button', { name: '开始摇号' }).click();
    await control.locator('#draw [role=dialog]').getByRole('button', { name: '确认', exact: true }).click();
    await display.locator('.screen[data-stage="seed"]').waitFor({ timeout: 15_000 });
    await shot(display, 'projector-seed');
    await control.getByRole('button', { name: '揭晓全部剩余单元' }).click();
    await control.getByRole('button', { name: '显示摇号总结' }).click();
    await display.locator('.screen[data-stage="summary"]').waitFor({ timeout: 20_000 });
    await shot(display, 'projector-summary');
    await shot(control, 'clerk-ceremony-done');

    // 5. Results, from the console.
    await page.goto(`${run.url}/console/events/${EVENT}`);
    await page.getByRole('tab', { name: '结果与递补' }).click();
    await page.getByRole('button', { name: '公布结果并发出录取' }).click();
    await ask.getByText('确认公布结果并发出录取？').waitFor();
    await ask.getByRole('button', { name: '公布结果并发出录取' }).click();
    await page.locator('.badge.results').waitFor();
    // The fairness self-check sits under the results.
    await page.getByTestId('fairness-check').waitFor();
    await shot(page, 'clerk-results');

    // 6. A family declines; the seat passes down the waitlist. Who is promoted is read from the
    // page: registration numbers are random, and the sample's twins are admitted only together.
    const tml = page.locator('.card', { hasText: '檀木林小学（学位 30）' });
    const admittedRows = await tml.locator('table').first().locator('tbody tr').all();
    let pick = 0;
    while (TWINS.test(await admittedRows[pick]!.innerText())) pick++;
    const declined = (await admittedRows[pick]!.getAttribute('data-reg'))!;
    await tml.locator(`tr[data-reg="${declined}"]`).getByRole('button', { name: '放弃' }).click();
    await ask.getByLabel(/理由/).fill('已选择民办学校');
    await ask.getByRole('button', { name: '放弃' }).click();
    const changes = page.locator('.card[role=status]');
    await changes.getByText(/檀木林小学 待确认/).waitFor();
    const promoted = /([0-9A-Za-z_.-]+) 檀木林小学 待确认/.exec(await changes.innerText())![1]!;
    expect(promoted).not.toBe(declined);
    await expect.poll(() => tml.locator('table').nth(0).locator(`tr[data-reg="${promoted}"]`).count()).toBe(1);
    expect(await tml.locator('table').nth(1).locator(`tr[data-reg="${promoted}"]`).count()).toBe(0);
    await shot(page, 'clerk-decline-promotion');

    // 7. Printing: the settings the documents need, then every document downloads as a PDF.
    await page.getByRole('tab', { name: '文书' }).click();
    const needed = new Set([...REQUIRED.announcement, ...REQUIRED.ceremony, ...REQUIRED.notices]);
    for (const f of SETTING_FIELDS.filter((x) => needed.has(x.key))) {
      const value = DEMO_SETTINGS[f.key]!;
      await page.locator(`#setting-${f.key}`).fill(f.kind === 'datetime' ? value.replace(' ', 'T') : value);
    }
    await page.getByRole('button', { name: '保存文书信息' }).click();
    await page.getByText('已保存').waitFor();
    const docs = page.locator('ul.documents');
    const pdfs: { name: string; bytes: Buffer }[] = [];
    for (const label of [/^摇号结果公示/, /^摇号现场记录/, /^檀木林小学 录取名单/, /^个人信息告知书/]) {
      pdfs.push(await download(page, () => docs.getByRole('button', { name: label }).click()));
    }
    // The notices carry names: a reason is asked first.
    await docs.getByRole('button', { name: /^檀木林小学 的通知书/ }).click();
    await ask.getByLabel(/理由/).fill('寄送录取通知');
    pdfs.push(await download(page, () => ask.getByRole('button', { name: '下载' }).click()));
    for (const p of pdfs) {
      expect(p.bytes.subarray(0, 5).toString(), p.name).toBe('%PDF-');
      expect(p.bytes.length, p.name).toBeGreaterThan(5_000);
    }
    expect(pdfs.map((p) => p.name)).toContain(`${EVENT}-TML-录取名单.pdf`);
    await shot(page, 'clerk-documents');
    // No browser prompt() or confirm() was ever raised.
    expect(dialogs).toBe(0);

    // 8. The family of the promoted child, on a phone: the event page with its charts, the search,
    // their result with what to do next, and the receipt that their application is in the list.
    const { page: family } = await open({ width: 390, height: 844 }, true);
    family.on('pageerror', (e) => errors.push(e.message));
    await family.goto(`${run.url}/portal/`);
    await family
      .getByRole('link', { name: new RegExp(TITLE) })
      .first()
      .click();
    await family.getByTestId('demand-chart').waitFor();
    await family.getByTestId('fairness-check').waitFor();
    expect(await family.getByTestId('demand-chart').innerText()).toContain('檀木林小学');
    // The charts scale to the phone: the page never scrolls sideways, every chart fits.
    const size = await fitsWidth(family);
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    for (const svg of await family.locator('.fc-grid .fc-svg').all()) {
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await shot(family, 'family-event');
    await family.getByTestId('fairness-check').scrollIntoViewIfNeeded();
    await family.screenshot({ path: join(flowDir, `${String(++step).padStart(2, '0')}-family-charts.png`) });

    await family.locator('#p-reg').fill(promoted);
    await family.locator('#p-reg').press('Enter');
    await family.getByTestId('reg-no').waitFor();
    expect(await family.getByTestId('reg-no').innerText()).toBe(promoted);
    expect(await family.locator('.p-me').innerText()).toMatch(/递补/);
    await family.getByTestId('next-steps').waitFor();
    expect(await family.getByTestId('next-steps').innerText()).toContain(DEMO_SETTINGS.reportPlace!);
    await expect.poll(() => family.getByTestId('receipt-check').getAttribute('data-ok')).toBe('true');
    expect((await fitsWidth(family)).scroll).toBeLessThanOrEqual(390);
    await shot(family, 'family-result');

    // The school's current lists: the promoted child admitted (递补), no longer waiting, the
    // decline beside them in the result as drawn.
    await family.goto(`${run.url}/portal/${EVENT}/results/TML`);
    const current = family.getByRole('list', { name: /^当前录取名单/ });
    await current.waitFor();
    expect(await current.locator('li', { hasText: promoted }).innerText()).toContain('递补录取');
    expect(await current.innerText()).not.toContain(declined);
    expect(await family.getByRole('list', { name: /^当前候补名单/ }).innerText()).not.toContain(promoted);
    expect(await family.getByTestId('current-counts').innerText()).toContain('当前录取 30 人（其中递补 1 人）');
    const drawn = family.getByRole('list', { name: '摇号录取名单' });
    expect(await drawn.locator('li', { hasText: declined }).innerText()).toContain('已放弃');
    expect((await fitsWidth(family)).scroll).toBeLessThanOrEqual(390);
    await shot(family, 'family-school-lists');

    expect(errors).toEqual([]);
  }
}

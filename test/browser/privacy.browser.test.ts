/**
 * Children's personal data in the console, in Chromium: every look a staff member takes at
 * unmasked data — the applicant table, a search, the results with names, each download of notices,
 * receipts and workbooks (each with its reason) — shows as one row of the supervisor's 访问记录, with
 * who, what, how many families and the reason; and admins and supervisors are warned of events
 * whose retention date is near or past, and an admin erases an event's data after its results,
 * asked first in the app's dialog. Screenshots are kept under test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { login, newPage, shot, start, type Running } from './harness.js';
import { sample, TestClock } from '../office/harness.js';
import { createSeedCase, SEED_WITNESSES } from '../office/seed-case.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { publishResults } from '../../src/office/offers.js';
import { DEMO_SETTINGS, updateDocumentSettings } from '../../src/office/documents/settings.js';
import { updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';

const EVENT = 'zlj2020';
const clock = new TestClock(new Date('2026-06-01T01:00:00Z'));
let run: Running;
let people: ApplicantRow[];
let record: { units: { id: string; admitted: string[]; waitlist: string[] }[] };

beforeAll(async () => {
  run = await start({ clock });
  const office = run.office;
  await createSeedCase(office, EVENT);
  await importApplicants(office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator:operator');
  clock.advance(86400_000);
  await publishEvent(office, EVENT, 'operator:operator');
  clock.advance(7 * 86400_000);
  await freezeEvent(office, EVENT, 'operator:operator');
  clock.advance(1800_000);
  await drawByCeremony(office, EVENT, SEED_WITNESSES, 'operator:operator');
  clock.advance(3600_000);
  await publishResults(office, EVENT, 'operator:operator');
  await updateDocumentSettings(office, EVENT, DEMO_SETTINGS, 'operator:operator');
  people = await office.store.repos.applicants.listByEvent(EVENT);
  record = JSON.parse((await office.store.repos.draws.official(EVENT))!.record_text) as typeof record;
}, 180_000);
afterAll(async () => {
  await run?.stop();
});

/** Clicks a download that asks a reason, types it in the app's dialog, and waits for the file. */
async function withReason(page: Page, button: Locator, reason: string): Promise<Download> {
  await button.click();
  const ask = page.getByRole('dialog');
  await ask.getByLabel(/理由/).waitFor();
  expect(await ask.getByRole('button', { name: '下载' }).isDisabled()).toBe(true);
  await ask.getByLabel(/理由/).fill(reason);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), ask.getByRole('button', { name: '下载' }).click()]);
  await expect.poll(() => ask.isVisible()).toBe(false);
  return file;
}

const firstChoice = (a: ApplicantRow): string => (JSON.parse(a.choices) as { unit: string }[])[0]!.unit;

describe('the access log in the console', () => {
  it('shows one row for every look an operator takes, with who, what, how many families and the reason', async () => {
    const total = people.length;
    expect(total).toBe(105);
    // A name only one child has, so the search shows exactly one family.
    const unique = people.find((a) => people.filter((b) => b.name.includes(a.name)).length === 1)!;
    const ranked = record.units.reduce((n, u) => n + u.admitted.length + u.waitlist.length, 0);
    const tmlFirst = people.filter((a) => firstChoice(a) === 'TML').length;
    const someone = people[17]!;

    const { page, context } = await newPage(run);
    await login(run, page, 'operator');
    await page.getByRole('link', { name: /自流井区/ }).click();
    await page.getByRole('tab', { name: '概况' }).waitFor();

    // 1. The applicant table (the first page of 50), 2. a search by name.
    await page.getByRole('tab', { name: '报名名单' }).click();
    await page.getByText(/共 105 条/).waitFor();
    await page.getByLabel(/搜索姓名/).fill(unique.name);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').innerText()).toContain(unique.id_number);

    // 3. The results with full names.
    await page.getByRole('tab', { name: '结果与递补' }).click();
    await page.getByText(/檀木林小学（学位 30）/).waitFor();

    // 4–7. The documents that carry personal data, each with its reason.
    await page.getByRole('tab', { name: '文书' }).click();
    const receipts = await withReason(
      page,
      page.getByRole('button', { name: '第一志愿为檀木林小学的报名回执（PDF）' }),
      '檀木林小学报名点发放',
    );
    expect(receipts.suggestedFilename()).toBe(`${EVENT}-TML-报名回执.pdf`);
    await page.getByLabel(/单户补打回执/).fill(someone.reg_no);
    const one = await withReason(page, page.getByRole('button', { name: '下载这一户的回执' }), '家长补领回执');
    expect(one.suggestedFilename()).toBe(`${EVENT}-${someone.reg_no}-报名回执.pdf`);
    const oneText = execFileSync('pdftotext', ['-enc', 'UTF-8', (await one.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['报名回执', someone.reg_no, '个人信息告知书']) expect(oneText).toContain(s);
    expect(oneText).not.toContain(someone.name);
    await withReason(page, page.getByRole('button', { name: /^全部通知书/ }), '统一邮寄通知书');
    await withReason(page, page.getByRole('button', { name: /^内部名单/ }), '区局存档核对');
    await shot(page, 'privacy-01-documents');

    // 8. The units workbook from the exports tab.
    await page.getByRole('tab', { name: '导出' }).click();
    const units = await withReason(page, page.getByRole('button', { name: '内部名单' }), '移交录取学校');
    expect(
      readFileSync((await units.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await context.close();

    // The supervisor reads the log: newest first, one row a look, nothing else.
    const sup = await newPage(run);
    await login(run, sup.page, 'supervisor');
    await sup.page.getByRole('link', { name: '访问记录' }).click();
    const rows = sup.page.locator('table.access-log tbody tr');
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    // Who: the role in words, then the account as the log holds it.
    const who = '经办人 operator:operator';
    expect(cells).toEqual([
      [who, '导出学校名单', EVENT, String(total), '移交录取学校'],
      [who, '导出内部名单', EVENT, String(total), '区局存档核对'],
      [who, '下载通知书', EVENT, String(total), '统一邮寄通知书'],
      [who, '下载报名回执', EVENT, '1', '家长补领回执'],
      [who, '下载报名回执', EVENT, String(tmlFirst), '檀木林小学报名点发放'],
      [who, '查看实名结果', EVENT, String(ranked), ''],
      [who, '搜索报名人', EVENT, '1', ''],
      [who, '查看报名名单', EVENT, '50', ''],
    ]);
    await shot(sup.page, 'privacy-02-access-log');

    // None of it is public: the published audit log holds no look and no reason.
    const audit = await (await fetch(`${run.url}/api/public/events/${EVENT}/bundle/audit.json`)).text();
    expect(audit.length).toBeGreaterThan(1000);
    for (const s of ['移交录取学校', '家长补领回执', 'document.receipts', 'applicants.search']) expect(audit).not.toContain(s);
    await sup.context.close();
  }, 240_000);
});

describe('the retention banner', () => {
  it('warns admins and supervisors of events due for erasure soon or past their date, and nobody else', async () => {
    const office = run.office;
    await createSeedCase(office, 'early2026', '2026年提前批次');
    await createSeedCase(office, 'late2026', '2026年秋季批次');
    // Today in China: 2026-06-09. Dates set now, then the clock moves on ten days.
    await updatePrivacySettings(office, EVENT, { retainUntil: '2026-06-28' }, 'admin:admin');
    await updatePrivacySettings(office, 'early2026', { retainUntil: '2026-06-12' }, 'admin:admin');
    await updatePrivacySettings(office, 'late2026', { retainUntil: '2026-09-30' }, 'admin:admin');
    clock.advance(10 * 86400_000);

    const { page, context } = await newPage(run);
    await login(run, page, 'admin');
    const banner = page.locator('.card.retention');
    await banner.waitFor();
    const lines = (await banner.locator('p').allInnerTexts()).sort();
    expect(lines).toEqual(
      [
        `摇号 ${EVENT} 的个人信息将于 2026-06-28 依保存期限删除；如需保留，请在此之前处理。`,
        '摇号 early2026 的个人信息保存期限已于 2026-06-12 届满，应予删除。',
      ].sort(),
    );
    await shot(page, 'privacy-03-retention-banner');
    await context.close();

    const sup = await newPage(run);
    await login(run, sup.page, 'supervisor');
    await sup.page.locator('.card.retention').waitFor();
    expect(await sup.page.locator('.card.retention p').count()).toBe(2);
    await sup.context.close();

    const op = await newPage(run);
    await login(run, op.page, 'operator');
    await op.page.getByRole('link', { name: /自流井区/ }).waitFor();
    expect(await op.page.locator('.card.retention').count()).toBe(0);
    await op.context.close();
  }, 120_000);
});

describe('erasure from the console', () => {
  it('an admin erases an event after its results, having confirmed in the app’s dialog; the log still verifies', async () => {
    const { page, context } = await newPage(run);
    let prompts = 0;
    page.on('dialog', () => void prompts++);
    await login(run, page, 'admin');
    await page.getByRole('link', { name: '访问记录' }).click();
    const row = page.locator(`table.retained tr[data-event="${EVENT}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('即将到期');
    // Events without results offer no erasure.
    expect(await page.locator('table.retained tr[data-event="early2026"] button').count()).toBe(0);
    await row.getByRole('button', { name: '删除个人信息' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByText(`删除摇号 ${EVENT} 的个人信息？`).waitFor();
    const said = await ask.innerText();
    expect(said).toContain('105 户家庭');
    expect(said).toContain('无法恢复');
    await shot(page, 'privacy-04-erase-ask');
    // Cancelling erases nothing.
    await ask.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => ask.isVisible()).toBe(false);
    expect((await run.office.store.repos.privacy.erasure(EVENT)).erased).toBe(0);
    await row.getByRole('button', { name: '删除个人信息' }).click();
    await ask.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText(`已删除摇号 ${EVENT} 105 户家庭的个人信息。`).waitFor();
    await expect.poll(() => row.innerText()).toContain('已删除');
    expect(await row.getByRole('button').count()).toBe(0);
    await shot(page, 'privacy-05-erased');
    expect(prompts).toBe(0);

    const e = await run.office.store.repos.privacy.erasure(EVENT);
    expect([e.held, e.erased]).toEqual([0, 105]);
    const names = (await run.office.store.repos.applicants.listByEvent(EVENT)).map((a) => a.name);
    expect(names.every((n) => n.includes('*'))).toBe(true);
    expect((await verifyAudit(run.office, EVENT)).ok).toBe(true);
    await context.close();
  }, 120_000);
});

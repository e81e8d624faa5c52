/**
 * A whole ceremony in Chromium: the big screen at 1920×1080, the operator's control panel on the
 * laptop, two witnesses on their own phones (390×844, separate browser contexts) and a member of
 * the public on the live view. Screenshots of each stage go to test-artifacts/screenshots/ceremony-*.png.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rendersChinese } from '../browser/harness.js';
import { buildCeremonyPages, context, launch, removeBuild, screen, screenElement } from './browser.js';
import { afterRound1000, beaconJson, EVENT, ROUND_1000 } from './fixtures.js';
import { OPERATOR, startServer, SUPERVISOR, type TestServer } from './server.js';

let s: TestServer;
let browser: Browser;
let dist: string | undefined;
beforeAll(async () => {
  dist = await buildCeremonyPages();
  s = await startServer([{}, { id: TAMPERED }], dist);
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  removeBuild(dist);
});

const TAMPERED = 'zlj2020-tampered';
const stage = (page: Page, name: string) => page.locator(`.screen[data-stage="${name}"]`).waitFor({ timeout: 15_000 });

describe('the draw ceremony in Chromium', () => {
  it('runs from the hash check to the summary, with phones, drand and a replayed reveal', { timeout: 240_000 }, async () => {
    const { page: display } = await context(browser, { width: 1920, height: 1080 });
    const { page: control } = await context(browser, { width: 1440, height: 1000 });
    const { page: phone1 } = await context(browser, { width: 390, height: 844 }, true);
    const { page: phone2 } = await context(browser, { width: 390, height: 844 }, true);
    const errors: string[] = [];
    for (const p of [display, control, phone1, phone2]) p.on('pageerror', (e) => errors.push(e.message));

    // The big screen before anything happens.
    await display.goto(`${s.url}/ceremony/${EVENT}`);
    await stage(display, 'waiting');
    await display.getByText('2020年自流井区义务教育阶段学校富余学位电脑随机摇号').waitFor();
    expect(await rendersChinese(display, '摇号仪式即将开始')).toBe(true);
    await screen(display, 'ceremony-01-waiting');

    // The operator logs in on the control panel.
    await control.goto(`${s.url}/ceremony/${EVENT}/control`);
    await control.getByLabel('用户名').fill(OPERATOR.username);
    await control.getByLabel('密码').fill(OPERATOR.password);
    await control.getByRole('button', { name: '登录' }).click();
    await control.getByRole('heading', { name: /自流井区/ }).waitFor();

    // Meeting record and the roster with one named alternate.
    await control.getByLabel('地点').fill('自流井区教育和体育局三楼会议室');
    await control.getByLabel('开始时间').fill('2020-07-20T09:30');
    await control.getByRole('button', { name: '记录时间地点' }).click();
    // The audit log is published with the results: the panel lists witnesses from it, masked.
    for (const [name, role, shown] of [
      ['陈明', '公证员', '陈\\*'],
      ['刘强', '人大代表', '刘\\*'],
      ['周敏', '纪检监察', '周\\*'],
    ] as const) {
      await control.getByLabel('见证人姓名').fill(name);
      await control.getByLabel('身份').selectOption(role);
      await control.getByRole('button', { name: '登记到场见证人' }).click();
      await control.getByText(new RegExp(`${role} ${shown}`)).waitFor();
    }
    await control.getByLabel('家长代表（檀木林小学） 见证人').fill('王建国');
    await control.getByLabel('家长代表（檀木林小学） 替补（可选，须事先指定）').fill('李秀英');
    await control.getByLabel('家长代表（塘坎上小学） 见证人').fill('赵卫东');
    await control.getByLabel('公证员 见证人').fill('陈明');
    await control.getByRole('button', { name: '保存名单' }).click();
    await expect
      .poll(async () => (await s.op<{ slots: { witness: string | null }[] }>('GET', `/api/ceremony/${EVENT}`)).slots[0]!.witness)
      .toBe('王建国');

    // Open: the published digests next to the recomputed ones.
    await control.getByRole('button', { name: '开始仪式并核对' }).click();
    await control.locator('[data-check="match"]').waitFor();
    await stage(display, 'check');
    await display.getByText('冻结数据与公示完全一致，可以开始摇号').waitFor();
    expect(await rendersChinese(display, '核对公示数据')).toBe(true);
    await screen(display, 'ceremony-02-check');

    // Parent representatives: 5 from all families of 檀木林小学, 3 from volunteers of 塘坎上小学.
    const tml = control.locator('.reps-unit[data-unit="TML"]');
    await tml.getByRole('button', { name: '确定抽选范围' }).click();
    await stage(display, 'reps');
    await display.getByText(/从该单元全部 \d+ 户家庭中随机抽取 5 名/).waitFor();
    await screen(display, 'ceremony-03-reps-pool');
    await tml.getByLabel(/现场随机值/).fill('4 2 6 1 3');
    await tml.getByRole('button', { name: '抽选', exact: true }).click();
    await display.locator('.rep-cards li').nth(4).waitFor();
    await display.waitForTimeout(2200); // let the cards settle
    await screen(display, 'ceremony-04-reps-drawn');
    const pub = (await s.office.store.repos.publications.latest(EVENT))!;
    const tksIds = pub.list_text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; choices: { unit: string }[] })
      .filter((l) => l.choices.some((c) => c.unit === 'TKS'))
      .map((l) => l.id)
      .slice(0, 9);
    const tks = control.locator('.reps-unit[data-unit="TKS"]');
    await tks.getByLabel('抽取人数').fill('3');
    await tks.getByLabel(/自愿报名的家庭/).check();
    await tks.getByLabel('上传报名号文件（.txt / .csv）').setInputFiles({
      name: 'volunteers.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(tksIds.join('\n')),
    });
    await expect.poll(() => tks.getByLabel(/报名号（空格/).inputValue()).toContain(tksIds[0]!);
    await tks.getByRole('button', { name: '确定抽选范围' }).click();
    await display.getByText('从自愿报名的 9 户家庭中随机抽取 3 名').waitFor();
    await tks.getByLabel(/现场随机值/).fill('15');
    await tks.getByRole('button', { name: '抽选', exact: true }).click();
    await tks.locator('.reps-list li').nth(2).waitFor();
    // The printable list (print stylesheet).
    const { page: print } = await context(browser, { width: 900, height: 1200 });
    await print.goto(`${s.url}/ceremony/${EVENT}/reps`);
    await print.locator('.print-unit').nth(1).waitFor();
    await print.emulateMedia({ media: 'print' });
    await screen(print, 'ceremony-05-reps-print', true);
    expect(await print.locator('.no-print').isVisible()).toBe(false);
    await print.context().close();

    // Sources. The first witness is absent: the named alternate takes the slot (confirmed in the page).
    const slot0 = control.locator('.slot-row[data-slot="0"]');
    await slot0.getByRole('button', { name: '启用替补' }).click();
    await slot0.locator('[role=dialog]').getByRole('button', { name: '确认', exact: true }).click();
    await display.getByText('替补：李*英 代替 王*国').waitFor();
    // A QR code per witness; each phone opens its own link. On the laptop the panel offers the
    // hall-network address for phones; this test's server listens on loopback only.
    await control.getByLabel(/手机访问地址/).selectOption(s.url);
    await control.locator('.slot-row[data-slot="1"]').getByRole('button', { name: '手机二维码' }).click();
    const link2 = await control.locator('.slot-row[data-slot="1"] .link-box').getAttribute('data-link');
    await slot0.getByRole('button', { name: '手机二维码' }).click();
    const link1 = await slot0.locator('.link-box').getAttribute('data-link');
    expect(link1).toMatch(new RegExp(`^${s.url}/ceremony/${EVENT}/witness#[\\w-]{43}$`));
    await screen(control, 'ceremony-06-control-qr', true);
    // Each phone seals its value: only the commitment leaves the phone.
    await phone1.goto(link1!);
    await phone1.getByText('李秀英').waitFor();
    expect(await rendersChinese(phone1, '见证人录入')).toBe(true);
    await phone1.getByLabel('随机值').fill('3 5 1 6 6 2');
    await phone1.getByRole('button', { name: '下一步' }).click();
    await phone1.locator('.seal-card').waitFor();
    await screen(phone1, 'ceremony-08-phone-seal-confirm');
    await phone1.getByRole('button', { name: '确认密封' }).click();
    await phone1
      .getByText(/已密封/)
      .first()
      .waitFor();
    await display.locator('.slot[data-slot="0"] .pending.sealed').waitFor();
    await screen(display, 'ceremony-09-first-seal');
    await phone2.goto(link2!);
    await phone2.getByLabel('随机值').fill('07 23 31');
    await phone2.getByRole('button', { name: '下一步' }).click();
    await phone2.getByRole('button', { name: '确认密封' }).click();
    await phone2
      .getByText(/已密封/)
      .first()
      .waitFor();
    await screen(phone2, 'ceremony-07-phone-sealed-waiting');
    // The notary seals on the hall keyboard, confirmed by a supervisor; the notary notes the code.
    const notary = control.locator('.slot-row[data-slot="2"]');
    await notary.getByRole('button', { name: '大厅键盘密封录入' }).click();
    await notary.getByLabel('见证人的值').fill('27');
    await notary.getByLabel(/显示值和密封码/).check();
    const code = (await notary.locator('.seal-code').innerText()).split('密封码：')[1]!.replace(/\s/g, '');
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    await notary.getByLabel('用户名').fill(SUPERVISOR.username);
    await notary.getByLabel('密码').fill(SUPERVISOR.password);
    await notary.getByRole('button', { name: '确认密封提交' }).click();
    await notary.locator('[role=dialog]').getByRole('button', { name: '确认', exact: true }).click();
    await display.locator('.sealed-all').waitFor();
    // Until every value is sealed, and after, nothing on the screens shows a witness value.
    for (const p of [display, control]) {
      const text = await p.locator('body').innerText();
      for (const v of ['3 5 1 6 6 2', '07 23 31']) expect(text).not.toContain(v);
    }
    await screen(display, 'ceremony-10-all-sealed');
    // Reveals: each phone reveals what it kept; the notary types value and code back on the keyboard.
    await phone1.getByRole('button', { name: '下一步' }).click({ timeout: 15_000 });
    await phone1.getByRole('button', { name: '确认揭示' }).click();
    await phone1.getByText(/已揭示/).waitFor();
    await display.locator('.slot[data-slot="0"] .value-text', { hasText: '3 5 1 6 6 2' }).waitFor();
    await phone2.getByRole('button', { name: '下一步' }).click({ timeout: 15_000 });
    await phone2.getByRole('button', { name: '确认揭示' }).click();
    await phone2.getByText(/已揭示/).waitFor();
    // Reusing a link fails.
    const again = await phone1.evaluate(async (token) => {
      const r = await fetch('/api/ceremony/witness/reveal', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, value: '999', salt: '00'.repeat(32) }),
      });
      return ((await r.json()) as { error: { code: string } }).error.code;
    }, link1!.split('#')[1]!);
    expect(again).toBe('ceremony.link-used');
    await notary.getByLabel('公证员 见证人的值').fill('27');
    await notary.getByLabel(/密封码（64 位十六进制/).fill(code);
    await notary.getByRole('button', { name: '大厅键盘揭示' }).click();
    await notary.locator('[role=dialog]').getByRole('button', { name: '确认', exact: true }).click();
    await display.locator('.slot[data-slot="2"] .value-text', { hasText: '27' }).waitFor();
    await screen(display, 'ceremony-11-revealed');
    afterRound1000(s.clock);

    // drand: the online fetch fails gracefully (no network in tests), wrong round and tampered signature are refused.
    const drand = control.locator('.slot-row[data-slot="3"]');
    await drand.getByRole('button', { name: '联网获取（可选）' }).click();
    await drand.getByText(/无法从 drand 公共中继获取第 1000 轮/).waitFor();
    await drand.getByLabel(/粘贴 drand 信标数据/).fill(beaconJson({ ...ROUND_1000, round: 1001 }));
    await drand.getByRole('button', { name: '导入并验证' }).click();
    await drand.getByText('轮次不符：公示声明的是第 1000 轮，导入的是第 1001 轮').waitFor();
    const flipped = ROUND_1000.signature.replace(/^b4/, 'b5');
    const rnd = createHash('sha256').update(Buffer.from(flipped, 'hex')).digest('hex');
    await drand.getByLabel(/粘贴 drand 信标数据/).fill(beaconJson({ round: 1000, signature: flipped, randomness: rnd }));
    await drand.getByRole('button', { name: '导入并验证' }).click();
    await drand.getByText(/第 1000 轮的 BLS 签名无法用 quicknet 公钥验证/).waitFor();
    await screen(control, 'ceremony-10b-drand-refused', true);
    await drand
      .locator('input[type="file"]')
      .setInputFiles({ name: 'drand-1000.json', mimeType: 'application/json', buffer: Buffer.from(beaconJson()) });
    await drand.getByRole('button', { name: '导入并验证' }).click();
    await display.locator('.slot[data-slot="3"] .note.ok').waitFor();
    await screen(display, 'ceremony-11-sources-complete');

    // The draw, after a confirmation showing the values: stored first, then shown.
    await control.getByRole('button', { name: '开始摇号' }).click();
    await control.locator('#draw [role=dialog]').getByRole('button', { name: '确认', exact: true }).click();
    await stage(display, 'seed');
    const official = (await s.office.store.repos.draws.official(EVENT))!;
    expect(await display.locator('.seed-box [data-hash]').getAttribute('data-hash')).toBe(official.seed);
    await screen(display, 'ceremony-12-seed');

    // Reveal, unit by unit: the animation replays the stored record.
    const record = JSON.parse(official.record_text) as { units: { id: string; admitted: string[] }[] };
    await control.getByRole('button', { name: '揭晓下一个单元' }).click();
    await stage(display, 'reveal');
    await display.waitForTimeout(900);
    await screen(display, 'ceremony-13-reveal-rolling');
    await display.locator('.stage.reveal[data-settled="all"]').waitFor({ timeout: 15_000 });
    expect(await display.locator('.cells .regno').allTextContents()).toEqual(record.units[0]!.admitted);
    await screen(display, 'ceremony-14-reveal-TML');
    await control.getByRole('button', { name: '揭晓下一个单元' }).click();
    await display.getByRole('heading', { name: /塘坎上小学/ }).waitFor();
    await display.locator('.stage.reveal[data-settled="all"]').waitFor({ timeout: 15_000 });
    expect(await display.locator('.cells .regno').allTextContents()).toEqual(record.units[1]!.admitted);
    await screen(display, 'ceremony-15-reveal-TKS');
    await control.getByRole('button', { name: '显示摇号总结' }).click();
    await stage(display, 'summary');
    const qr = await display.locator('.verify-qr [data-qr]').getAttribute('data-qr');
    expect(qr).toBe(`${s.url}/verify/${EVENT}`);
    await display.waitForTimeout(300);
    await screen(display, 'ceremony-16-summary');

    // Afterwards: the recording's SHA-256, computed in the browser over the file.
    const video = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    await control.getByLabel(/选择录音录像文件/).setInputFiles({ name: '摇号现场录像.mp4', mimeType: 'video/mp4', buffer: video });
    await expect
      .poll(() => control.getByLabel('SHA-256', { exact: true }).inputValue())
      .toBe(createHash('sha256').update(video).digest('hex'));
    await control.getByRole('button', { name: '登记录音录像哈希' }).click();
    await control.getByText(/已登记：摇号现场录像\.mp4/).waitFor();
    await display.locator('.summary .facts', { hasText: '摇号现场录像.mp4' }).waitFor();
    await screen(control, 'ceremony-17-control-done', true);

    // A member of the public arriving late on a phone sees everything so far.
    const { page: viewer } = await context(browser, { width: 390, height: 844 }, true);
    await viewer.goto(`${s.url}/ceremony/${EVENT}/live`);
    await viewer.locator('.summary-card').waitFor();
    expect(await viewer.locator('.stage.reveal').count()).toBe(2);
    expect(await viewer.locator('.rep-cards li').count()).toBe(8);
    expect(await rendersChinese(viewer, '摇号直播')).toBe(true);
    await screen(viewer, 'ceremony-18-live-phone', true);
    await screen(viewer, 'ceremony-18-live-phone-top');
    await screenElement(viewer.locator('.card', { has: viewer.locator('.stage.sources') }), 'ceremony-19-live-sources');
    await screenElement(viewer.locator('.card', { has: viewer.locator('.stage.reveal') }).first(), 'ceremony-20-live-reveal');

    // The audit log holds the meeting record for the documents.
    const audit = await s.office.store.repos.audit.list(EVENT);
    const actions = audit.map((e) => e.action);
    expect(actions.filter((a) => a === 'ceremony.witness')).toHaveLength(3);
    expect(audit.find((e) => e.action === 'ceremony.meeting')!.details).toEqual({
      place: '自流井区教育和体育局三楼会议室',
      startedAt: '2020-07-20T09:30',
    });
    expect(audit.find((e) => e.action === 'ceremony.recording')!.details).toMatchObject({
      fileName: '摇号现场录像.mp4',
      size: video.length,
    });
    expect(errors).toEqual([]);
  });

  it('stops with a clear message on the big screen when the frozen list differs from the publication', async () => {
    const pub = (await s.office.store.repos.publications.latest(TAMPERED))!;
    const tampered = pub.list_text.replace(/\n[^\n]*\n$/, '\n'); // one family removed after publication
    await sql`UPDATE publications SET list_text = ${tampered} WHERE event_id = ${TAMPERED}`.execute(s.office.store.db);
    const { page } = await context(browser, { width: 1920, height: 1080 });
    await page.goto(`${s.url}/ceremony/${TAMPERED}`);
    await stage(page, 'waiting');
    const r = await s.op<{ phase: string }>('POST', `/api/ceremony/${TAMPERED}/open`);
    expect(r.phase).toBe('halted');
    await stage(page, 'halted');
    await page.getByText(/^摇号已停止：冻结数据与公示不一致/).waitFor();
    expect(await page.locator('.digests tr.differ').count()).toBe(2); // listRoot and listSize
    await screen(page, 'ceremony-00-halted');
    await page.context().close();
  });
});

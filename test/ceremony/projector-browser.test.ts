/**
 * The big screen at 1920×1080 (16:9) and 1024×768 (a common 4:3 projector): every stage of the
 * ceremony fits, with nothing outside the screen, cut off by its frame or hidden behind the footer
 * (the verification QR included). Screenshots go to test-artifacts/projector/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { repoRoot } from '../spec-files.js';
import { buildCeremonyPages, context, launch, removeBuild } from './browser.js';
import { afterRound1000, beaconJson, EVENT, LABELS, VALUES } from './fixtures.js';
import { startServer, type TestServer } from './server.js';

const HALTED = 'zlj2020-halted';
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1024x768', width: 1024, height: 768 },
] as const;
const dir = join(repoRoot, 'test-artifacts', 'projector');

let s: TestServer;
let browser: Browser;
let dist: string | undefined;
beforeAll(async () => {
  dist = await buildCeremonyPages();
  s = await startServer([{}, { id: HALTED }], dist);
  browser = await launch();
  mkdirSync(dir, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  removeBuild(dist);
});

interface Problem {
  what: string;
  box: string;
  why: string;
}

/**
 * Every visible element of the screen: inside the viewport; in the body, above the footer and
 * inside the body's frame (which hides what overflows); no box that hides overflowing content.
 */
function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const out: { what: string; box: string; why: string }[] = [];
    const W = innerWidth;
    const H = innerHeight;
    const foot = document.querySelector('.screen-foot')!.getBoundingClientRect();
    const body = document.querySelector('.screen-body')!.getBoundingClientRect();
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} «${(el.textContent ?? '').trim().slice(0, 30)}»`;
    const fmt = (r: DOMRect) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    // Only the outermost element of a problem is named (its children share it).
    const named = new Set<Element>();
    const push = (el: Element, r: DOMRect, why: string) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (named.has(a)) return;
      named.add(el);
      out.push({ what: name(el), box: fmt(r), why });
    };
    for (const el of document.querySelectorAll('.screen *')) {
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
      const eps = 1;
      if (r.left < -eps || r.top < -eps || r.right > W + eps || r.bottom > H + eps) {
        push(el, r, 'outside the viewport');
      }
      if (el.closest('.screen-body')) {
        if (r.bottom > foot.top + eps) push(el, r, `behind the footer (top ${Math.round(foot.top)})`);
        else if (r.bottom > body.bottom + eps || r.right > body.right + eps || r.left < body.left - eps)
          push(el, r, 'cut off by the body frame');
      }
      const clips = /hidden|clip|auto|scroll/.test(cs.overflowX + cs.overflowY);
      if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        push(el, r, `content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    return out;
  });
}

describe('the big screen at 1920×1080 and 1024×768', () => {
  it('shows every stage whole, nothing clipped or behind the footer', { timeout: 240_000 }, async () => {
    const pages: Page[] = [];
    for (const size of SIZES) {
      const { page } = await context(browser, { width: size.width, height: size.height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(`${s.url}/ceremony/${EVENT}`);
      pages.push(page);
    }
    const failures: string[] = [];
    let n = 0;
    const check = async (stage: string, label: string, ready?: (p: Page) => Promise<unknown>) => {
      n++;
      for (const [i, page] of pages.entries()) {
        await page.locator(`.screen[data-stage="${stage}"]`).waitFor({ timeout: 15_000 });
        if (ready) await ready(page);
        await page.waitForTimeout(250);
        const file = join(dir, `${SIZES[i]!.name}-${String(n).padStart(2, '0')}-${label}.png`);
        await page.screenshot({ path: file });
        for (const p of await layoutProblems(page)) failures.push(`${SIZES[i]!.name} ${label}: ${p.what} [${p.box}] ${p.why}`);
      }
    };

    await check('waiting', 'waiting');
    // The operator's steps over HTTP, as the control panel takes them; the witnesses' through their links.
    const op = (path: string, body: unknown = {}) => s.op('POST', `/api/ceremony/${EVENT}${path}`, body);
    const phone = async (path: string, body: unknown) => {
      const r = await fetch(`${s.url}/api/ceremony/witness/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(200);
    };
    await op('/open');
    await op('/meeting', { place: '自流井区教育和体育局三楼会议室', startedAt: '2020-07-20T09:30' });
    for (const [name, role] of [
      ['陈明', '公证员'],
      ['刘强', '人大代表'],
      ['周敏', '纪检监察'],
      ['吴华', '家长代表'],
    ] as const)
      await op('/witnesses', { name, role });
    await check('check', 'check', (p) => p.getByText('冻结数据与公示完全一致').waitFor());
    await op('/reps/TML/prepare');
    await check('reps', 'reps-pool');
    await op('/reps/TML/draw', { value: '4 2 6 1 3' });
    await check('reps', 'reps-drawn', (p) => p.locator('.rep-cards li').nth(4).waitFor());

    const seals = LABELS.map((label, index) => sealedValue(EVENT, index, label, VALUES[index]!));
    const tokens: string[] = [];
    for (const index of [0, 1, 2]) tokens.push(((await op(`/slots/${index}/link`)) as { token: string }).token);
    await phone('commit', { token: tokens[0], commitment: seals[0]!.commitment });
    await check('sources', 'sources-first-seal', (p) => p.locator('.slot[data-slot="0"] .pending.sealed').waitFor());
    for (const index of [1, 2]) await phone('commit', { token: tokens[index], commitment: seals[index]!.commitment });
    await check('sources', 'sources-all-sealed', (p) => p.locator('.sealed-all').waitFor());
    for (const index of [0, 1, 2]) await phone('reveal', { token: tokens[index], value: VALUES[index], salt: seals[index]!.salt });
    afterRound1000(s.clock);
    await op('/drand', { text: beaconJson(), via: 'paste' });
    await check('sources', 'sources-complete', (p) => p.locator('.slot[data-slot="3"] .note.ok').waitFor());

    await op('/draw');
    await check('seed', 'seed');
    await op('/reveal');
    await check('reveal', 'reveal-unit-1', (p) => p.locator('.stage.reveal[data-settled="all"]').waitFor());
    await op('/reveal');
    await check('reveal', 'reveal-unit-2', (p) => p.getByRole('heading', { name: /塘坎上小学/ }).waitFor());
    await op('/reveal');
    await op('/recording', { fileName: '摇号现场录像（全程）.mp4', sha256: 'ab'.repeat(32), size: 123456789 });
    await check('summary', 'summary', (p) => p.locator('.summary .facts', { hasText: '摇号现场录像' }).waitFor());
    for (const page of pages) {
      // The verification QR is whole and clear of the footer.
      const qr = (await page.locator('.verify-qr .qr').boundingBox())!;
      const foot = (await page.locator('.screen-foot').boundingBox())!;
      expect(qr.y + qr.height).toBeLessThanOrEqual(foot.y);
      expect(qr.width).toBeGreaterThan(150);
    }

    // A ceremony stopped at the check.
    const { office } = s;
    const pub = (await office.store.repos.publications.latest(HALTED))!;
    await sql`UPDATE publications SET list_text = ${pub.list_text.replace(/\n[^\n]*\n$/, '\n')} WHERE event_id = ${HALTED}`.execute(
      office.store.db,
    );
    await s.op('POST', `/api/ceremony/${HALTED}/open`);
    for (const page of pages) await page.goto(`${s.url}/ceremony/${HALTED}`);
    await check('halted', 'halted');

    expect(failures).toEqual([]);
  });
});

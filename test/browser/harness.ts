/**
 * Browser tests: the real server (Fastify, SQLite in a temporary folder, the built web pages) on a
 * free loopback port, driven by Debian's Chromium through playwright-core. Screenshots go to
 * test-artifacts/screenshots/ and are kept.
 */
import { mkdirSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openOffice } from '../../src/app.js';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { repoRoot } from '../spec-files.js';
import type { Office } from '../../src/office/ports.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const webDist = join(repoRoot, 'web', 'dist');
export const shotsDir = join(repoRoot, 'test-artifacts', 'screenshots');

/**
 * Debian's Chromium, headless. The network flags keep it from reaching out at start (this machine's
 * network is closed; without them Chromium's own connections fail many at a time).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

export interface Running {
  office: Office & { close(): Promise<void>; dataDir: string };
  app: FastifyInstance;
  url: string;
  browser: Browser;
  stop(): Promise<void>;
}

export const PASSWORDS = {
  admin: 'Cedar-window-morning-7',
  operator: 'Maple-river-lantern-26',
  supervisor: 'Granite-bell-harbour-9',
} as const;

/** Starts server and browser. Accounts admin, operator and notary (supervisor) exist. */
export async function start(options: { clock?: Office['clock']; random?: Office['random'] } = {}): Promise<Running> {
  if (!existsSync(join(webDist, 'console', 'index.html')))
    throw new Error('web/dist is missing: run `npm run build:web` first (the test script does)');
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-browser-'));
  const office = await openOffice({ dataDir, ...options });
  await createAccount(office, { username: 'admin', role: 'admin', password: PASSWORDS.admin, displayName: '管理员' });
  await createAccount(office, { username: 'operator', role: 'operator', password: PASSWORDS.operator, displayName: '张老师' });
  await createAccount(office, { username: 'notary', role: 'supervisor', password: PASSWORDS.supervisor, displayName: '李公证员' });
  const app = await buildServer({ office, webDist });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    office,
    app,
    url: address,
    browser,
    async stop() {
      await browser.close();
      await app.close();
      await office.close();
    },
  };
}

export async function newPage(run: Running, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await run.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  return { context, page };
}

export async function login(run: Running, page: Page, who: keyof typeof PASSWORDS): Promise<void> {
  await page.goto(`${run.url}/console/`);
  await page.getByLabel(/用户名/).fill(who === 'supervisor' ? 'notary' : who);
  await page.getByLabel(/密码/).fill(PASSWORDS[who]);
  await page.getByRole('button', { name: /登录/ }).click();
  await page.getByText(/退出登录/).waitFor();
}

/** Saves a full-page screenshot as test-artifacts/screenshots/NAME.png. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** True when the page's text contains CJK characters rendered with a real glyph (not tofu). */
export async function rendersChinese(page: Page, sample = '阳光摇号'): Promise<boolean> {
  return page.evaluate((text) => {
    const c = document.createElement('canvas');
    const ctx = c.getContext('2d')!;
    const font = getComputedStyle(document.body).fontFamily;
    ctx.font = `32px ${font}`;
    const w = ctx.measureText(text).width;
    ctx.font = '32px monospace';
    // A missing glyph draws as the same-width box for every character; real CJK glyphs are wide.
    return w > text.length * 20 && document.fonts.check(`32px ${font}`, text);
  }, sample);
}

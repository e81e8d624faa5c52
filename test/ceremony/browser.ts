/**
 * For the Chromium test: the ceremony pages built into a private folder (so a build of another page
 * family running at the same time cannot pull them away mid-test), served by the real server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { repoRoot } from '../spec-files.js';
import { shotsDir } from '../browser/harness.js';
import { launchChromium } from '../browser/harness.js';

export async function buildCeremonyPages(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'fairdraw-ceremony-web-'));
  // Vitest sets NODE_ENV=test; the pages are built (React included) as they ship.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildPages(outDir);
  } finally {
    process.env.NODE_ENV = env;
  }
  // The server serves page families once the console is built; a placeholder stands in for it.
  mkdirSync(join(outDir, 'console'), { recursive: true });
  writeFileSync(join(outDir, 'console', 'index.html'), '<!doctype html><title>console</title>');
  return outDir;
}

async function buildPages(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(repoRoot, 'web'),
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { ceremony: join(repoRoot, 'web', 'ceremony', 'index.html') } },
    },
  });
}

export function removeBuild(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export function launch(): Promise<Browser> {
  return launchChromium();
}

export async function context(
  browser: Browser,
  viewport: { width: number; height: number },
  mobile = false,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // The tests never reach the internet: anything not on loopback fails at once, as it would offline.
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('internetdisconnected'));
  return { ctx, page: await ctx.newPage() };
}

/** Saves test-artifacts/screenshots/NAME.png (the viewport: the big screen is exactly one screen). */
export async function screen(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Saves one element (e.g. a section of the live view) as test-artifacts/screenshots/NAME.png. */
export async function screenElement(locator: Locator, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, `${name}.png`);
  await locator.screenshot({ path });
  return path;
}

/**
 * Chinese all the way: every page of the console, the ceremony, the portal and the verifier, in
 * Chinese, shows no English words. Allowed: identifiers and data (hashes, registration numbers,
 * event and unit ids, file names, addresses), the product name, the language switch, and
 * technical names shown in small type beside their Chinese name (marked lang="en").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { login, shot, start, type Running } from './harness.js';
import { tourStops, visit, type Stop } from './tour.js';

let run: Running;
let stops: Stop[];
beforeAll(async () => {
  run = await start();
  stops = await tourStops(run);
}, 180_000);
afterAll(async () => {
  await run?.stop();
});

/** Words a Chinese page may show as they are. */
const ALLOWED_WORDS = new Set([
  // The product, the language switch, proper names of software and algorithms, file formats.
  'FairDraw',
  'English',
  'drand',
  'SHA-256',
  'Ed25519',
  'Excel',
  'WPS',
  'Python',
  'xlsx',
  'csv',
  'pdf',
  'json',
  // The statistical symbol, as Chinese texts write it: p 值.
  'p',
]);
const ALLOWED: RegExp[] = [
  /^https?:\/\//, // addresses
  /^\/[\w\-/.%#]*$/, // paths
  /^[0-9a-f]{8,}$/i, // hashes, tokens
  /^[0-9A-Z][0-9A-Z-]*$/, // registration numbers, unit ids, abbreviations (PDF, ID)
  /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/, // event ids (zlj-2020-demo)
  /\.(xlsx|csv|pdf|json|jsonl|txt|zip|mp4|png)$/i, // file names
  /^[\w.-]+@[\w.-]+$/, // e-mail addresses
];

/** Latin words in the page's visible text, outside data-like elements and lang="en" technical names. */
function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = 'script, style, noscript, [lang="en"], [lang="en"] *, code, kbd, samp, [data-hash], [data-qr], .hex, .mono';
    const chunks: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      if (el.tagName !== 'OPTION' && !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      chunks.push(n.textContent ?? '');
    }
    // Placeholders (not of date and time fields, whose own picker shows instead).
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      if (/^(date|datetime-local|time)$/.test(el.type)) continue;
      if (el.checkVisibility() && !el.closest(skip)) chunks.push(el.placeholder);
    }
    const words: string[] = [];
    for (const c of chunks) {
      for (const m of c.match(/[\x21-\x7e]+/g) ?? []) {
        const w = m.replace(/^[()[\]{}<>"'“”‘’,.;:!?*·…]+|[()[\]{}<>"'“”‘’,.;:!?*·…]+$/g, '');
        if (/[A-Za-z]/.test(w)) words.push(w);
      }
    }
    return words;
  });
}

describe('the Chinese pages', () => {
  it('show no English words outside the allow-list, on every page', { timeout: 300_000 }, async () => {
    const contexts = new Map<string, { ctx: BrowserContext; page: Page }>();
    const pageFor = async (as: Stop['as']): Promise<Page> => {
      const key = as ?? 'public';
      let c = contexts.get(key);
      if (!c) {
        const ctx = await run.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        const page = await ctx.newPage();
        if (as) await login(run, page, as);
        c = { ctx, page };
        contexts.set(key, c);
      }
      return c.page;
    };
    const found: string[] = [];
    for (const stop of stops) {
      const page = await pageFor(stop.as);
      await visit(page, `${run.url}${stop.path}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
      if (stop.name === 'console-done-audit') await shot(page, 'console-audit-timeline');
      const bad = (await latinWords(page)).filter((w) => !ALLOWED_WORDS.has(w) && !ALLOWED.some((r) => r.test(w)));
      if (bad.length) found.push(`${stop.name}: ${[...new Set(bad)].join(' | ')}`);
    }
    for (const c of contexts.values()) await c.ctx.close();
    expect(found).toEqual([]);
  });
});

/**
 * Accessibility in Chromium: axe-core on every page of the tour (no serious or critical violation,
 * WCAG 2 A and AA rules, colour contrast included); the event page's tabs by keyboard; the witness
 * phone's focus on its first field.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../spec-files.js';
import { login, start, type Running } from './harness.js';
import { DONE, tourStops, visit, type Stop } from './tour.js';

const AXE = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');

let run: Running;
let stops: Stop[];
const contexts = new Map<string, { ctx: BrowserContext; page: Page }>();
beforeAll(async () => {
  run = await start();
  stops = await tourStops(run);
}, 180_000);
afterAll(async () => {
  for (const c of contexts.values()) await c.ctx.close();
  await run?.stop();
});

async function pageFor(as: Stop['as']): Promise<Page> {
  const key = as ?? 'public';
  let c = contexts.get(key);
  if (!c) {
    // bypassCSP: axe-core is injected as a script, which the pages' own policy forbids. Reduced
    // motion: colours are measured at rest, not halfway through a fade.
    const ctx = await run.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      bypassCSP: true,
      reducedMotion: 'reduce',
    });
    const page = await ctx.newPage();
    if (as) await login(run, page, as);
    c = { ctx, page };
    contexts.set(key, c);
  }
  return c.page;
}

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

async function axe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          o: object,
        ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
      };
    };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('')}`),
    }));
  });
}

describe('accessibility', () => {
  it('axe-core finds no serious or critical violation on any page', { timeout: 300_000 }, async () => {
    const found: string[] = [];
    for (const stop of stops) {
      const page = await pageFor(stop.as);
      await visit(page, `${run.url}${stop.path}`);
      for (const v of await axe(page)) {
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${stop.name}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('moves between the event tabs with the arrow keys, Home and End', async () => {
    const page = await pageFor('operator');
    await visit(page, `${run.url}/console/events/${DONE}/overview`);
    const tabs = page.getByRole('tab');
    expect(await tabs.count()).toBe(8);
    // Only the selected tab is in the Tab order; the panel is labelled by it.
    expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
    await page.getByRole('tab', { name: '概况' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('报名名单');
    expect(await page.getByRole('tab', { name: '报名名单' }).getAttribute('aria-selected')).toBe('true');
    expect(page.url()).toMatch(/\/import$/);
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(
      await page.getByRole('tab', { name: '报名名单' }).getAttribute('id'),
    );
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('导出');
    await page.keyboard.press('ArrowRight'); // wraps to the first
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('概况');
    await page.keyboard.press('ArrowLeft'); // and back to the last
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('导出');
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('概况');
    expect(page.url()).toMatch(/\/overview$/);
    // Tab leaves the tab list for the panel.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');
  });

  it("puts the focus on the witness screen's first field, then on the confirmation's first button", async () => {
    const stop = stops.find((s) => s.name === 'ceremony-witness')!;
    const page = await pageFor(undefined);
    await visit(page, `${run.url}${stop.path}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('v');
    await page.keyboard.type('418305');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('确认密封');
    await page.getByRole('button', { name: '返回修改' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('v');
  });
});

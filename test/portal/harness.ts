/**
 * The portal's browser tests: the real server on a loopback port with the demo event walked to a
 * stage, a plain static file server for exported sites, and Debian's Chromium. Screenshots go to
 * test-artifacts/screenshots/portal-*.png.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openOffice } from '../../src/app.js';
import { buildServer } from '../../src/server/app.js';
import { shot, webDist } from '../browser/harness.js';
import { seededRandom, TestClock } from '../office/harness.js';
import { demoEvent, type Demo, type Stage } from './fixture.js';
import type { Office } from '../../src/office/ports.js';
import { launchChromium } from '../browser/harness.js';

export { shot, rendersChinese, webDist } from '../browser/harness.js';

export const PHONE = { width: 390, height: 844 };

export function requireBuiltWeb(): void {
  for (const f of ['portal', 'verify'])
    if (!existsSync(join(webDist, f, 'index.html')))
      throw new Error('web/dist is missing: run `npx vite build --config web/vite.config.ts` first');
}

export function launch(): Promise<Browser> {
  return launchChromium();
}

export interface PortalServer {
  office: Office & { dataDir: string; close(): Promise<void> };
  app: FastifyInstance;
  url: string;
  demo: Demo;
  stop(): Promise<void>;
}

/** The app server with the demo event at `stage`. */
export async function portalServer(stage: Stage): Promise<PortalServer> {
  requireBuiltWeb();
  const clock = new TestClock();
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-portal-'));
  const office = await openOffice({ dataDir, clock, random: seededRandom() });
  const demo = await demoEvent(office, stage, clock);
  const app = await buildServer({ office, webDist });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    office,
    app,
    url,
    demo,
    async stop() {
      await app.close();
      await office.close();
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
  '.pub': 'text/plain; charset=utf-8',
};

/** A plain file server (no rewrites, no API): what a CDN or `python3 -m http.server` does. */
export async function fileServer(
  dir: string,
  mount = '/',
): Promise<{ url: string; server: Server; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.push(path);
    if (!path.startsWith(mount)) return void res.writeHead(404).end('not found');
    let file = normalize(join(dir, path.slice(mount.length)));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    server,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A phone-sized page in Chinese. */
export async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

export async function laptop(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  return context.newPage();
}

export async function portalShot(page: Page, name: string): Promise<void> {
  await shot(page, `portal-${name}`);
}

/**
 * Limits before work and headers on every answer: body limits per route (only the import takes a
 * large body); anonymous live-feed connections capped per address and in total; public lookups
 * bounded over all addresses; a draft answers 404 on the ceremony's public routes too; malformed
 * headers are 400s, never 500s; helmet's headers (CSP without inline script, no framing, nosniff,
 * no referrer) on pages and API, and built pages without inline scripts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { GlobalWindow } from '../../src/server/limits.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT } from '../portal/fixture.js';
import { repoRoot } from '../spec-files.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
let t: Awaited<ReturnType<typeof testOffice>>;
let app: FastifyInstance;
let url: string;
let staff: Record<string, string>;

beforeAll(async () => {
  t = await testOffice();
  await demoEvent(t.office, 'published', t.clock);
  await createAccount(t.office, { username: 'clerk', role: 'operator', password: PASSWORD });
  app = await buildServer({
    office: t.office,
    trustProxy: true,
    webDist: join(repoRoot, 'web', 'dist'),
    limits: { streamsPerAddress: 2, streamsTotal: 3, publicTotalPerMinute: 1_000_000 },
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: PASSWORD } });
  const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
  staff = { cookie: `${c.name}=${c.value}`, 'x-csrf-token': (r.json() as { csrf: string }).csrf };
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.office.close();
});

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** Opens the live feed as `address` (through the trusted loopback proxy); resolves at the first bytes. */
function stream(address: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; close(): void }>((resolve, reject) => {
    const req = request(`${url}/api/ceremony/${EVENT}/stream`, { agent, headers: { 'x-forwarded-for': address, ...headers } }, (res) => {
      const close = () => req.destroy();
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, close }));
        return;
      }
      res.once('data', () => resolve({ status: 200, close }));
    });
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}

describe('live feed connections', () => {
  it('caps anonymous viewers per address and in total, and frees a place when a viewer leaves', async () => {
    const a1 = await stream('10.0.0.1');
    const a2 = await stream('10.0.0.1');
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect((await stream('10.0.0.1')).status).toBe(429); // a third from the same address
    const b1 = await stream('10.0.0.2');
    expect(b1.status).toBe(200);
    expect((await stream('10.0.0.3')).status).toBe(429); // the total of 3 is reached
    // Staff screens (the projector, logged in) are never turned away.
    const projector = await stream('10.0.0.4', { cookie: staff.cookie! });
    expect(projector.status).toBe(200);
    a1.close();
    await new Promise((r) => setTimeout(r, 200));
    const c1 = await stream('10.0.0.3');
    expect(c1.status).toBe(200);
    for (const s of [a2, b1, c1, projector]) s.close();
  });

  it('treats a malformed Last-Event-ID as none (never a 500)', async () => {
    for (const id of ['abc', '-5', '1e400', '9'.repeat(40)]) {
      const s = await stream('10.0.0.9', { 'last-event-id': id });
      expect(s.status, id).toBe(200);
      s.close();
    }
  });
});

describe('limits before work', () => {
  it('gives each route its body limit; only the import takes a large body', async () => {
    const big = JSON.stringify({ id: 'x'.repeat(300 * 1024), title: 't' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...staff, 'content-type': 'application/json' },
      payload: big,
    });
    expect(r.statusCode).toBe(413);
    const file = await app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/import`,
      headers: { ...staff, 'content-type': 'application/octet-stream', 'x-file-name': 'a.csv' },
      payload: Buffer.alloc(2 * 1024 * 1024, 0x41),
    });
    expect(file.statusCode).not.toBe(413);
    expect(file.statusCode).toBeLessThan(500);
  });

  it('answers malformed headers and bodies without a 500', async () => {
    const cases: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload?: string }[] = [
      { method: 'GET', url: '/api/events', headers: { cookie: 'fairdraw_session=%E0%A4%A; ;;==' } },
      { method: 'GET', url: '/api/events', headers: { cookie: `fairdraw_session=${'x'.repeat(5000)}` } },
      { method: 'GET', url: '/api/public/events', headers: { 'if-none-match': '\u0000"' } },
      {
        method: 'POST',
        url: '/api/ceremony/witness/lookup',
        headers: { 'content-type': 'application/json; charset=klingon' },
        payload: '{}',
      },
      { method: 'POST', url: '/api/ceremony/witness/lookup', headers: { 'content-type': 'text/x-nonsense' }, payload: 'x' },
      { method: 'POST', url: '/api/ceremony/witness/lookup', headers: { 'content-type': 'application/json' }, payload: '{"token":' },
      { method: 'POST', url: '/api/ceremony/witness/lookup', headers: { 'content-type': ';;;' }, payload: '{}' },
      {
        method: 'POST',
        url: `/api/events/${EVENT}/import`,
        headers: { ...staff, 'content-type': 'application/octet-stream', 'x-file-name': '%E0%A4%A' },
        payload: 'a,b\n1,2\n',
      },
      { method: 'GET', url: `/api/ceremony/${EVENT}/log?after=abc`, headers: {} },
      { method: 'GET', url: `/api/public/events/${'%'}zz`, headers: {} },
    ];
    const got = [];
    for (const c of cases) {
      const r = await app.inject({ ...c, remoteAddress: '10.3.3.3' });
      got.push(`${c.method} ${c.url.slice(0, 40)} ${JSON.stringify(c.headers).slice(0, 60)} → ${r.statusCode}`);
    }
    expect(got.filter((g) => /→ 5\d\d$/.test(g))).toEqual([]);
    for (const i of [5, 7]) expect(got[i]).toMatch(/→ 400$/);
  });

  it('bounds public lookups over all addresses', async () => {
    const small = await buildServer({ office: t.office, limits: { publicTotalPerMinute: 5 } });
    try {
      // What costs work counts: building the announcement once, then lookups of unknown numbers. The
      // announcement, prepared, is then sent again as it was, like a static file: it is not turned away.
      const codes = [];
      const urls = [
        `/api/public/events/${EVENT}`,
        ...[1, 2, 3, 4, 5, 6].map((i) => `/api/public/events/${EVENT}/applicants/ZZZZZZZZZ${i}`),
      ];
      for (const [i, url] of urls.entries())
        codes.push((await small.inject({ method: 'GET', url, remoteAddress: `10.8.0.${i}` })).statusCode);
      codes.push((await small.inject({ method: 'GET', url: urls[0]!, remoteAddress: '10.8.0.9' })).statusCode);
      expect(codes).toEqual([200, 404, 404, 404, 404, 429, 429, 200]);
    } finally {
      await small.close();
    }
    let now = 0;
    const w = new GlobalWindow(2, () => now);
    w.take();
    w.take();
    expect(() => w.take()).toThrow(/try again in a minute/);
    now = 60_000;
    expect(() => w.take()).not.toThrow();
  });

  it('answers a draft on the ceremony’s public routes exactly like an unknown event', async () => {
    const d = await testOffice();
    await demoEvent(d.office, 'draft', d.clock);
    const draft = await buildServer({ office: d.office });
    try {
      for (const path of ['log', 'stream', 'reps/TML/record.json']) {
        const mine = await draft.inject({ method: 'GET', url: `/api/ceremony/${EVENT}/${path}` });
        const none = await draft.inject({ method: 'GET', url: `/api/ceremony/no-such/${path}` });
        expect(mine.statusCode, path).toBe(404);
        expect(mine.body.replaceAll(EVENT, 'X')).toBe(none.body.replaceAll('no-such', 'X'));
      }
      for (const u of [`/api/public/events/${EVENT}`, `/api/public/events/${EVENT}/bundle/list.jsonl`])
        expect((await draft.inject({ method: 'GET', url: u })).statusCode, u).toBe(404);
      expect((await draft.inject({ method: 'GET', url: '/api/public/events' })).json()).toEqual({ events: [] });
    } finally {
      await draft.close();
      await d.office.close();
    }
  });
});

describe('headers', () => {
  it('sends a CSP without inline script and without framing, nosniff and no referrer, on API and pages; HSTS only under TLS', async () => {
    for (const u of ['/api/public/events', '/api/events', '/console/', `/ceremony/${EVENT}/control`]) {
      const r = await app.inject({ method: 'GET', url: u });
      if (u.startsWith('/console')) expect(r.statusCode).toBe(200);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, u).toMatch(/(^|;)script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('builds pages whose scripts are all external modules (nothing inline for the CSP to allow)', () => {
    const dist = join(repoRoot, 'web', 'dist');
    if (!existsSync(join(dist, 'console', 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
    const pages = readdirSync(dist).filter((f) => existsSync(join(dist, f, 'index.html')));
    expect(pages.sort()).toEqual(['ceremony', 'console', 'portal', 'verify']);
    for (const p of pages) {
      const html = readFileSync(join(dist, p, 'index.html'), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, p).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, p).toMatch(/\bsrc="/);
        expect(body!.trim(), p).toBe('');
      }
      expect(html, p).not.toMatch(/\son[a-z]+="/); // no inline event handlers
    }
  });
});

/**
 * Every route × every role × CSRF, through app.inject (no browser). The table below is the
 * expected access of each route, written out by hand: a route missing from it, a route whose
 * check was removed or loosened, or a role that can no longer do its job all fail here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { quickAccount } from './quick-accounts.js';
import type { Role } from '../../src/store/schema.js';
import { testOffice } from '../office/harness.js';

type Access = Role[] | 'public' | 'session';
const STAFF: Role[] = ['admin', 'operator', 'supervisor'];
const ROLES: Role[] = ['admin', 'operator', 'supervisor'];

const EXPECTED: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'public',
  'POST /api/auth/password': 'session',
  'GET /api/admin/accounts': ['admin'],
  'POST /api/admin/accounts': ['admin'],
  'POST /api/admin/accounts/:username/reset': ['admin'],
  'POST /api/admin/accounts/:username/disable': ['admin'],
  'POST /api/admin/accounts/:username/enable': ['admin'],
  'GET /api/districts': STAFF,
  'POST /api/districts': ['admin'],
  'GET /api/events': STAFF,
  'POST /api/events': ['operator'],
  'GET /api/events/:id': STAFF,
  'POST /api/events/:id/units': ['operator'],
  'PATCH /api/events/:id': ['operator'],
  'DELETE /api/events/:id': ['operator'],
  'PATCH /api/events/:id/units/:unit': ['operator'],
  'DELETE /api/events/:id/units/:unit': ['operator'],
  'POST /api/events/:id/withdraw': ['operator'],
  'PUT /api/events/:id/sources': ['operator'],
  'POST /api/events/:id/import': ['operator'],
  'POST /api/events/:id/import/report': STAFF,
  'GET /api/events/:id/applicants': STAFF,
  'POST /api/events/:id/publish': ['operator'],
  'POST /api/events/:id/freeze': ['operator'],
  'POST /api/events/:id/rehearse': ['operator'],
  'POST /api/events/:id/draw': ['operator'],
  'GET /api/events/:id/results': STAFF,
  'POST /api/events/:id/results': ['operator'],
  'GET /api/events/:id/offers': STAFF,
  'POST /api/events/:id/offers/:reg/:act': ['operator'],
  'GET /api/events/:id/audit': STAFF,
  'POST /api/events/:id/audit/cosign': ['supervisor'],
  'POST /api/events/:id/audit/notary-key': ['admin', 'supervisor'],
  'GET /api/events/:id/settings': STAFF,
  'PUT /api/events/:id/settings': ['operator'],
  'GET /api/events/:id/documents/:file': STAFF,
  'GET /api/events/:id/export/:file': STAFF,
  'GET /api/privacy/access-log': ['admin', 'supervisor'],
  'GET /api/privacy/retention': ['admin', 'supervisor'],
  'GET /api/events/:id/privacy': STAFF,
  'PUT /api/events/:id/privacy': ['admin', 'operator'],
  'POST /api/events/:id/erase': ['admin'],
  'GET /api/public/events': 'public',
  'GET /api/public/events/:id': 'public',
  'GET /api/public/events/:id/privacy-notice': 'public',
  'GET /api/public/events/:id/results/:unit': 'public',
  'GET /api/public/events/:id/applicants/:reg': 'public',
  'GET /api/public/events/:id/bundle/:file': 'public',
  'GET /api/ceremony/:id/stream': 'public',
  'GET /api/ceremony/:id/log': 'public',
  'GET /api/ceremony/:id/reps/:unit/:file': 'public',
  'POST /api/ceremony/witness/lookup': 'public',
  'POST /api/ceremony/witness/submit': 'public',
  // A witness's phone: the one-time link token in the body is the credential, no session.
  'POST /api/ceremony/witness/commit': 'public',
  'POST /api/ceremony/witness/reveal': 'public',
  'GET /api/ceremony/:id': STAFF,
  'GET /api/ceremony/:id/lan': STAFF,
  'POST /api/ceremony/:id/open': ['operator'],
  'PUT /api/ceremony/:id/roster': ['operator'],
  'POST /api/ceremony/:id/slots/:index/substitute': ['operator'],
  'POST /api/ceremony/:id/slots/:index/link': ['operator'],
  'POST /api/ceremony/:id/slots/:index/value': ['operator'],
  'POST /api/ceremony/:id/slots/:index/commit': ['operator'],
  'POST /api/ceremony/:id/slots/:index/reveal': ['operator'],
  'POST /api/ceremony/:id/slots/:index/replace': ['operator'],
  'POST /api/ceremony/:id/drand': ['operator'],
  'POST /api/ceremony/:id/draw': ['operator'],
  'POST /api/ceremony/:id/reveal': ['operator'],
  'POST /api/ceremony/:id/reps/:unit/prepare': ['operator'],
  'POST /api/ceremony/:id/reps/:unit/draw': ['operator'],
  'POST /api/ceremony/:id/meeting': ['operator'],
  'POST /api/ceremony/:id/witnesses': ['operator'],
  'POST /api/ceremony/:id/recording': ['operator'],
};

const PASSWORD = 'Lantern-harbour-quiet-41';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A concrete URL for a route pattern (ids that exist nowhere: the check must come first). */
function concrete(url: string): string {
  return url
    .replace(':id', 'no-such-event')
    .replace(':index', '0')
    .replace(':unit', 'U')
    .replace(':file', 'record.json')
    .replace(':reg', 'R')
    .replace(':act', 'confirm')
    .replace(':username', 'nobody')
    .replace('*', 'x');
}

let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
const sessions = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  t = await testOffice();
  for (const role of ROLES) await quickAccount(t.office, { username: `the-${role}`, role, password: PASSWORD });
  await quickAccount(t.office, { username: 'newcomer', role: 'operator', password: PASSWORD }, { mustChangePassword: true });
  app = await buildServer({ office: t.office });
  await app.ready();
  for (const username of [...ROLES.map((r) => `the-${r}`), 'newcomer']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
    sessions.set(username, { cookie: `${c.name}=${c.value}`, csrf: (r.json() as { csrf: string }).csrf });
  }
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

const routes = (): string[] => [...new Set(app.registeredRoutes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];

async function call(key: string, as?: string, csrf: 'right' | 'none' | 'wrong' = 'right', extra: Partial<InjectOptions> = {}) {
  const [method, url] = key.split(' ') as [InjectOptions['method'], string];
  const headers: Record<string, string> = {};
  const s = as ? sessions.get(as)! : undefined;
  if (s) headers.cookie = s.cookie;
  if (s && csrf === 'right') headers['x-csrf-token'] = s.csrf;
  if (s && csrf === 'wrong') headers['x-csrf-token'] = `${s.csrf.slice(0, -2)}xx`;
  const r = await app.inject({ method, url: concrete(url), headers, ...(UNSAFE.has(String(method)) ? { payload: {} } : {}), ...extra });
  let code: string | undefined;
  try {
    code = (r.json() as { error?: { code: string } }).error?.code;
  } catch {
    code = undefined; // not JSON (a page, a file)
  }
  return { status: r.statusCode, code };
}

describe('route × role × CSRF', () => {
  it('knows every registered route, and every route in the table exists', () => {
    const registered = routes();
    expect(registered.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('refuses a stranger on every staff route (401) and lets a stranger reach every public one', async () => {
    const wrong: string[] = [];
    for (const key of routes()) {
      const r = await call(key);
      const staff = EXPECTED[key] !== 'public';
      if (staff && (r.status !== 401 || r.code !== 'auth.required')) wrong.push(`${key}: ${r.status} ${r.code}`);
      // (Who-am-I answers a stranger 401: that is its answer, not a refusal of access.)
      if (!staff && key !== 'GET /api/auth/me' && (r.status === 401 || r.status === 403)) wrong.push(`${key}: ${r.status} ${r.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every role a route does not name (403), and lets through every role it does', async () => {
    const wrong: string[] = [];
    for (const key of routes()) {
      const access = EXPECTED[key]!;
      if (!Array.isArray(access)) continue;
      for (const role of ROLES) {
        const r = await call(key, `the-${role}`);
        if (access.includes(role)) {
          if (r.status === 401 || r.status === 403) wrong.push(`${key} as ${role}: refused ${r.status} ${r.code}`);
        } else if (r.status !== 403 || r.code !== 'auth.forbidden') wrong.push(`${key} as ${role}: ${r.status} ${r.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every state change without the session’s CSRF token, or with a wrong one (403)', async () => {
    const wrong: string[] = [];
    for (const key of routes()) {
      const access = EXPECTED[key]!;
      if (access === 'public' || !UNSAFE.has(key.split(' ')[0]!)) continue;
      const as = Array.isArray(access) ? `the-${access[0]}` : 'the-operator';
      for (const csrf of ['none', 'wrong'] as const) {
        const r = await call(key, as, csrf);
        if (r.status !== 403 || r.code !== 'auth.csrf') wrong.push(`${key} (${csrf}): ${r.status} ${r.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says why, in both languages: a missing CSRF token, and a one-time password still to change', async () => {
    const op = sessions.get('the-operator')!;
    const csrf = await app.inject({ method: 'POST', url: '/api/events', headers: { cookie: op.cookie }, payload: {} });
    expect(csrf.json()).toEqual({
      error: {
        code: 'auth.csrf',
        zh: '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
        en: 'missing or wrong CSRF token; reload the page and try again',
        where: {},
      },
    });
    const nc = sessions.get('newcomer')!;
    const change = await app.inject({ method: 'GET', url: '/api/events', headers: { cookie: nc.cookie } });
    expect(change.json()).toEqual({
      error: {
        code: 'auth.password-change',
        zh: '请先修改一次性密码，然后再继续',
        en: 'change the one-time password before anything else',
        where: { field: 'password' },
      },
    });
  });

  it('checks access before reading the body: a stranger’s malformed or oversized body is a 401', async () => {
    const bad = await call('POST /api/events', undefined, 'none', {
      payload: '{"not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad).toEqual({ status: 401, code: 'auth.required' });
    const big = await call('POST /api/events/:id/units', undefined, 'none', {
      payload: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect(big).toEqual({ status: 401, code: 'auth.required' });
    // A supervisor's (wrong role) invalid body: refused for the role, not described by validation.
    const s = sessions.get('the-supervisor')!;
    const r = await app.inject({
      method: 'POST',
      url: '/api/ceremony/x/meeting',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { place: 42 },
    });
    expect(r.statusCode).toBe(403);
  });

  it('allows nothing but the password change while a one-time password is unchanged', async () => {
    const wrong: string[] = [];
    for (const key of routes()) {
      const access = EXPECTED[key]!;
      if (!Array.isArray(access)) continue;
      const r = await call(key, 'newcomer');
      if (r.status !== 403 || r.code !== 'auth.password-change') wrong.push(`${key}: ${r.status} ${r.code}`);
    }
    expect(wrong).toEqual([]);
    const s = sessions.get('newcomer')!;
    const anon = await app.inject({ method: 'POST', url: '/api/auth/password', payload: { current: PASSWORD, password: 'x' } });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: s.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { current: PASSWORD, password: 'Copper-kettle-river-2027' },
    });
    expect(ok.statusCode).toBe(200);
    const now = await call('GET /api/events', 'newcomer');
    expect(now.status).toBe(200);
  });
});

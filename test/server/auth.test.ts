/**
 * An access plugin on its own routes, through app.inject: no session, a stale or forged one, a role not
 * allowed, and every unsafe method without, with a wrong and with the right CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { actorOf, SESSION_COOKIE } from '../../src/server/auth.js';
import { access } from '../../src/server/access.js';
import { quickAccount } from './quick-accounts.js';
import { testOffice, TestClock } from '../office/harness.js';

let app: FastifyInstance;
let op: { cookie: string; csrf: string };
let other: { cookie: string; csrf: string };
let sup: { cookie: string; csrf: string };
let t: Awaited<ReturnType<typeof testOffice>>;
const clock = new TestClock();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

beforeAll(async () => {
  t = await testOffice(clock);
  await quickAccount(t.office, { username: 'op', role: 'operator', password: 'Lantern-harbour-quiet-41' });
  await quickAccount(t.office, { username: 'sup', role: 'supervisor', password: 'Cedar-harbour-violet-31' });
  app = await buildServer({ office: t.office });
  // The steward level admits operators and admins.
  await app.register(
    access.steward(async (app) => {
      for (const method of METHODS) app.route({ method, url: '/api/test/guarded', handler: async (req) => ({ actor: actorOf(req) }) });
    }),
  );
  // Outside /api/ no session is read, so a guard there admits nobody.
  await app.register(
    access.operator(async (app) => {
      app.get('/test/outside', async (req) => ({ actor: actorOf(req) }));
    }),
  );
  await app.ready();
  op = await loginAs('op', 'Lantern-harbour-quiet-41');
  other = await loginAs('op', 'Lantern-harbour-quiet-41');
  sup = await loginAs('sup', 'Cedar-harbour-violet-31');
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

async function loginAs(username: string, password: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(r.statusCode).toBe(200);
  const cookie = r.cookies.find((c) => c.name === SESSION_COOKIE)!;
  return { cookie: `${cookie.name}=${cookie.value}`, csrf: (r.json() as { csrf: string }).csrf };
}

async function call(method: string, session?: { cookie: string; csrf?: string }, url = '/api/test/guarded') {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session?.csrf !== undefined) headers['x-csrf-token'] = session.csrf;
  const r = await app.inject({ method: method as 'GET', url, headers });
  return { status: r.statusCode, body: r.json() as { actor?: string; error?: { code: string; zh: string; en: string } } };
}

describe('access plugins', () => {
  it('admits an allowed role: safe methods without a token, unsafe ones only with the session’s own token', async () => {
    // The actor is the account's role and public tag, never its username.
    const actor = `operator:${(await t.office.store.repos.accounts.get('op'))!.tag}`;
    expect(actor).toMatch(/^operator:[0-9a-f]{8}$/);
    expect(await call('GET', { cookie: op.cookie })).toEqual({ status: 200, body: { actor } });
    for (const m of METHODS) expect(await call(m, op), m).toEqual({ status: 200, body: { actor } });
  });

  it('refuses every method without a session, or with a forged one', async () => {
    for (const m of METHODS) {
      for (const session of [undefined, { cookie: `${SESSION_COOKIE}=forged`, csrf: 'x' }]) {
        const r = await call(m, session);
        expect(r.status, m).toBe(401);
        expect(r.body.error).toEqual({ code: 'auth.required', zh: '请先登录', en: 'please log in first', where: {} });
      }
    }
  });

  it('refuses an unsafe method with no token, another session’s token, or an empty one', async () => {
    expect(other.csrf).not.toBe(op.csrf);
    for (const m of UNSAFE) {
      for (const csrf of [undefined, other.csrf, '', op.csrf.toUpperCase() === op.csrf ? op.csrf.toLowerCase() : op.csrf.toUpperCase()]) {
        const r = await call(m, { cookie: op.cookie, csrf });
        expect(r.status, `${m} ${String(csrf)}`).toBe(403);
        expect(r.body.error?.code).toBe('auth.csrf');
        expect(r.body.error?.en).toBe('missing or wrong CSRF token; reload the page and try again');
      }
    }
  });

  it('refuses a role that is not allowed, naming it — after the CSRF check, so no token means csrf', async () => {
    for (const m of METHODS) {
      const r = await call(m, sup);
      expect(r.status, m).toBe(403);
      expect(r.body.error).toEqual({
        code: 'auth.forbidden',
        zh: '您的角色（supervisor）无权执行此操作',
        en: 'your role (supervisor) may not do this',
        where: {},
      });
    }
    for (const m of UNSAFE) expect((await call(m, { cookie: sup.cookie })).body.error?.code, m).toBe('auth.csrf');
  });

  it('reads no session outside /api/', async () => {
    const r = await call('GET', op, '/test/outside');
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('auth.required');
  });

  it('refuses a session past its hours (it moves the clock)', async () => {
    expect((await call('GET', op)).status).toBe(200);
    clock.advance(9 * 3600_000);
    expect((await call('GET', op)).status).toBe(401);
  });

  it('moves a session’s idle expiry forward on each request it passes (after the test above; it moves the clock too)', async () => {
    // A session lapses IDLE_HOURS (2 h) after its last request, not after its login.
    const fresh = await loginAs('op', 'Lantern-harbour-quiet-41');
    clock.advance(90 * 60_000);
    expect((await call('POST', fresh)).status).toBe(200);
    clock.advance(90 * 60_000);
    // 3 h after login, 1.5 h after the last request: still in.
    expect((await call('GET', fresh)).status).toBe(200);
    clock.advance(2 * 3600_000 + 1);
    expect((await call('GET', fresh)).status).toBe(401);
  });
});

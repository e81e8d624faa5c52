/**
 * Accounts and login under attack, through the HTTP API: the printed one-time admin password must
 * be changed first; the password policy; admin reset, disable and re-enable; the last admin stays;
 * sessions end 12 h after login at the latest and are extended only by authenticated requests;
 * parallel guesses each count; unknown and known users get the same answer after the same work;
 * a guesser is slowed per client and the account itself is never locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount, ensureFirstAdmin } from '../../src/office/accounts/accounts.js';
import { checkPassword } from '../../src/office/accounts/password-policy.js';
import { LoginGuard } from '../../src/office/accounts/login-guard.js';
import { refusal, testOffice, TestClock } from '../office/harness.js';

const GOOD = 'Lantern-harbour-quiet-41';
const open: { app: FastifyInstance; close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.app.close();
    await o.close();
  }
});

async function server(clock = new TestClock()) {
  const t = await testOffice(clock);
  const app = await buildServer({ office: t.office });
  await app.ready();
  open.push({ app, close: () => t.office.close() });
  let n = 0;
  const login = async (username: string, password: string, address = `10.1.0.${++n}`) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });
    const c = r.cookies.find((k) => k.name === 'fairdraw_session');
    const body = r.json() as { csrf: string; account: { mustChangePassword: boolean }; error?: { code: string } };
    return { r, body, headers: c ? { cookie: `${c.name}=${c.value}`, 'x-csrf-token': body.csrf } : {} };
  };
  return { t, app, clock, login };
}

describe('password policy', () => {
  it('refuses short, common, repeated or keyboard-run passwords and ones containing the username', () => {
    const refused = (u: string, p: string) => {
      try {
        checkPassword(u, p);
        return undefined;
      } catch (e) {
        return (e as { code: string; en: string }).en;
      }
    };
    expect(refused('zhang', 'short-one')).toMatch(/at least 12/);
    for (const p of [
      'password1234',
      '123456789012',
      'qwertyuiopas',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'woaini1314520',
      'Password2026!',
      'iloveyou2026',
    ])
      expect(refused('zhang', p), p).toMatch(/common/);
    expect(refused('zhanglaoshi', 'ZhangLaoshi-2026-spring')).toMatch(/username/);
    expect(refused('zhang', GOOD)).toBeUndefined();
    expect(refused('zhang', '窗外的梧桐树叶子慢慢变黄了')).toBeUndefined();
  });
});

describe('accounts', () => {
  it('makes the printed first admin password change before anything else', async () => {
    const s = await server();
    const printed = (await ensureFirstAdmin(s.t.office))!;
    const a = await s.login('admin', printed);
    expect(a.r.statusCode).toBe(200);
    expect(a.body.account.mustChangePassword).toBe(true);
    const blocked = await s.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: a.headers });
    expect(blocked.statusCode).toBe(403);
    expect((blocked.json() as { error: { code: string } }).error.code).toBe('auth.password-change');
    const weak = await s.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { current: printed, password: 'admin-2026-password' },
    });
    expect(weak.statusCode).toBe(400);
    const wrongCurrent = await s.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { current: 'nope', password: GOOD },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    const ok = await s.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { current: printed, password: GOOD },
    });
    expect(ok.statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: a.headers })).statusCode).toBe(200);
    expect((await s.login('admin', printed)).r.statusCode).toBe(401);
    expect((await s.login('admin', GOOD)).body.account.mustChangePassword).toBe(false);
  });

  it('lets an admin reset a password (one-time, sessions end), disable and re-enable, but never the last admin', async () => {
    const s = await server();
    await createAccount(s.t.office, { username: 'boss', role: 'admin', password: GOOD });
    await createAccount(s.t.office, { username: 'clerk', role: 'operator', password: GOOD });
    const boss = await s.login('boss', GOOD);
    const clerk = await s.login('clerk', GOOD);
    const call = (url: string) => s.app.inject({ method: 'POST', url, headers: boss.headers });
    const reset = await call('/api/admin/accounts/clerk/reset');
    expect(reset.statusCode).toBe(200);
    const once = (reset.json() as { password: string }).password;
    expect(once).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await s.app.inject({ method: 'GET', url: '/api/events', headers: clerk.headers })).statusCode).toBe(401);
    expect((await s.login('clerk', GOOD)).r.statusCode).toBe(401);
    const again = await s.login('clerk', once);
    expect(again.body.account.mustChangePassword).toBe(true);

    expect((await call('/api/admin/accounts/clerk/disable')).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: again.headers })).statusCode).toBe(401);
    const disabled = await s.login('clerk', once);
    expect(disabled.r.statusCode).toBe(401);
    expect((await call('/api/admin/accounts/clerk/enable')).statusCode).toBe(200);
    expect((await s.login('clerk', once)).r.statusCode).toBe(200);

    const last = await call('/api/admin/accounts/boss/disable');
    expect(last.statusCode).toBe(409);
    expect((last.json() as { error: { code: string } }).error.code).toBe('account.last-admin');
    await createAccount(s.t.office, { username: 'deputy', role: 'admin', password: GOOD });
    expect((await call('/api/admin/accounts/deputy/disable')).statusCode).toBe(200);
    expect((await call('/api/admin/accounts/boss/disable')).statusCode).toBe(409);
    expect((await call('/api/admin/accounts/deputy/enable')).statusCode).toBe(200);
    expect((await call('/api/admin/accounts/boss/disable')).statusCode).toBe(200);
  });

  it('ends a session 12 h after login however busy, and extends it only on authenticated requests', async () => {
    const s = await server();
    await createAccount(s.t.office, { username: 'clerk', role: 'operator', password: GOOD });
    const busy = await s.login('clerk', GOOD);
    for (let h = 0; h < 11; h++) {
      s.clock.advance(3600_000);
      expect((await s.app.inject({ method: 'GET', url: '/api/events', headers: busy.headers })).statusCode, `hour ${h + 1}`).toBe(200);
    }
    s.clock.advance(3600_000);
    expect((await s.app.inject({ method: 'GET', url: '/api/events', headers: busy.headers })).statusCode).toBe(401);

    const idle = await s.login('clerk', GOOD);
    s.clock.advance(90 * 60_000);
    // Asking who one is, or reading public pages with the cookie, does not keep the session alive.
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: idle.headers })).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/api/public/events', headers: idle.headers })).statusCode).toBe(200);
    s.clock.advance(40 * 60_000);
    expect((await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: idle.headers })).statusCode).toBe(401);

    const working = await s.login('clerk', GOOD);
    s.clock.advance(90 * 60_000);
    expect((await s.app.inject({ method: 'GET', url: '/api/events', headers: working.headers })).statusCode).toBe(200);
    s.clock.advance(40 * 60_000);
    expect((await s.app.inject({ method: 'GET', url: '/api/events', headers: working.headers })).statusCode).toBe(200);
  });
});

describe('login under attack', () => {
  it('counts parallel guesses each, slows the guesser, and never locks the clerk out', async () => {
    const s = await server();
    await createAccount(s.t.office, { username: 'clerk', role: 'operator', password: GOOD });
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => s.login('clerk', `wrong-guess-${i}-xxxx`, '203.0.113.9')));
    const codes = guesses.map((g) => g.r.statusCode).sort();
    // Five pass the backoff and fail the password; the rest wait, none is checked twice.
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
    expect(guesses.find((g) => g.r.statusCode === 429)!.body.error!.code).toBe('auth.backoff');
    expect((await s.t.office.store.repos.accounts.get('clerk'))!.failed_attempts).toBe(5);
    // Even the right password waits from that address …
    expect((await s.login('clerk', GOOD, '203.0.113.9')).r.statusCode).toBe(429);
    // … while the clerk, at their own desk, logs in at once.
    expect((await s.login('clerk', GOOD, '192.168.1.20')).r.statusCode).toBe(200);
    // The wait doubles with each further failure after it has passed.
    s.clock.advance(1000);
    expect((await s.login('clerk', 'wrong-again-xxxxx', '203.0.113.9')).r.statusCode).toBe(401);
    s.clock.advance(1000);
    expect((await s.login('clerk', GOOD, '203.0.113.9')).r.statusCode).toBe(429);
    s.clock.advance(1000);
    expect((await s.login('clerk', GOOD, '203.0.113.9')).r.statusCode).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password, after the same scrypt work', async () => {
    const s = await server();
    await createAccount(s.t.office, { username: 'clerk', role: 'operator', password: GOOD });
    await s.login('ghost', 'warm-up-the-dummy-hash', '198.51.100.1');
    const time = async (username: string, address: string) => {
      const t0 = performance.now();
      const r = await s.login(username, 'not-the-password-at-all', address);
      return { ms: performance.now() - t0, body: r.r.body, status: r.r.statusCode };
    };
    const known = await time('clerk', '198.51.100.2');
    const unknown = await time('ghost', '198.51.100.3');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toBe(known.body);
    // scrypt at N = 2^17 takes tens of milliseconds: a reply without it would be far quicker.
    expect(unknown.ms).toBeGreaterThan(known.ms * 0.5);
  });

  it('backs off 1 s, 2 s, 4 s … after five failures, at most 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 30].map((n) => LoginGuard.waitFor(n))).toEqual([0, 0, 1000, 2000, 4000, 15 * 60_000]);
    const g = new LoginGuard();
    for (let i = 0; i < 5; i++) expect(g.begin('a', 0).ok).toBe(true);
    expect(g.begin('a', 999)).toEqual({ ok: false, waitMs: 1 });
    expect(g.begin('b', 999).ok).toBe(true);
    g.succeed('a');
    expect(g.begin('a', 999).ok).toBe(true);
  });
});

describe('account creation', () => {
  it('refuses a weak password at creation with the field named', async () => {
    const s = await server();
    const e = await refusal(createAccount(s.t.office, { username: 'wang', role: 'operator', password: 'wang12345678' }));
    expect(e.code).toBe('account.password');
    expect(e.where).toEqual({ field: 'password' });
  });
});

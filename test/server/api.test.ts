/** The HTTP API without a browser: sessions, roles, schemas, OpenAPI, errors in both languages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { access } from '../../src/server/access.js';
import { createAccount, ensureFirstAdmin } from '../../src/office/accounts/accounts.js';
import { testOffice, TestClock } from '../office/harness.js';

let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
const clock = new TestClock();

beforeAll(async () => {
  t = await testOffice(clock);
  await createAccount(t.office, { username: 'op', role: 'operator', password: 'Lantern-harbour-quiet-41' });
  app = await buildServer({ office: t.office });
  // A route that returns more than it declares: the serializer must drop the rest.
  await app.register(
    access.public(async (pub) => {
      pub.get('/api/public/test/leak', { schema: { response: { 200: z.object({ regNo: z.string() }) } } }, async () => ({
        regNo: 'ABC',
        idNumber: '510302201309171706',
      }));
    }),
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

async function loginAs(username: string, password: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(r.statusCode).toBe(200);
  const cookie = r.cookies.find((c) => c.name === 'fairdraw_session')!;
  return { cookie: `${cookie.name}=${cookie.value}`, csrf: (r.json() as { csrf: string }).csrf, set: cookie };
}

describe('API', () => {
  it('serves the OpenAPI document with the lifecycle routes', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { paths: Record<string, unknown> };
    for (const p of ['/api/events', '/api/events/{id}/publish', '/api/events/{id}/freeze', '/api/events/{id}/draw', '/api/auth/login'])
      expect(Object.keys(doc.paths)).toContain(p);
  });

  it('serialises only the fields a response declares', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/public/test/leak' });
    expect(r.json()).toEqual({ regNo: 'ABC' });
    expect(r.body).not.toContain('510302');
  });

  it('sets an httpOnly SameSite=Strict session cookie and lets the session expire', async () => {
    const s = await loginAs('op', 'Lantern-harbour-quiet-41');
    expect(s.set.httpOnly).toBe(true);
    expect(String(s.set.sameSite).toLowerCase()).toBe('strict');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    clock.advance(3 * 3600_000); // idle longer than the idle limit
    const late = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(late.statusCode).toBe(401);
  });

  it('answers errors in Chinese and English, naming the field', async () => {
    const s = await loginAs('op', 'Lantern-harbour-quiet-41');
    const r = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { id: 'bad id!', title: 't', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    });
    expect(r.statusCode).toBe(400);
    const e = (r.json() as { error: { code: string; zh: string; en: string; where: { field: string } } }).error;
    expect(e.code).toBe('id.invalid');
    expect(e.zh).toMatch(/批次编号/);
    expect(e.en).toMatch(/event id/);
    expect(e.where.field).toBe('id');
    const missing = await app.inject({ method: 'GET', url: '/api/events/nope', headers: { cookie: s.cookie } });
    expect(missing.statusCode).toBe(404);
  });

  it('creates the first admin only when there is no account', async () => {
    expect(await ensureFirstAdmin(t.office)).toBeUndefined();
    const fresh = await testOffice();
    const password = await ensureFirstAdmin(fresh.office);
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const app2 = await buildServer({ office: fresh.office });
    const r = await app2.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } });
    expect(r.statusCode).toBe(200);
    expect((r.json() as { account: { role: string } }).account.role).toBe('admin');
    await app2.close();
    await fresh.office.close();
  });

  it('stores passwords as scrypt hashes, never as text', async () => {
    const row = await t.office.store.repos.accounts.get('op');
    expect(row!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row!.password_hash).not.toContain('Lantern-harbour-quiet-41');
  });
});

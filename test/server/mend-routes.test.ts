/** The console's mending and 撤回 routes over HTTP, and what the public API then shows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { testOffice } from '../office/harness.js';
import { runFlow } from '../office/flows.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
let op: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

async function login(username: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  expect(r.statusCode).toBe(200);
  const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
  return { cookie: `${c.name}=${c.value}`, csrf: (r.json() as { csrf: string }).csrf };
}

function as(s: { cookie: string; csrf: string }, method: InjectOptions['method'], url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await testOffice();
  await createAccount(t.office, { username: 'op', role: 'operator', password: PASSWORD });
  await createAccount(t.office, { username: 'notary', role: 'supervisor', password: PASSWORD });
  app = await buildServer({ office: t.office });
  await app.ready();
  op = await login('op');
  viewer = await login('notary');
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

describe('mending a draft over HTTP', () => {
  it('renames the event, edits and deletes a unit, each answer the new overview', async () => {
    const created = await as(op, 'POST', '/api/events', {
      id: 'd1',
      title: '草稿',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
    });
    expect(created.statusCode).toBe(200);
    await as(op, 'POST', '/api/events/d1/units', { id: 'A', name: '甲小学', seats: 2 });
    await as(op, 'POST', '/api/events/d1/units', { id: 'B', name: '乙小学', seats: 2 });

    const renamed = await as(op, 'PATCH', '/api/events/d1', { title: '2026年批次' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ title: '2026年批次' });

    const edited = await as(op, 'PATCH', '/api/events/d1/units/A', { seats: 7, name: '甲小学东校区' });
    expect(edited.json().units).toEqual([
      expect.objectContaining({ id: 'A', name: '甲小学东校区', seats: 7 }),
      expect.objectContaining({ id: 'B', seats: 2 }),
    ]);

    const zero = await as(op, 'PATCH', '/api/events/d1/units/A', { seats: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error).toMatchObject({ code: 'unit.seats', where: { field: 'seats' } });

    const removed = await as(op, 'DELETE', '/api/events/d1/units/B');
    expect(removed.statusCode).toBe(200);
    expect(removed.json().units.map((u: { id: string }) => u.id)).toEqual(['A']);
  });

  it('lets a supervisor read but not mend', async () => {
    expect((await as(viewer, 'PATCH', '/api/events/d1', { title: 'x' })).statusCode).toBe(403);
    expect((await as(viewer, 'DELETE', '/api/events/d1')).statusCode).toBe(403);
  });

  it('deletes the draft: gone from the list, its id not given again', async () => {
    const r = await as(op, 'DELETE', '/api/events/d1');
    expect(r.statusCode).toBe(200);
    const list = (await as(op, 'GET', '/api/events')).json() as { events: { id: string }[] };
    expect(list.events.map((e) => e.id)).not.toContain('d1');
    const again = await as(op, 'POST', '/api/events', {
      id: 'd1',
      title: '草稿',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
    });
    expect(again.json().error.code).toBe('event.id-used');
  });
});

describe('撤回 over HTTP', () => {
  it('withdraws a published event; the public list and announcement show it withdrawn with the reason', async () => {
    await runFlow(t.office, 'p1', 4, 'published');
    const empty = await as(op, 'POST', '/api/events/p1/withdraw', { reason: '' });
    expect(empty.json().error.code).toBe('withdraw.reason');

    const r = await as(op, 'POST', '/api/events/p1/withdraw', { reason: '学位计划有误' });
    expect(r.statusCode).toBe(200);
    expect(r.json().withdrawn).toMatchObject({ reason: '学位计划有误', statusAt: 'published', actor: expect.stringMatching(/^operator:/) });

    const list = (await as(op, 'GET', '/api/events')).json() as { events: { id: string; withdrawn: boolean }[] };
    expect(list.events.find((e) => e.id === 'p1')?.withdrawn).toBe(true);

    const pub = (await app.inject({ method: 'GET', url: '/api/public/events' })).json() as {
      events: { id: string; withdrawn: { reason: string } | null }[];
    };
    expect(pub.events.find((e) => e.id === 'p1')?.withdrawn?.reason).toBe('学位计划有误');
    const ann = (await app.inject({ method: 'GET', url: '/api/public/events/p1' })).json();
    expect(ann.withdrawn.reason).toBe('学位计划有误');
    expect(ann.schedule.at(-1)).toMatchObject({ action: 'withdraw', reason: '学位计划有误' });

    const freeze = await as(op, 'POST', '/api/events/p1/freeze');
    expect(freeze.json().error.code).toBe('event.withdrawn');
  });

  it('refuses to withdraw a drawn event', async () => {
    await runFlow(t.office, 'r1', 4, 'results');
    const r = await as(op, 'POST', '/api/events/r1/withdraw', { reason: '不满意' });
    expect(r.json().error.code).toBe('event.status');
    const ann = (await app.inject({ method: 'GET', url: '/api/public/events/r1' })).json();
    expect(ann.withdrawn).toBeNull();
  });
});

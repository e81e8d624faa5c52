/**
 * 区县 over HTTP, route by route. Two districts (A and B) and the city: for every registered staff
 * route that names an event, each role of district A asking about an event of district B gets the
 * answer an event that does not exist gets (404 `event.missing`) and changes nothing, while the
 * city's accounts reach the route. The routes come from the server's own list, so a new route is
 * covered the day it is added; a staff route that names no event must be listed below with the
 * test that shows how it keeps to its district.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { buildServer } from '../../src/server/app.js';
import { addDistrict, CITY_LOG } from '../../src/office/districts.js';
import { createEvent } from '../../src/office/create-event.js';
import { recordLook } from '../../src/office/privacy/access-log.js';
import type { Role } from '../../src/store/schema.js';
import { quickAccount } from './quick-accounts.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
const ROLES: Role[] = ['admin', 'operator', 'supervisor'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** B's events: the seed case with its results published, and a draft. A's: a draft. */
const B_RESULTS = EVENT;
const B_DRAFT = 'b-draft';
const A_DRAFT = 'a-draft';

/**
 * The staff routes that name no event, and where each keeps to the asking account's district
 * (tested below). A new staff route that names no event fails the first test until it is added
 * here with its test.
 */
const UNSCOPED: Record<string, string> = {
  'POST /api/auth/password': 'an account changes its own password',
  'GET /api/admin/accounts': 'lists the district’s accounts only',
  'POST /api/admin/accounts': 'creates an account of the admin’s district only',
  'GET /api/districts': 'the districts’ names are public (the portal lists them)',
  'POST /api/districts': 'city admins only',
  'GET /api/events': 'lists the district’s events only',
  'POST /api/events': 'creates an event of the account’s district only',
  'GET /api/privacy/access-log': 'the district’s events’ entries only',
  'GET /api/privacy/retention': 'the district’s events only',
};

let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
const sessions = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  t = await testOffice();
  await addDistrict(t.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli:city');
  await addDistrict(t.office, { id: 'dist-b', code: '310104', name: '徐汇区' }, 'cli:city');
  await auditedEvent(t.office, 'results');
  await t.office.store.repos.events.update(B_RESULTS, { district_id: 'dist-b' });
  const draft = { title: '草稿', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' } as const;
  await createEvent(t.office, { ...draft, id: B_DRAFT, district: 'dist-b' }, 'operator');
  await createEvent(t.office, { ...draft, id: A_DRAFT, district: 'dist-a' }, 'operator');
  for (const role of ROLES) {
    await quickAccount(t.office, { username: `a-${role}`, role, password: PASSWORD }, { district: 'dist-a' });
    await quickAccount(t.office, { username: `b-${role}`, role, password: PASSWORD }, { district: 'dist-b' });
    await quickAccount(t.office, { username: `city-${role}`, role, password: PASSWORD });
  }
  app = await buildServer({ office: t.office });
  await app.ready();
  for (const who of ['a', 'b', 'city']) {
    for (const role of ROLES) {
      const username = `${who}-${role}`;
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(r.statusCode).toBe(200);
      const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
      sessions.set(username, { cookie: `${c.name}=${c.value}`, csrf: (r.json() as { csrf: string }).csrf });
    }
  }
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

const staffRoutes = (): string[] => [
  ...new Set(
    app.registeredRoutes
      .filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && r.level !== 'public')
      .map((r) => `${r.method} ${r.url}`),
  ),
];

const namesEvent = (key: string) => key.split(' ')[1]!.split('/').includes(':id');

/** A concrete URL for a route pattern, about `event`: its real unit, a real registration number. */
function concrete(url: string, event: string, username = 'nobody'): string {
  return url
    .replace(':id', event)
    .replace(':index', '0')
    .replace(':unit', 'TML')
    .replace(':file', 'record.json')
    .replace(':reg', 'R')
    .replace(':act', 'confirm')
    .replace(':username', username);
}

async function call(as: string, method: string, url: string, payload?: unknown) {
  const s = sessions.get(as)!;
  const r = await app.inject({
    method: method as InjectOptions['method'],
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(payload !== undefined ? { payload: payload as object } : UNSAFE.has(method) ? { payload: {} } : {}),
  });
  let body: { error?: { code: string } } | undefined;
  try {
    body = r.json();
  } catch {
    body = undefined; // a file
  }
  return { status: r.statusCode, body };
}

/** Every row of every table but the sessions (each request extends its own), in a stable order. */
async function snapshot(): Promise<Record<string, string[]>> {
  const db = t.office.store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const out: Record<string, string[]> = {};
  for (const table of await db.introspection.getTables()) {
    if (table.name === 'sessions' || table.name.startsWith('kysely_')) continue;
    const rows = await db.selectFrom(table.name).selectAll().execute();
    out[table.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const missing = (id: string) => ({
  status: 404,
  body: { error: { code: 'event.missing', zh: `没有编号为 ${id} 的摇号批次`, en: `there is no event ${id}`, where: { field: 'event' } } },
});

describe('every staff route keeps to the asking account’s district', () => {
  it('names an event in its path, or is one of the routes that list or create in the account’s district', () => {
    const routes = staffRoutes();
    const unscoped = routes.filter((k) => !namesEvent(k) && !k.includes(':username'));
    expect(unscoped.sort()).toEqual(Object.keys(UNSCOPED).sort());
    expect(routes.filter(namesEvent).length).toBeGreaterThan(40);
  });

  it('leaves the public pages alone: a district’s staff, logged in, read another district’s published event like anyone', async () => {
    const s = sessions.get('a-operator')!;
    for (const url of [`/api/public/events/${B_RESULTS}`, `/api/public/events/${B_RESULTS}/results/TML`]) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('keeps a route’s own first check: an upload over the limit to the district’s own event is refused before it is read', async () => {
    const s = sessions.get('a-operator')!;
    const r = await app.inject({
      method: 'POST',
      url: `/api/events/${A_DRAFT}/import`,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': 'application/octet-stream',
        'content-length': String(300 * 2 ** 20),
      },
      payload: Buffer.alloc(10),
    });
    expect(r.statusCode).toBe(400);
    expect((r.json() as { error: { code: string } }).error.code).toBe('import.file-too-large');
  });

  it('answers district A’s admin, operator and supervisor about B’s events as about no event, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    const reached = new Set<string>();
    for (const key of staffRoutes().filter(namesEvent)) {
      const [method, url] = key.split(' ') as [string, string];
      for (const role of ROLES) {
        for (const event of [B_RESULTS, B_DRAFT]) {
          const r = await call(`a-${role}`, method, concrete(url, event));
          if (r.status === 403 && r.body?.error?.code === 'auth.forbidden') continue; // not this role's route
          reached.add(key);
          try {
            expect(r).toEqual(missing(event));
          } catch {
            wrong.push(`${key} as a-${role} on ${event}: ${r.status} ${JSON.stringify(r.body)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(staffRoutes().filter((k) => namesEvent(k) && !reached.has(k))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('checks the role first: a role a route does not name is refused as such, whatever the event', async () => {
    for (const event of [B_RESULTS, A_DRAFT, 'no-such-event']) {
      const r = await call('a-supervisor', 'POST', `/api/events/${event}/publish`);
      expect([r.status, r.body?.error?.code]).toEqual([403, 'auth.forbidden']);
    }
  });

  it('gives a district the same answer for an event of another district and for one that does not exist', async () => {
    for (const key of ['GET /api/events/:id', 'POST /api/events/:id/publish', 'GET /api/events/:id/audit']) {
      const [method, url] = key.split(' ') as [string, string];
      const other = await call('a-operator', method, concrete(url, B_RESULTS));
      const none = await call('a-operator', method, concrete(url, 'no-such-event'));
      expect(none).toEqual(missing('no-such-event'));
      expect(JSON.stringify(other).replaceAll(B_RESULTS, 'no-such-event')).toBe(JSON.stringify(none));
    }
  });

  it('lets the city’s accounts reach every such route on B’s event, and B’s own accounts too', async () => {
    const wrong: string[] = [];
    for (const who of ['city', 'b']) {
      const reached = new Set<string>();
      for (const key of staffRoutes().filter(namesEvent)) {
        const [method, url] = key.split(' ') as [string, string];
        for (const role of ROLES) {
          const r = await call(`${who}-${role}`, method, concrete(url, B_RESULTS));
          if (r.status === 403 && r.body?.error?.code === 'auth.forbidden') continue;
          reached.add(key);
          if (r.body?.error?.code === 'event.missing') wrong.push(`${key} as ${who}-${role}: ${r.status}`);
        }
      }
      expect(staffRoutes().filter((k) => namesEvent(k) && !reached.has(k))).toEqual([]);
    }
    expect(wrong).toEqual([]);
    // And they read it.
    expect((await call('city-supervisor', 'GET', `/api/events/${B_RESULTS}`)).body).toMatchObject({ id: B_RESULTS, status: 'results' });
    expect((await call('b-operator', 'GET', `/api/events/${B_RESULTS}/audit`)).status).toBe(200);
  });

  it('lets a district change its own events, and the city change any', async () => {
    const renamed = await call('a-operator', 'PATCH', `/api/events/${A_DRAFT}`, { title: '黄浦区2026年批次' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: A_DRAFT, title: '黄浦区2026年批次' });
    const foreign = await call('a-operator', 'PATCH', `/api/events/${B_DRAFT}`, { title: '改名' });
    expect(foreign).toEqual(missing(B_DRAFT));
    const byCity = await call('city-operator', 'PATCH', `/api/events/${B_DRAFT}`, { title: '徐汇区2026年批次' });
    expect(byCity.status).toBe(200);
    expect((await t.office.store.repos.events.getById(B_DRAFT))?.title).toBe('徐汇区2026年批次');
  });
});

describe('the routes that name no event', () => {
  it('lists a district’s events to its staff, and every event to the city', async () => {
    const ids = async (as: string) =>
      ((await call(as, 'GET', '/api/events')).body as unknown as { events: { id: string }[] }).events.map((e) => e.id);
    expect(await ids('a-supervisor')).toEqual([A_DRAFT]);
    expect((await ids('b-operator')).sort()).toEqual([B_DRAFT, B_RESULTS].sort());
    expect((await ids('city-supervisor')).sort()).toEqual([A_DRAFT, B_DRAFT, B_RESULTS].sort());
    const listed = (await call('city-operator', 'GET', '/api/events')).body as unknown as { events: { id: string; district?: string }[] };
    expect(listed.events.find((e) => e.id === A_DRAFT)?.district).toBe('dist-a');
  });

  it('creates a district’s event in its district, and refuses another district as unknown; the city chooses', async () => {
    const event = (id: string, district?: string) => ({
      id,
      title: '批次',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      ...(district ? { district } : {}),
    });
    expect((await call('a-operator', 'POST', '/api/events', event('a-new'))).status).toBe(200);
    expect((await t.office.store.repos.events.getById('a-new'))?.district_id).toBe('dist-a');
    const elsewhere = await call('a-operator', 'POST', '/api/events', event('a-elsewhere', 'dist-b'));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body?.error?.code).toBe('district.missing');
    expect(await t.office.store.repos.events.getById('a-elsewhere')).toBeUndefined();
    expect((await call('city-operator', 'POST', '/api/events', event('city-for-b', 'dist-b'))).status).toBe(200);
    expect((await t.office.store.repos.events.getById('city-for-b'))?.district_id).toBe('dist-b');
    expect((await call('city-operator', 'POST', '/api/events', event('city-own'))).status).toBe(200);
    expect((await t.office.store.repos.events.getById('city-own'))?.district_id).toBeNull();
    const unknown = await call('city-operator', 'POST', '/api/events', event('city-nowhere', 'dist-z'));
    expect(unknown.status).toBe(404);
    expect(await t.office.store.repos.events.getById('city-nowhere')).toBeUndefined();
  });

  it('lets a district admin see and manage its district’s accounts only, and logs each account given a district', async () => {
    const names = async (as: string) =>
      ((await call(as, 'GET', '/api/admin/accounts')).body as unknown as { accounts: { username: string }[] }).accounts.map(
        (a) => a.username,
      );
    expect((await names('a-admin')).sort()).toEqual(['a-admin', 'a-operator', 'a-supervisor']);
    expect(await names('city-admin')).toHaveLength(9);

    const made = await call('a-admin', 'POST', '/api/admin/accounts', { username: 'a-clerk', role: 'operator', password: PASSWORD });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ username: 'a-clerk', district: 'dist-a' });
    const elsewhere = await call('a-admin', 'POST', '/api/admin/accounts', {
      username: 'a-spy',
      role: 'operator',
      password: PASSWORD,
      district: 'dist-b',
    });
    expect(elsewhere.status).toBe(404);
    expect(await t.office.store.repos.accounts.get('a-spy')).toBeUndefined();
    const forB = await call('city-admin', 'POST', '/api/admin/accounts', {
      username: 'b-clerk',
      role: 'supervisor',
      password: PASSWORD,
      district: 'dist-b',
    });
    expect(forB.body).toMatchObject({ username: 'b-clerk', district: 'dist-b' });

    // Another district's account, or the city's, is no account to a district admin: on every route naming one.
    const accountRoutes = staffRoutes().filter((k) => k.includes(':username'));
    expect(accountRoutes.length).toBeGreaterThanOrEqual(3);
    const before = await snapshot();
    for (const key of accountRoutes) {
      const [method, url] = key.split(' ') as [string, string];
      for (const username of ['b-operator', 'city-operator', 'nobody']) {
        const r = await call('a-admin', method, concrete(url, '', username));
        expect(r, key).toEqual({
          status: 404,
          body: {
            error: {
              code: 'account.missing',
              zh: `没有账户 ${username}`,
              en: `there is no account ${username}`,
              where: { field: 'username' },
            },
          },
        });
      }
    }
    expect(await snapshot()).toEqual(before);
    expect((await call('a-admin', 'POST', '/api/admin/accounts/a-clerk/disable')).status).toBe(200);
    expect((await call('city-admin', 'POST', '/api/admin/accounts/b-clerk/disable')).status).toBe(200);

    const log = await t.office.store.repos.audit.list(CITY_LOG);
    const given = log.filter((e) => e.action === 'account.district').map((e) => (e.details as { district: string }).district);
    expect(given).toEqual(['dist-a', 'dist-b']);
    const aAdmin = (await t.office.store.repos.accounts.get('a-admin'))!;
    expect(log.find((e) => e.action === 'account.district')?.actor).toBe(`admin:${aAdmin.tag}`);
  });

  it('adds a district for a city admin only, and lists the districts to every staff account', async () => {
    const input = { id: 'dist-c', code: '310105', name: '长宁区' };
    const refused = await call('a-admin', 'POST', '/api/districts', input);
    expect(refused.status).toBe(403);
    expect(refused.body?.error?.code).toBe('auth.forbidden');
    const added = await call('city-admin', 'POST', '/api/districts', input);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject(input);
    const again = await call('city-admin', 'POST', '/api/districts', { ...input, id: 'dist-c2' });
    expect(again.status).toBe(409);
    expect(again.body?.error).toMatchObject({ code: 'district.exists', where: { field: 'code' } });
    const listed = (await call('b-operator', 'GET', '/api/districts')).body as unknown as { districts: { id: string; name: string }[] };
    expect(listed.districts.map((d) => `${d.id} ${d.name}`)).toEqual(['dist-a 黄浦区', 'dist-b 徐汇区', 'dist-c 长宁区']);
  });

  it('shows a district’s overseers the access log and retention of its own events only', async () => {
    await recordLook(t.office, { actor: 'operator:b-operator', eventId: B_RESULTS, what: 'applicants.list', families: 3 });
    await recordLook(t.office, { actor: 'operator:a-operator', eventId: A_DRAFT, what: 'applicants.list', families: 1 });
    const log = async (as: string, query = '') =>
      ((await call(as, 'GET', `/api/privacy/access-log${query}`)).body as unknown as { entries: { eventId: string }[] }).entries.map(
        (e) => e.eventId,
      );
    expect(new Set(await log('a-supervisor'))).toEqual(new Set([A_DRAFT]));
    expect(await log('a-admin', `?event=${B_RESULTS}`)).toEqual([]);
    expect(new Set(await log('city-supervisor'))).toEqual(new Set([A_DRAFT, B_RESULTS]));
    const kept = async (as: string) =>
      ((await call(as, 'GET', '/api/privacy/retention')).body as unknown as { events: { eventId: string }[] }).events.map((e) => e.eventId);
    expect((await kept('a-admin')).sort()).toEqual([A_DRAFT, 'a-new']);
    expect(await kept('city-admin')).toContain(B_RESULTS);
  });
});

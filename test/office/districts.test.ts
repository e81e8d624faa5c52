/** 区县 in the office: adding districts, the one check every event look-up goes through, and creating in a district. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal, testOffice } from './harness.js';
import {
  addDistrict,
  checkAccountScope,
  checkEventScope,
  CITY,
  CITY_LOG,
  eventsInScope,
  listDistricts,
} from '../../src/office/districts.js';
import { createEvent } from '../../src/office/create-event.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { verifyChain } from '../../src/core/audit.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
const DRAFT = { title: '批次', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' } as const;
const A = { district: 'dist-a' };

let t: Awaited<ReturnType<typeof testOffice>>;
beforeEach(async () => {
  t = await testOffice();
});
afterEach(async () => {
  await t.office.close();
});

const cityLog = () => t.office.store.repos.audit.list(CITY_LOG);

describe('adding a district', () => {
  it('stores it and writes it to the city’s signed log', async () => {
    const d = await addDistrict(t.office, { id: 'xuhui', code: '310104', name: ' 徐汇区 ' }, 'admin:1a2b3c4d');
    expect(d).toEqual({ id: 'xuhui', code: '310104', name: '徐汇区', createdAt: '2026-06-01T09:00:00.000Z' });
    const log = await cityLog();
    expect(log.map((e) => [e.action, e.actor, e.details])).toEqual([
      ['district.create', 'admin:1a2b3c4d', { id: 'xuhui', code: '310104', name: '徐汇区' }],
    ]);
    const checks = await t.office.store.repos.audit.checkpoints(CITY_LOG);
    expect(verifyChain(log, checks, await t.office.keys.publicKey())).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('refuses a bad id, code or name, a repeated one, and a district’s admin, changing nothing', async () => {
    await addDistrict(t.office, { id: 'xuhui', code: '310104', name: '徐汇区' }, 'cli');
    const cases: [{ id: string; code: string; name: string }, string, string][] = [
      [{ id: 'jing an', code: '310106', name: '静安区' }, 'id.invalid', 'id'],
      [{ id: 'jingan', code: '31010', name: '静安区' }, 'district.code', 'code'],
      [{ id: 'jingan', code: '３１０１０６', name: '静安区' }, 'district.code', 'code'],
      [{ id: 'jingan', code: '310106', name: '  ' }, 'district.name', 'name'],
      [{ id: 'jingan', code: '310106', name: '区'.repeat(33) }, 'district.name', 'name'],
      [{ id: 'xuhui', code: '310106', name: '静安区' }, 'district.exists', 'id'],
      [{ id: 'jingan', code: '310104', name: '静安区' }, 'district.exists', 'code'],
      [{ id: 'jingan', code: '310106', name: '徐汇区' }, 'district.exists', 'name'],
    ];
    for (const [input, code, field] of cases) {
      const e = await refusal(addDistrict(t.office, input, 'cli'));
      expect([e.code, e.where.field]).toEqual([code, field]);
    }
    const e = await refusal(addDistrict(t.office, { id: 'jingan', code: '310106', name: '静安区' }, 'admin:x', { district: 'xuhui' }));
    expect(e.code).toBe('auth.forbidden');
    expect((await listDistricts(t.office)).map((d) => d.id)).toEqual(['xuhui']);
    expect(await cityLog()).toHaveLength(1);
  });

  it('keeps the city’s log apart from every event: no event can take its id', async () => {
    const e = await refusal(createEvent(t.office, { ...DRAFT, id: CITY_LOG }, 'operator'));
    expect(e.code).toBe('id.invalid');
  });
});

describe('an event look-up by a district’s account', () => {
  beforeEach(async () => {
    await addDistrict(t.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli');
    await addDistrict(t.office, { id: 'dist-b', code: '310104', name: '徐汇区' }, 'cli');
    await createEvent(t.office, { ...DRAFT, id: 'ev-a' }, 'operator', A);
    await createEvent(t.office, { ...DRAFT, id: 'ev-b', district: 'dist-b' }, 'operator');
    await createEvent(t.office, { ...DRAFT, id: 'ev-city' }, 'operator');
  });

  it('passes its own district’s event, and answers another district’s, the city’s and a missing one alike', async () => {
    const repos = t.office.store.repos;
    await checkEventScope(repos, A, 'ev-a');
    for (const id of ['ev-b', 'ev-city', 'nope']) {
      const e = await refusal(checkEventScope(repos, A, id));
      expect(e.toJSON()).toEqual({
        code: 'event.missing',
        zh: `没有编号为 ${id} 的摇号批次`,
        en: `there is no event ${id}`,
        where: { field: 'event' },
      });
    }
    for (const id of ['ev-a', 'ev-b', 'ev-city', 'nope']) await checkEventScope(repos, CITY, id);
  });

  it('lists the district’s events to it, every event to the city', async () => {
    const repos = t.office.store.repos;
    expect((await eventsInScope(repos, A)).map((e) => e.id)).toEqual(['ev-a']);
    expect((await eventsInScope(repos, CITY)).map((e) => e.id).sort()).toEqual(['ev-a', 'ev-b', 'ev-city']);
  });

  it('creates a district’s event in its district and logs it; another district named is unknown to it', async () => {
    expect((await t.office.store.repos.events.getById('ev-a'))?.district_id).toBe('dist-a');
    expect((await t.office.store.repos.audit.list('ev-a'))[0]?.details).toMatchObject({ district: 'dist-a' });
    const e = await refusal(createEvent(t.office, { ...DRAFT, id: 'ev-x', district: 'dist-b' }, 'operator', A));
    expect([e.code, e.en]).toEqual(['district.missing', 'there is no district dist-b']);
    const u = await refusal(createEvent(t.office, { ...DRAFT, id: 'ev-y', district: 'dist-z' }, 'operator'));
    expect(u.code).toBe('district.missing');
    expect(await t.office.store.repos.events.getById('ev-x')).toBeUndefined();
    expect(await t.office.store.repos.events.getById('ev-y')).toBeUndefined();
  });
});

describe('accounts of a district', () => {
  it('puts a district admin’s new account in its district, logs it, and hides other districts’ accounts from it', async () => {
    await addDistrict(t.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli');
    await addDistrict(t.office, { id: 'dist-b', code: '310104', name: '徐汇区' }, 'cli');
    const a = await createAccount(t.office, { username: 'a-op', role: 'operator', password: PASSWORD }, { scope: A, actor: 'admin:aaaa' });
    expect(a.district).toBe('dist-a');
    const b = await createAccount(
      t.office,
      { username: 'b-op', role: 'operator', password: PASSWORD, district: 'dist-b' },
      { actor: 'cli' },
    );
    expect(b.district).toBe('dist-b');
    const city = await createAccount(t.office, { username: 'c-op', role: 'operator', password: PASSWORD });
    expect(city.district).toBeNull();
    const e = await refusal(
      createAccount(t.office, { username: 'x-op', role: 'operator', password: PASSWORD, district: 'dist-b' }, { scope: A }),
    );
    expect(e.code).toBe('district.missing');
    expect(await t.office.store.repos.accounts.get('x-op')).toBeUndefined();

    const given = (await cityLog()).filter((x) => x.action === 'account.district');
    expect(given.map((x) => [x.actor, x.details])).toEqual([
      ['admin:aaaa', { account: `operator:${a.tag}`, district: 'dist-a' }],
      ['cli', { account: `operator:${b.tag}`, district: 'dist-b' }],
    ]);

    const repos = t.office.store.repos;
    await checkAccountScope(repos, A, 'a-op');
    for (const name of ['b-op', 'c-op', 'nobody']) expect((await refusal(checkAccountScope(repos, A, name))).code).toBe('account.missing');
    for (const name of ['a-op', 'b-op', 'c-op']) await checkAccountScope(repos, CITY, name);
  });
});

describe('an install without districts', () => {
  it('creates events and accounts as before: no district, nothing in the city’s log', async () => {
    await createEvent(t.office, { ...DRAFT, id: 'plain' }, 'operator');
    const ev = await t.office.store.repos.events.getById('plain');
    expect(ev?.district_id).toBeNull();
    expect(Object.keys((await t.office.store.repos.audit.list('plain'))[0]!.details as object)).not.toContain('district');
    expect((await createAccount(t.office, { username: 'op', role: 'operator', password: PASSWORD })).district).toBeNull();
    expect(await cityLog()).toEqual([]);
    expect(await listDistricts(t.office)).toEqual([]);
  });
});

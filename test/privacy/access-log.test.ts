/** The private access log: every staff look at unmasked personal data is recorded; only supervisors and admins read it; nothing of it is public. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { publicBundle } from '../../src/office/exports/bundle.js';
import { DEMO_SETTINGS, updateDocumentSettings } from '../../src/office/documents/settings.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await testOffice();
  await auditedEvent(t.office, 'results');
  for (const role of ['admin', 'operator', 'supervisor'] as const)
    await createAccount(t.office, { username: `the-${role}`, role, password: PASSWORD });
  app = await buildServer({ office: t.office });
  await app.ready();
  for (const role of ['admin', 'operator', 'supervisor']) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `the-${role}`, password: PASSWORD } });
    const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
    cookies.set(role, `${c.name}=${c.value}`);
  }
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

const get = (url: string, as?: string) => app.inject({ method: 'GET', url, headers: as ? { cookie: cookies.get(as)! } : {} });

interface Entry {
  actor: string;
  eventId: string;
  what: string;
  families: number;
  reason: string | null;
  details: Record<string, unknown>;
}

describe('the access log', () => {
  it('records each look: who, what, how many families, an export’s reason; never the search text', async () => {
    const total = await t.office.store.repos.applicants.countByEvent(EVENT);
    expect((await get(`/api/events/${EVENT}/applicants?limit=20`, 'operator')).statusCode).toBe(200);
    const someone = (await t.office.store.repos.applicants.listByEvent(EVENT))[2]!;
    expect((await get(`/api/events/${EVENT}/applicants?q=${encodeURIComponent(someone.id_number)}`, 'operator')).statusCode).toBe(200);
    expect((await get(`/api/events/${EVENT}/results`, 'supervisor')).statusCode).toBe(200);
    expect((await get(`/api/events/${EVENT}/export/units.xlsx?reason=${encodeURIComponent('移交录取学校')}`, 'operator')).statusCode).toBe(
      200,
    );
    expect(
      (await get(`/api/events/${EVENT}/documents/workbook.xlsx?reason=${encodeURIComponent('区局存档核对')}`, 'admin')).statusCode,
    ).toBe(200);
    const r = await get('/api/privacy/access-log', 'supervisor');
    expect(r.statusCode).toBe(200);
    const entries = (r.json() as { entries: Entry[] }).entries.reverse();
    expect(entries.map((e) => [e.actor, e.what, e.families, e.reason])).toEqual([
      ['operator:the-operator', 'applicants.list', 20, null],
      ['operator:the-operator', 'applicants.search', 1, null],
      ['supervisor:the-supervisor', 'results.names', total, null],
      ['operator:the-operator', 'export.units', total, '移交录取学校'],
      ['admin:the-admin', 'export.workbook', total, '区局存档核对'],
    ]);
    expect(entries[1]!.details.regNos).toEqual([someone.reg_no]);
    expect(JSON.stringify(entries)).not.toContain(someone.id_number);
  });

  it('refuses an export of personal data without a reason, and logs nothing for it', async () => {
    const before = (await get('/api/privacy/access-log', 'admin')).json() as { entries: Entry[] };
    for (const url of [
      `/api/events/${EVENT}/export/units.xlsx`,
      `/api/events/${EVENT}/export/units.xlsx?reason=${encodeURIComponent('  ')}`,
      `/api/events/${EVENT}/documents/workbook.xlsx`,
      `/api/events/${EVENT}/documents/notices.pdf`,
      `/api/events/${EVENT}/documents/notice.pdf?reg=x`,
    ]) {
      const r = await get(url, 'admin');
      expect(r.statusCode, url).toBe(400);
      const { error } = r.json() as { error: { code: string; zh: string; en: string; where: { field?: string } } };
      expect(error.code, url).toBe('privacy.reason');
      expect(error.where.field, url).toBe('reason');
      expect(error.zh, url).toContain('理由');
      expect(error.en, url).toContain('reason');
    }
    const after = (await get('/api/privacy/access-log', 'admin')).json() as { entries: Entry[] };
    expect(after.entries.length).toBe(before.entries.length);
  });

  it("counts a unit's notices as that unit's families: over all units every family once", async () => {
    await updateDocumentSettings(t.office, EVENT, { ...DEMO_SETTINGS, publicUrl: 'https://yaohao.example.gov.cn' }, 'operator');
    const total = await t.office.store.repos.applicants.countByEvent(EVENT);
    const units = await t.office.store.repos.events.listUnits(EVENT);
    expect(units.length).toBeGreaterThan(1);
    const counts: number[] = [];
    for (const u of units) {
      const r = await get(
        `/api/events/${EVENT}/documents/notices.pdf?unit=${u.id}&reason=${encodeURIComponent('按学校发放通知书')}`,
        'operator',
      );
      expect(r.statusCode, u.id).toBe(200);
      const [last] = ((await get('/api/privacy/access-log?limit=1', 'admin')).json() as { entries: Entry[] }).entries;
      expect([last!.what, last!.details.unit]).toEqual(['document.notices', u.id]);
      counts.push(last!.families);
    }
    expect(counts.every((n) => n > 0 && n < total)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('is read by supervisors and admins only', async () => {
    expect((await get('/api/privacy/access-log', 'admin')).statusCode).toBe(200);
    expect((await get('/api/privacy/access-log', 'operator')).statusCode).toBe(403);
    expect((await get('/api/privacy/access-log')).statusCode).toBe(401);
  });

  it('never enters the public log, the bundle or a public answer', async () => {
    const bundle = JSON.stringify(await publicBundle(t.office, EVENT));
    const pub = [
      (await get(`/api/public/events/${EVENT}`)).body,
      (await get('/api/public/events')).body,
      (await get(`/api/public/events/${EVENT}/bundle/audit.json`)).body,
    ];
    for (const text of [bundle, ...pub]) {
      for (const s of ['applicants.list', 'results.names', 'export.units', 'the-operator', '移交录取学校']) expect(text).not.toContain(s);
    }
    const log = await t.office.store.repos.audit.list(EVENT);
    expect(log.filter((e) => /^(applicants\.(list|search)|results\.names|export\.|document\.notice)/.test(e.action))).toEqual([]);
  });
});

/**
 * POST /api/events/:id/erase: an admin erases an event's personal data from the console, once its
 * results are published; the log records it and still verifies; the backups are purged through the
 * server's hook (real SQLite, app.inject).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { maskName } from '../../src/office/masking.js';
import { receiptsPdf } from '../../src/office/documents/receipts.js';
import { receiptsOf } from '../../src/office/receipts.js';
import { updateDocumentSettings } from '../../src/office/documents/settings.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';
import type { BackupPurgeReport } from '../../src/server/routes/privacy.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
type T = Awaited<ReturnType<typeof testOffice>>;
let open: { t: T; app: FastifyInstance }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.app.close();
    await o.t.office.close();
  }
  open = [];
});

interface Server {
  t: T;
  app: FastifyInstance;
  purged: { eventId: string; at: string }[];
  erase(as: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function server(stage: 'frozen' | 'results'): Promise<Server> {
  const t = await testOffice();
  await auditedEvent(t.office, stage);
  const purged: { eventId: string; at: string }[] = [];
  const afterErase = async (eventId: string, at: string): Promise<BackupPurgeReport> => {
    purged.push({ eventId, at });
    return { removed: ['backups/a.tar', 'backups/b.tar'], fresh: 'backups/c.tar', elsewhere: ['/mnt/usb/by-hand.tar'] };
  };
  const app = await buildServer({ office: t.office, afterErase });
  await app.ready();
  open.push({ t, app });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const role of ['admin', 'operator', 'supervisor'] as const) {
    await createAccount(t.office, { username: `the-${role}`, role, password: PASSWORD });
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `the-${role}`, password: PASSWORD } });
    const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
    sessions.set(role, { cookie: `${c.name}=${c.value}`, csrf: (r.json() as { csrf: string }).csrf });
  }
  return {
    t,
    app,
    purged,
    async erase(as) {
      const s = sessions.get(as)!;
      const r = await app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/erase`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: {},
      });
      return { status: r.statusCode, body: r.json() as Record<string, unknown> };
    },
  };
}

describe('POST /api/events/:id/erase', () => {
  it('is refused before the results, in both languages, and erases nothing', async () => {
    const s = await server('frozen');
    const r = await s.erase('admin');
    expect(r.status).toBe(409);
    const error = r.body.error as { code: string; zh: string; en: string };
    expect(error.code).toBe('erase.before-results');
    expect(error.zh).toContain('结果公布之前不能删除个人信息');
    expect(error.en).toContain('before the results are published');
    expect((await s.t.office.store.repos.privacy.erasure(EVENT)).erased).toBe(0);
    expect(s.purged).toEqual([]);
  });

  it('is for admins only', async () => {
    const s = await server('results');
    for (const role of ['operator', 'supervisor']) {
      const r = await s.erase(role);
      expect(r.status, role).toBe(403);
      expect((r.body.error as { code: string }).code).toBe('auth.forbidden');
    }
    expect((await s.t.office.store.repos.privacy.erasure(EVENT)).erased).toBe(0);
  });

  it('erases after the results: masked names kept, the log records it and verifies, backups purged, receipts print without the salt', async () => {
    const s = await server('results');
    const repos = s.t.office.store.repos;
    const before = await repos.applicants.listByEvent(EVENT);
    const r = await s.erase('admin');
    expect(r.status).toBe(200);
    expect(r.body.erased).toBe(before.length);
    expect(r.body.backups).toEqual({ removed: 2, fresh: 'backups/c.tar', elsewhere: ['/mnt/usb/by-hand.tar'] });
    expect(s.purged).toEqual([{ eventId: EVENT, at: r.body.at }]);
    const after = await repos.applicants.listByEvent(EVENT);
    expect(after.map((a) => [a.reg_no, a.name, a.id_number])).toEqual(
      before.map((a) => [a.reg_no, maskName(a.name), `erased:${a.reg_no}`]),
    );
    const entry = (await repos.audit.list(EVENT)).find((e) => e.seq === r.body.seq)!;
    expect(entry.action).toBe('applicants.erase');
    expect(entry.actor).toContain('admin');
    expect((await verifyAudit(s.t.office, EVENT)).ok).toBe(true);

    // A family's receipt still proves its line; the opening went with the salt.
    const receipts = await receiptsOf(repos, EVENT);
    expect(receipts.every((x) => x.person === undefined)).toBe(true);
    await updateDocumentSettings(s.t.office, EVENT, { publicUrl: 'https://yaohao.example.gov.cn' }, 'operator');
    expect((await receiptsPdf(s.t.office, EVENT, { reg: receipts[0]!.regNo })).length).toBeGreaterThan(10_000);

    const again = await s.erase('admin');
    expect(again.status).toBe(409);
    expect((again.body.error as { code: string }).code).toBe('erase.done');
  });
});

/** GET /api/events/:id/results: beside the record as drawn, the current state after a decline and its promotion. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
let cookie = '';
let csrf = '';

beforeAll(async () => {
  t = await testOffice();
  await auditedEvent(t.office, 'results');
  await createAccount(t.office, { username: 'the-operator', role: 'operator', password: PASSWORD });
  app = await buildServer({ office: t.office });
  await app.ready();
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'the-operator', password: PASSWORD } });
  const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
  cookie = `${c.name}=${c.value}`;
  csrf = (r.json() as { csrf: string }).csrf;
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

interface Person {
  regNo: string;
  name: string;
}
interface Unit {
  id: string;
  seats: number;
  admitted: Person[];
  waitlist: Person[];
  current: {
    admitted: (Person & { status: string; promoted: boolean; waitlistPosition: number | null })[];
    waitlist: (Person & { position: number; holds: string | null })[];
    history: (Person & { status: string; origin: string; reason: string | null; at: string })[];
    counts: { admitted: number; confirmed: number; promoted: number; free: number; waiting: number; history: number };
  };
}

const results = async (): Promise<Unit[]> => {
  const r = await app.inject({ method: 'GET', url: `/api/events/${EVENT}/results`, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return (r.json() as { units: Unit[] }).units;
};

describe('results, current and as drawn', () => {
  it('after a decline: the promoted child is admitted (递补) and no longer waiting, counts add up, the decliner is in the history', async () => {
    const before = await results();
    const u0 = before.find((u) => u.admitted.length === u.seats && u.current.waitlist.length >= 2)!;
    expect(u0).toBeDefined();
    expect(u0.current.admitted.map((a) => a.regNo)).toEqual(u0.admitted.map((a) => a.regNo));
    const decliner = u0.admitted[0]!;
    // The seat goes to the first waiting child outside a multiple-birth group: the sample's twins
    // (程懿, 程嘉豪) are admitted only together (strict group fit), and one seat comes free.
    // Registration numbers are issued at random, so where the twins stand differs between runs.
    const twins = /^(程懿|程嘉豪)$/;
    const first = u0.current.waitlist.find((w) => !twins.test(w.name))!;
    const r = await app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/offers/${decliner.regNo}/decline`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { reason: '已选择民办学校' },
    });
    expect(r.statusCode).toBe(200);

    const u = (await results()).find((x) => x.id === u0.id)!;
    // The record as drawn is unchanged.
    expect(u.admitted).toEqual(u0.admitted);
    expect(u.waitlist).toEqual(u0.waitlist);
    const promoted = u.current.admitted.find((a) => a.regNo === first.regNo)!;
    expect(promoted).toMatchObject({ name: first.name, status: 'offered', promoted: true, waitlistPosition: first.position });
    expect(u.current.admitted.map((a) => a.regNo)).not.toContain(decliner.regNo);
    expect(u.current.waitlist.map((w) => w.regNo)).not.toContain(first.regNo);
    expect(u.current.waitlist.map((w) => w.regNo)).toEqual(u0.current.waitlist.filter((w) => w !== first).map((w) => w.regNo));
    expect(u.current.counts).toMatchObject({
      admitted: u0.seats,
      promoted: 1,
      free: 0,
      waiting: u0.current.counts.waiting - 1,
      history: 1,
    });
    expect(u.current.history).toEqual([
      expect.objectContaining({ regNo: decliner.regNo, name: decliner.name, status: 'declined', origin: 'draw', reason: '已选择民办学校' }),
    ]);
  });
});

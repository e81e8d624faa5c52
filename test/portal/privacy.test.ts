/**
 * Privacy: every public answer of a full demo event — the sample applicants.xlsx from draft through
 * publish, freeze, draw, results and a decline; every page, every result list, every applicant,
 * every bundle file (the audit log included), the ceremony's public log, the misses, and the whole
 * static export — is scanned for each applicant's name, ID-card number, phone, birth date and
 * guardian, for the witnesses' names and for the staff's usernames and display names. None may
 * appear. Staff act through the HTTP API as a named account, as in the bureau.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { siteFiles } from '../../src/office/public/site.js';
import { sealedValue } from '../../src/office/ceremony/index.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT, type Stage } from './fixture.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';

type T = Awaited<ReturnType<typeof testOffice>>;
const open: { t: T; app: FastifyInstance }[] = [];
afterAll(async () => {
  for (const o of open) {
    await o.app.close();
    await o.t.office.close();
  }
});

const STAFF = { username: 'wangjianguo', displayName: '王建国', password: 'Lantern-harbour-quiet-41' };
const WITNESS_NAMES = ['李秀英', '赵德明', '周淑芬', '孙志强'];

/** What a named clerk does through the API at this stage: the ceremony's roster and minutes, a decline. */
async function staffActs(app: FastifyInstance, stage: Stage, people: ApplicantRow[]): Promise<void> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: STAFF });
  expect(login.statusCode).toBe(200);
  const c = login.cookies.find((k) => k.name === 'fairdraw_session')!;
  const headers = { cookie: `${c.name}=${c.value}`, 'x-csrf-token': (login.json() as { csrf: string }).csrf };
  const call = async (method: 'POST' | 'PUT', url: string, payload: object, expected = 200) => {
    const r = await app.inject({ method, url: `/api/ceremony/${EVENT}${url}`, headers, payload });
    expect(r.statusCode, `${url} ${r.body}`).toBe(expected);
    return r.json() as Record<string, unknown>;
  };
  if (stage === 'published' || stage === 'frozen') {
    await call('PUT', '/roster', {
      slots: [
        { index: 0, witness: WITNESS_NAMES[0], alternate: WITNESS_NAMES[1] },
        { index: 1, witness: WITNESS_NAMES[2], alternate: WITNESS_NAMES[3] },
      ],
    });
  }
  if (stage === 'frozen') {
    await call('POST', '/open', {});
    await call('POST', '/meeting', { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' });
    await call('POST', '/witnesses', { name: WITNESS_NAMES[0], role: '人大代表' });
    await call('POST', '/witnesses', { name: WITNESS_NAMES[2], role: '家长代表' });
    await call('POST', '/slots/0/substitute', {});
    // The alternate seals slot 0 on their own phone link: only the commitment reaches the server.
    const link = (await call('POST', '/slots/0/link', {})) as { token: string; label: string };
    const sealed = sealedValue(EVENT, 0, link.label, '418305');
    const r = await app.inject({
      method: 'POST',
      url: '/api/ceremony/witness/commit',
      payload: { token: link.token, commitment: sealed.commitment },
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  if (stage === 'results' || stage === 'declined') {
    await call('POST', '/witnesses', { name: WITNESS_NAMES[3], role: '公证员' });
    const offers = (await app.inject({ method: 'GET', url: `/api/events/${EVENT}/offers`, headers })).json() as {
      offers: { regNo: string; status: string }[];
    };
    const target = offers.offers.find((o) => o.status === 'offered')!;
    const person = people.find((p) => p.reg_no === target.regNo)!;
    // A reason with the family's phone or ID-card number is refused, and changes nothing.
    for (const reason of [`家长电话 ${person.phone}`, `身份证 ${person.id_number}`]) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/offers/${target.regNo}/decline`,
        headers,
        payload: { reason },
      });
      expect(r.statusCode).toBe(400);
      expect((r.json() as { error: { code: string } }).error.code).toBe('text.personal-data');
    }
    const ok = await app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/offers/${target.regNo}/decline`,
      headers,
      payload: { reason: '家长书面申请放弃' },
    });
    expect(ok.statusCode).toBe(200);
  }
}

/** Every public response at one stage of the event. */
async function collect(stage: Stage): Promise<{ responses: Map<string, string>; people: ApplicantRow[] }> {
  const t = await testOffice();
  await demoEvent(t.office, stage, t.clock);
  await createAccount(t.office, { ...STAFF, role: 'operator' });
  const app = await buildServer({ office: t.office });
  open.push({ t, app });
  await staffActs(app, stage, await t.office.store.repos.applicants.listByEvent(EVENT));
  const responses = new Map<string, string>();
  let n = 0;
  const get = async (url: string): Promise<string> => {
    const r = await app.inject({ method: 'GET', url, remoteAddress: `10.7.${Math.floor(++n / 250)}.${n % 250}` });
    responses.set(`${stage} ${url} ${r.statusCode}`, r.body);
    return r.body;
  };
  const base = `/api/public/events/${EVENT}`;
  await get('/api/public/events');
  await get(base);
  await get(`${base}/privacy-notice`);
  for (const u of await t.office.store.repos.events.listUnits(EVENT)) await get(`${base}/results/${u.id}`);
  for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'])
    await get(`${base}/bundle/${f}`);
  const people = await t.office.store.repos.applicants.listByEvent(EVENT);
  for (const p of people) await get(`${base}/applicants/${p.reg_no}`);
  // Misses, including someone typing a child's ID-card number or name into the search box.
  await get(`${base}/applicants/${people[0]!.id_number}`);
  await get(`${base}/applicants/${encodeURIComponent(people[0]!.name)}`);
  await get(`${base}/applicants/ZZZZZZZZZZ`);
  // The ceremony's public log (the live feed sends the same entries) and the representatives' files.
  await get(`/api/ceremony/${EVENT}/log`);
  for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json']) await get(`/api/ceremony/${EVENT}/reps/TML/${f}`);
  if (stage === 'declined') {
    for (const [path, text] of await siteFiles(t.office, EVENT)) responses.set(`site ${path}`, text);
  }
  return { responses, people };
}

/** The private values of a row, in the forms they could leak in. */
function secrets(p: ApplicantRow): string[] {
  const compactBirth = p.birth_date.replace(/-/g, '');
  return [p.name, p.id_number, p.phone, p.birth_date, compactBirth, p.guardian].filter((s) => s.length >= 2);
}

describe('privacy of the public portal', () => {
  const stages: Stage[] = ['draft', 'published', 'frozen', 'drawn', 'results', 'declined'];
  const all = new Map<string, string>();
  let people: ApplicantRow[] = [];

  it('collects every public answer of the demo event at every stage', async () => {
    for (const s of stages) {
      const c = await collect(s);
      for (const [k, v] of c.responses) all.set(k, v);
      people = c.people;
    }
    expect(people).toHaveLength(105);
    expect([...all.keys()].filter((k) => k.startsWith('declined ') && / 200$/.test(k)).length).toBeGreaterThan(105);
    expect([...all.keys()].some((k) => k.startsWith('site data/events/'))).toBe(true);
    // The scan saw the staff's and the witnesses' traces where they are public.
    const log = [...all].find(([k]) => k.startsWith(`frozen /api/ceremony/${EVENT}/log 200`))![1];
    expect(log).toContain('李*英');
    expect(log).toContain('"witness"');
    expect([...all].find(([k]) => k.startsWith('declined') && k.includes('bundle/audit.json 200'))![1]).toMatch(/"operator:[0-9a-f]{8}"/);
  });

  it('answers every public route of a draft like an unknown event', () => {
    const draft = [...all.keys()].filter((k) => k.startsWith('draft ') && k !== 'draft /api/public/events 200');
    expect(draft.length).toBeGreaterThan(100);
    expect(draft.filter((k) => !k.endsWith(' 404'))).toEqual([]);
  });

  it('lets no staff username, display name or witness name out, at any stage', () => {
    expect(all.size).toBeGreaterThan(600);
    const leaks: string[] = [];
    for (const s of [STAFF.username, STAFF.displayName, ...WITNESS_NAMES])
      for (const [where, body] of all) if (body.includes(s) || body.includes(JSON.stringify(s).slice(1, -1))) leaks.push(`${where}: ${s}`);
    expect(leaks).toEqual([]);
  });

  it('lets no name, ID-card number, phone, birth date or guardian out', () => {
    const leaks: string[] = [];
    // The age window is a published rule (bornFrom/bornTo), not anyone's data: a child born on its
    // first or last day must not make the rule look like a leak, so the rule's fields are left out.
    const rule = /"(bornFrom|bornTo)":"\d{4}-\d{2}-\d{2}"/g;
    const bodies = [...all].map(([k, v]) => [k, v.replace(rule, '')] as const);
    for (const p of people) {
      for (const s of secrets(p)) {
        for (const [where, body] of bodies) {
          // JSON may escape non-ASCII; check the text both as sent and decoded.
          if (body.includes(s) || body.includes(JSON.stringify(s).slice(1, -1))) leaks.push(`${where}: ${p.reg_no} ${s}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('shows names only masked', () => {
    const results = [...all].filter(([k]) => /results\/TML 200$/.test(k) && k.startsWith('declined'));
    const rows = (JSON.parse(results[0]![1]) as { admitted: { regNo: string; name: string }[] }).admitted;
    const byReg = new Map(people.map((p) => [p.reg_no, p]));
    for (const r of rows) {
      const full = byReg.get(r.regNo)!.name;
      expect(r.name).not.toBe(full);
      expect(r.name).toContain('*');
      expect(r.name[0]).toBe(full[0]);
    }
  });
});

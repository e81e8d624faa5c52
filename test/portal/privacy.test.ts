/**
 * Privacy: every public answer of a full demo event — the sample applicants.xlsx through publish,
 * freeze, draw, results and a decline; every page, every result list, every applicant, every
 * bundle file, the misses, and the whole static export — is scanned for each applicant's name,
 * ID-card number, phone, birth date and guardian. None may appear.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { siteFiles } from '../../src/office/public/site.js';
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

/** Every public response at one stage of the event. */
async function collect(stage: Stage): Promise<{ responses: Map<string, string>; people: ApplicantRow[] }> {
  const t = await testOffice();
  await demoEvent(t.office, stage, t.clock);
  const app = await buildServer({ office: t.office });
  open.push({ t, app });
  const responses = new Map<string, string>();
  let n = 0;
  const get = async (url: string): Promise<string> => {
    const r = await app.inject({ method: 'GET', url, remoteAddress: `10.7.${Math.floor(++n / 250)}.${n % 250}` });
    responses.set(`${stage} ${url} ${r.statusCode}`, r.body);
    return r.body;
  };
  const base = `/api/public/events/${EVENT}`;
  await get('/api/public/events');
  const ann = JSON.parse(await get(base)) as { units: { id: string }[]; bundle: string[] };
  for (const u of ann.units) await get(`${base}/results/${u.id}`);
  for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'])
    await get(`${base}/bundle/${f}`);
  const people = await t.office.store.repos.applicants.listByEvent(EVENT);
  for (const p of people) await get(`${base}/applicants/${p.reg_no}`);
  // Misses, including someone typing a child's ID-card number or name into the search box.
  await get(`${base}/applicants/${people[0]!.id_number}`);
  await get(`${base}/applicants/${encodeURIComponent(people[0]!.name)}`);
  await get(`${base}/applicants/ZZZZZZZZZZ`);
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
  const stages: Stage[] = ['published', 'frozen', 'drawn', 'results', 'declined'];
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

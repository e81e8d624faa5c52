/** The console's views of events, applicants, results and the audit log, over a real store. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { withdrawEvent } from '../../src/office/withdraw-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { changeOffer, publishResults } from '../../src/office/offers.js';
import { accessLog } from '../../src/office/privacy/access-log.js';
import { listEvents, listOffers, searchApplicants, staffResults } from '../../src/office/staff-views.js';
import { CITY } from '../../src/office/districts.js';
import { auditView } from '../../src/office/audit-view.js';
import { checkpointMessage } from '../../src/core/audit.js';
import { toHex } from '../../src/core/bytes.js';
import { refusal, seededRandom, testOffice } from './harness.js';
import { syntheticCsv } from './synthetic.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

const LOOKER = 'operator:wang';

/** Event e1: unit A (2 seats) with four applicants, frozen; `drawn` takes it through results. */
async function event(drawn: boolean) {
  const t = await testOffice(undefined, seededRandom(42));
  open.push(t);
  const { office } = t;
  const source = { kind: 'witness' as const, label: '公证员' };
  await createEvent(
    office,
    { id: 'e1', title: '测试批次', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict', declaredSources: [source] },
    'op',
  );
  await addUnit(office, { event: 'e1', id: 'A', name: '甲小学', seats: 2 }, 'op');
  await importApplicants(office, 'e1', syntheticCsv([1, 2, 3, 4].map(() => ({ name: '', choices: ['甲小学'] }))), 'list.csv', 'op');
  await publishEvent(office, 'e1', 'op');
  await freezeEvent(office, 'e1', 'op');
  if (drawn) {
    await drawByCeremony(office, 'e1', [{ label: '公证员', value: '123456' }], 'op');
    await publishResults(office, 'e1', 'op');
  }
  const names = new Map((await office.store.repos.applicants.listByEvent('e1')).map((a) => [a.reg_no, a.name]));
  return { office, names };
}

describe('staff views', () => {
  it('refuses the results before the official draw, and logs no look', async () => {
    const { office } = await event(false);
    const e = await refusal(staffResults(office, 'e1', LOOKER));
    expect(e.code).toBe('results.no-draw');
    expect(await accessLog(office, { eventId: 'e1' })).toEqual([]);
  });

  it('shows each unit’s drawn lists with names and where they stand now, and logs the look', async () => {
    const { office, names } = await event(true);
    const rec = JSON.parse((await office.store.repos.draws.official('e1'))!.record_text) as {
      units: { id: string; admitted: string[]; waitlist: string[] }[];
    };
    const [first, second] = rec.units[0]!.admitted as [string, string];
    const [promoted, last] = rec.units[0]!.waitlist as [string, string];
    await changeOffer(office, 'e1', first, 'decline', '已选择民办学校', 'op');

    const r = await staffResults(office, 'e1', LOOKER);
    expect(r.units).toHaveLength(1);
    const A = r.units[0]!;
    expect([A.id, A.name, A.seats]).toEqual(['A', '甲小学', 2]);
    const person = (regNo: string) => ({ regNo, name: names.get(regNo) });
    expect(A.admitted).toEqual([first, second].map(person));
    expect(A.waitlist).toEqual([promoted, last].map(person));
    expect(A.current.admitted.map((a) => [a.regNo, a.name, a.promoted])).toEqual([
      [second, names.get(second), false],
      [promoted, names.get(promoted), true],
    ]);
    expect(A.current.waitlist.map((w) => [w.regNo, w.name])).toEqual([[last, names.get(last)]]);
    expect(A.current.history.map((h) => [h.regNo, h.name, h.status])).toEqual([[first, names.get(first), 'declined']]);

    const looks = await accessLog(office, { eventId: 'e1' });
    expect(looks.map((l) => [l.actor, l.what, l.families])).toEqual([[LOOKER, 'results.names', 4]]);
  });

  it('searches applicants with every column, and logs which families were shown, never the query text', async () => {
    const { office, names } = await event(false);
    const [reg] = [...names.keys()] as [string];
    const r = await searchApplicants(office, 'e1', { q: reg, offset: 0, limit: 50 }, LOOKER);
    expect(r.total).toBe(1);
    expect(r.rows.map((a) => [a.regNo, a.name, a.choices, a.group])).toEqual([[reg, names.get(reg), ['A'], null]]);
    expect(r.rows[0]!.idNumber).toMatch(/^\d{17}[\dX]$/);

    const all = await searchApplicants(office, 'e1', { offset: 0, limit: 50 }, LOOKER);
    expect(all.total).toBe(4);
    const looks = await accessLog(office, { eventId: 'e1' });
    expect(looks.map((l) => [l.what, l.families]).sort()).toEqual([
      ['applicants.list', 4],
      ['applicants.search', 1],
    ]);
    expect(JSON.stringify(looks.find((l) => l.what === 'applicants.search'))).not.toContain(`"q"`);
    expect(looks.find((l) => l.what === 'applicants.search')!.details).toEqual({ total: 1, offset: 0, regNos: [reg] });
  });

  it('lists events with whether each was withdrawn, and offers as they stand', async () => {
    const { office } = await event(false);
    expect((await listEvents(office, CITY)).map((e) => [e.id, e.status, e.withdrawn])).toEqual([['e1', 'frozen', false]]);
    await withdrawEvent(office, 'e1', '招生计划调整', 'op');
    expect((await listEvents(office, CITY)).map((e) => [e.id, e.withdrawn])).toEqual([['e1', true]]);
    expect(await listOffers(office, 'e1')).toEqual([]);
  });

  it('lists offers once results are published, one per drawn place', async () => {
    const { office } = await event(true);
    const offers = await listOffers(office, 'e1');
    expect(offers.map((o) => [o.unit, o.status, o.origin]).sort()).toEqual([
      ['A', 'offered', 'draw'],
      ['A', 'offered', 'draw'],
    ]);
  });
});

describe('audit view', () => {
  it('gives the checkpoints with the message each co-signer signs, and a verified chain', async () => {
    const { office } = await event(true);
    const v = await auditView(office, 'e1');
    expect(v.verification.ok).toBe(true);
    expect(v.entries.length).toBeGreaterThan(0);
    expect(v.checkpoints.length).toBeGreaterThan(0);
    for (const c of v.checkpoints) expect(c.message).toBe(toHex(checkpointMessage('e1', c.seq, c.hash)));
  });

  it('refuses a head that is neither a hash nor SEQ:HASH, naming the field', async () => {
    const { office } = await event(false);
    const e = await refusal(auditView(office, 'e1', 'not-a-head'));
    expect([e.code, e.where]).toEqual(['audit.head', { field: 'head' }]);
  });
});

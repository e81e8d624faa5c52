/** The current state over the record: after a decline and a promotion every list and count adds up. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { changeOffer, publishResults } from '../../src/office/offers.js';
import { currentResults, currentUnits } from '../../src/office/current-results.js';
import { seededRandom, testOffice } from './harness.js';
import { syntheticCsv, type SyntheticRow } from './synthetic.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

interface Rec {
  units: { id: string; admitted: string[]; waitlist: string[] }[];
}

/** A (2 seats) and, when listed, B (2 seats); drawn and with results published. */
async function drawnEvent(choices: string[][]) {
  const t = await testOffice(undefined, seededRandom(42));
  open.push(t);
  const { office } = t;
  await createEvent(
    office,
    {
      id: 'e1',
      title: '测试批次',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      declaredSources: [{ kind: 'witness', label: '公证员' }],
    },
    'op',
  );
  await addUnit(office, { event: 'e1', id: 'A', name: '甲小学', seats: 2 }, 'op');
  if (choices.some((c) => c.includes('乙小学'))) await addUnit(office, { event: 'e1', id: 'B', name: '乙小学', seats: 2 }, 'op');
  const rows: SyntheticRow[] = choices.map((c) => ({ name: '', choices: c }));
  await importApplicants(office, 'e1', syntheticCsv(rows), 'list.csv', 'op');
  await publishEvent(office, 'e1', 'op');
  await freezeEvent(office, 'e1', 'op');
  await drawByCeremony(office, 'e1', [{ label: '公证员', value: '123456' }], 'op');
  await publishResults(office, 'e1', 'op');
  const recText = (await office.store.repos.draws.official('e1'))!.record_text;
  const rec = JSON.parse(recText) as Rec;
  const unit = (id: string) => rec.units.find((u) => u.id === id)!;
  const current = async (id: string) => (await currentResults(office.store.repos, 'e1')).find((u) => u.id === id)!;
  return { office, recText, unit, current };
}

describe('current results', () => {
  it('right after publishing, the current lists are the record’s', async () => {
    const { unit, current } = await drawnEvent([['甲小学'], ['甲小学'], ['甲小学'], ['甲小学']]);
    const A = unit('A');
    const now = await current('A');
    expect(now.admitted.map((a) => [a.regNo, a.promoted])).toEqual(A.admitted.map((r) => [r, false]));
    expect(now.waitlist.map((w) => w.regNo)).toEqual(A.waitlist);
    expect(now.history).toEqual([]);
    expect(now.counts).toEqual({ admitted: 2, confirmed: 0, promoted: 0, free: 0, waiting: 2, history: 0 });
  });

  it('after a decline the promoted child is admitted (递补), no longer waiting, and the decliner is in the history', async () => {
    const { office, recText, unit, current } = await drawnEvent([['甲小学'], ['甲小学'], ['甲小学'], ['甲小学']]);
    const A = unit('A');
    const [decliner, stays] = A.admitted as [string, string];
    const [promoted, next] = A.waitlist as [string, string];
    await changeOffer(office, 'e1', stays, 'confirm', undefined, 'op');
    await changeOffer(office, 'e1', decliner, 'decline', '已选择民办学校', 'op');
    const now = await current('A');
    expect(now.admitted.map((a) => [a.regNo, a.status, a.promoted, a.waitlistPosition])).toEqual([
      [stays, 'confirmed', false, null],
      [promoted, 'offered', true, 1],
    ]);
    expect(now.waitlist).toEqual([{ regNo: next, position: 2, holds: null }]);
    expect(now.history.map((h) => [h.regNo, h.status, h.origin, h.reason])).toEqual([[decliner, 'declined', 'draw', '已选择民办学校']]);
    expect(now.history[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(now.counts).toEqual({ admitted: 2, confirmed: 1, promoted: 1, free: 0, waiting: 1, history: 1 });
    expect(now.drawn).toEqual({ admitted: 2, waitlist: 2 });
    // The published record is untouched.
    expect((await office.store.repos.draws.official('e1'))!.record_text).toBe(recText);
  });

  it('a seat nobody can take stays free, and is counted so', async () => {
    const { office, unit, current } = await drawnEvent([['甲小学'], ['甲小学'], ['甲小学']]);
    const A = unit('A');
    await changeOffer(office, 'e1', A.admitted[0]!, 'decline', '迁居', 'op');
    await changeOffer(office, 'e1', A.waitlist[0]!, 'decline', '不再需要', 'op');
    const now = await current('A');
    expect(now.admitted.map((a) => a.regNo)).toEqual([A.admitted[1]]);
    expect(now.waitlist).toEqual([]);
    expect(now.counts).toMatchObject({ admitted: 1, promoted: 0, free: 1, waiting: 0, history: 2 });
    expect(now.history.map((h) => [h.regNo, h.origin])).toEqual([
      [A.admitted[0], 'draw'],
      [A.waitlist[0], 'waitlist'],
    ]);
  });

  it('one moved up to a preferred school leaves the lower one, whose seat passes on; each stays waiting only where still possible', async () => {
    const { office, unit, current } = await drawnEvent(Array.from({ length: 5 }, () => ['甲小学', '乙小学']));
    const A = unit('A');
    const B = unit('B');
    const mover = A.waitlist[0]!;
    expect(B.admitted).toContain(mover);
    const leftover = B.waitlist[0]!;
    await changeOffer(office, 'e1', A.admitted[0]!, 'revoke', '提供虚假材料', 'op');
    const a = await current('A');
    const b = await current('B');
    expect(a.admitted.map((x) => [x.regNo, x.promoted])).toEqual([
      [A.admitted[1], false],
      [mover, true],
    ]);
    // The others on A's waitlist hold B meanwhile and still wait for A, in the record's order.
    expect(a.waitlist.map((w) => [w.regNo, w.holds])).toEqual(A.waitlist.slice(1).map((r) => [r, 'B']));
    expect(a.history.map((h) => [h.regNo, h.status])).toEqual([[A.admitted[0], 'revoked']]);
    expect(b.admitted.map((x) => [x.regNo, x.promoted])).toEqual([
      ...B.admitted.filter((r) => r !== mover).map((r) => [r, false]),
      [leftover, true],
    ]);
    expect(b.waitlist).toEqual([]);
    expect(b.history.map((h) => [h.regNo, h.status, h.reason])).toEqual([[mover, 'released', 'moved up to A']]);
    expect(b.counts).toMatchObject({ admitted: 2, promoted: 1, free: 0, waiting: 0 });
  });

  it('one admitted by promotion to a preferred unit waits no longer at a unit ranked below it', () => {
    const rec = {
      units: [
        { id: 'A', seats: 1, admitted: ['x'], waitlist: ['p'] },
        { id: 'B', seats: 1, admitted: ['y'], waitlist: ['p', 'q'] },
      ],
    };
    const at = '2026-06-01T08:00:00.000Z';
    const offer = (id: number, reg: string, unit: string, status: 'offered' | 'declined', origin: 'draw' | 'waitlist') => ({
      id,
      event_id: 'e1',
      reg_no: reg,
      unit_id: unit,
      status,
      origin,
      reason: status === 'declined' ? '迁居' : null,
      created_at: at,
      updated_at: at,
    });
    const offers = [
      offer(1, 'x', 'A', 'declined', 'draw'),
      offer(2, 'y', 'B', 'offered', 'draw'),
      offer(3, 'p', 'A', 'offered', 'waitlist'),
    ];
    const ranks: Record<string, string[]> = { p: ['A', 'B'], q: ['B'], x: ['A'], y: ['B'] };
    const [a, b] = currentUnits(rec, offers, (reg, unit) => ranks[reg]!.indexOf(unit));
    expect(a!.admitted.map((r) => [r.regNo, r.promoted])).toEqual([['p', true]]);
    expect(a!.waitlist).toEqual([]);
    expect(b!.waitlist).toEqual([{ regNo: 'q', position: 2, holds: null }]);
  });
});

/** After the draw: offers follow the record; declines and revocations pass seats down the waitlist. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { changeOffer, publishResults } from '../../src/office/offers.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { FairDrawError } from '../../src/core/errors.js';
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

/** Two schools, A (2 seats) and B (2 seats, only when someone lists it); applicants list A then B, or only one of them. */
async function drawnEvent(rows: SyntheticRow[], groupFit: 'strict' | 'overflow' = 'strict', seed = 42) {
  const t = await testOffice(undefined, seededRandom(seed));
  open.push(t);
  const { office } = t;
  await createEvent(
    office,
    {
      id: 'e1',
      title: '测试批次',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit,
      declaredSources: [{ kind: 'witness', label: '公证员' }],
    },
    'op',
  );
  await addUnit(office, { event: 'e1', id: 'A', name: '甲小学', seats: 2 }, 'op');
  // (A unit nobody lists cannot be published.)
  if (rows.some((r) => r.choices.includes('乙小学'))) await addUnit(office, { event: 'e1', id: 'B', name: '乙小学', seats: 2 }, 'op');
  await importApplicants(office, 'e1', syntheticCsv(rows), 'list.csv', 'op');
  await publishEvent(office, 'e1', 'op');
  await freezeEvent(office, 'e1', 'op');
  await drawByCeremony(office, 'e1', [{ label: '公证员', value: '123456' }], 'op');
  await publishResults(office, 'e1', 'op');
  const rec = JSON.parse((await office.store.repos.draws.official('e1'))!.record_text) as Rec;
  const live = async () =>
    (await office.store.repos.offers.listByEvent('e1'))
      .filter((o) => o.status === 'offered' || o.status === 'confirmed')
      .map((o) => `${o.reg_no}@${o.unit_id}`)
      .sort();
  return { office, rec, live, unit: (id: string) => rec.units.find((u) => u.id === id)! };
}

const rows = (spec: string[][]): SyntheticRow[] => spec.map((choices) => ({ name: '', choices }));

describe('offers', () => {
  it('offers every admitted applicant their seat when results are published', async () => {
    const { rec, live } = await drawnEvent(rows([['甲小学'], ['甲小学'], ['甲小学'], ['乙小学'], ['乙小学']]));
    const expected = rec.units.flatMap((u) => u.admitted.map((r) => `${r}@${u.id}`)).sort();
    expect(await live()).toEqual(expected);
    expect(expected).toHaveLength(4);
  });

  it('a decline offers the seat to the first on the waitlist, never redrawing', async () => {
    const { office, unit, live } = await drawnEvent(rows([['甲小学'], ['甲小学'], ['甲小学'], ['甲小学'], ['乙小学']]));
    const A = unit('A');
    expect(A.waitlist).toHaveLength(2);
    const changes = await changeOffer(office, 'e1', A.admitted[0]!, 'decline', '已选择民办学校', 'op');
    expect(changes.map((c) => [c.regNo, c.status])).toEqual([
      [A.admitted[0], 'declined'],
      [A.waitlist[0], 'offered'],
    ]);
    expect(await live()).toContain(`${A.waitlist[0]}@A`);
    expect(await live()).not.toContain(`${A.waitlist[1]}@A`);
    expect(await office.store.repos.draws.official('e1')).toBeDefined();
    expect((await verifyAudit(office, 'e1')).ok).toBe(true);
    const log = await office.store.repos.audit.list('e1');
    expect(log.filter((e) => e.action === 'offer.waitlist')).toHaveLength(1);
    expect((log.find((e) => e.action === 'offer.decline')!.details as { reason: string }).reason).toBe('已选择民办学校');
  });

  it('a decline needs a reason, and a confirmed offer can still be declined later', async () => {
    const { office, unit } = await drawnEvent(rows([['甲小学'], ['甲小学'], ['甲小学']]));
    const A = unit('A');
    await expect(changeOffer(office, 'e1', A.admitted[1]!, 'decline', undefined, 'op')).rejects.toBeInstanceOf(FairDrawError);
    await changeOffer(office, 'e1', A.admitted[1]!, 'confirm', undefined, 'op');
    await expect(changeOffer(office, 'e1', A.admitted[1]!, 'confirm', undefined, 'op')).rejects.toThrow(/already confirmed/);
    const c = await changeOffer(office, 'e1', A.admitted[1]!, 'decline', '全家迁居外地', 'op');
    expect(c.map((x) => x.status)).toEqual(['declined', 'offered']);
  });

  it('moves a waitlisted applicant up to a preferred school and passes on the seat it leaves', async () => {
    // Everyone wants A first, then B: two get A, two get B, the fifth is on both waitlists.
    const { office, unit, live } = await drawnEvent(
      rows([
        ['甲小学', '乙小学'],
        ['甲小学', '乙小学'],
        ['甲小学', '乙小学'],
        ['甲小学', '乙小学'],
        ['甲小学', '乙小学'],
      ]),
    );
    const A = unit('A');
    const B = unit('B');
    expect(A.admitted).toHaveLength(2);
    expect(B.admitted).toHaveLength(2);
    const firstOnAWaitlist = A.waitlist[0]!;
    expect(B.admitted).toContain(firstOnAWaitlist); // best of the rest: holds B, waits for A
    const leftover = B.waitlist[0]!;
    const changes = await changeOffer(office, 'e1', A.admitted[0]!, 'revoke', '提供虚假材料', 'op');
    expect(changes.map((c) => `${c.regNo}:${c.unit}:${c.status}`)).toEqual([
      `${A.admitted[0]}:A:revoked`,
      `${firstOnAWaitlist}:B:released`,
      `${firstOnAWaitlist}:A:offered`,
      `${leftover}:B:offered`,
    ]);
    expect(await live()).toEqual(
      [`${A.admitted[1]}@A`, `${firstOnAWaitlist}@A`, `${B.admitted.find((r) => r !== firstOnAWaitlist)}@B`, `${leftover}@B`].sort(),
    );
    // The revoked applicant never comes back, even as a waitlist candidate.
    expect((await office.store.repos.offers.listByApplicant('e1', A.admitted[0]!)).every((o) => o.status === 'revoked')).toBe(true);
  });

  it('moves twins together: a single freed seat is not enough under strict fit', async () => {
    const spec: SyntheticRow[] = [
      { name: '', choices: ['甲小学'], group: 'T1' },
      { name: '', choices: ['甲小学'], group: 'T1' },
      { name: '', choices: ['甲小学'] },
      { name: '', choices: ['甲小学'] },
      { name: '', choices: ['甲小学'] },
    ];
    const seen = { twinsAdmitted: 0, twinsWaiting: 0 };
    // Different registration numbers give different tickets; run until both situations occurred.
    for (let seed = 1; seed <= 40 && (seen.twinsAdmitted === 0 || seen.twinsWaiting === 0); seed++) {
      const { office, unit, live } = await drawnEvent(spec, 'strict', seed);
      const A = unit('A');
      const twins = (await office.store.repos.applicants.listByEvent('e1')).filter((a) => a.group_label === 'T1').map((a) => a.reg_no);
      if (A.admitted.some((r) => twins.includes(r))) {
        seen.twinsAdmitted++;
        // The twins hold both seats; a decline by one passes one seat on to a single applicant.
        expect([...A.admitted].sort()).toEqual([...twins].sort());
        const c = await changeOffer(office, 'e1', twins[0]!, 'decline', '不再需要', 'op');
        const offered = c.filter((x) => x.status === 'offered').map((x) => x.regNo);
        expect(offered).toEqual([A.waitlist[0]]);
        expect(twins).not.toContain(offered[0]);
      } else {
        seen.twinsWaiting++;
        // The twins wait together; one freed seat skips them and goes to the next single applicant.
        const singlesWaiting = A.waitlist.filter((r) => !twins.includes(r));
        const c = await changeOffer(office, 'e1', A.admitted[0]!, 'decline', '不再需要', 'op');
        expect(c.filter((x) => x.status === 'offered').map((x) => x.regNo)).toEqual([singlesWaiting[0]]);
        // Another single seat: the twins still cannot fit, and nobody else waits.
        const c2 = await changeOffer(office, 'e1', A.admitted[1]!, 'decline', '不再需要', 'op');
        expect(c2.filter((x) => x.status === 'offered')).toEqual([]);
        expect((await live()).filter((x) => x.endsWith('@A'))).toEqual([`${singlesWaiting[0]}@A`]);
      }
    }
    expect(seen.twinsAdmitted).toBeGreaterThan(0);
    expect(seen.twinsWaiting).toBeGreaterThan(0);
  });
});

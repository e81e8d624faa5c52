/**
 * The official draw, both paths, against a real SQLite database: `runDraw` for an event that declares
 * no witness (refused for one that does, pointing to the ceremony), and the ceremony's own draw
 * (`startCeremonyDraw`), which refuses while a source is missing and never presents a record made
 * with other values. Expected values come from the record itself, hashed and counted here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw } from '../../src/office/run-draw.js';
import { givenInOrder, startCeremonyDraw } from '../../src/office/ceremony/ceremony-draw.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { dropTriggers } from './audited-event.js';
import { ceremonyLog } from '../../src/office/ceremony/steps.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { commitValue, revealValue } from '../../src/office/ceremony/sealing.js';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { revealNext } from '../../src/office/ceremony/reveal.js';
import { sql } from 'kysely';
import { DRAND_QUICKNET } from '../../src/core/drand.js';
import type { Office } from '../../src/office/ports.js';
import { refusal, sample, testOffice } from './harness.js';
import { beforeRound1000, beaconJson, frozenEvent, LABELS, ROUND_1000, VALUES } from '../ceremony/fixtures.js';
import { dropTrigger } from '../db-triggers.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

const OP = 'operator:operator';
const ID = 'pub2020';
const LOTTERY = '福彩3D 第2020188期';

/** The seed case declaring one public number and no witness. */
async function publicOnly(stage: 'draft' | 'published' | 'frozen'): Promise<T> {
  const t = await testOffice();
  open.push(t);
  const { office } = t;
  await createEvent(
    office,
    {
      id: ID,
      title: '公开号码摇号',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: [{ kind: 'public', label: LOTTERY }],
    },
    OP,
  );
  await addUnit(office, { event: ID, id: 'TML', name: '檀木林小学', seats: 30 }, OP);
  await addUnit(office, { event: ID, id: 'TKS', name: '塘坎上小学', seats: 30 }, OP);
  await importApplicants(office, ID, sample('applicants.xlsx'), 'applicants.xlsx', OP);
  if (stage !== 'draft') await publishEvent(office, ID, OP);
  if (stage === 'frozen') await freezeEvent(office, ID, OP);
  return t;
}

const sha256hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

interface RecordJson {
  drawId: string;
  seed: string;
  sourcesSha256: string;
  paramsSha256: string;
  listRoot: string;
  units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
  applicants: { tickets: Record<string, string> }[];
}

/** Per-unit counts, counted here from the record. */
function countsOf(rec: RecordJson) {
  return rec.units.map((u) => ({
    id: u.id,
    seats: u.seats,
    admitted: u.admitted.length,
    waitlist: u.waitlist.length,
    applicants: rec.applicants.filter((a) => u.id in a.tickets).length,
  }));
}

async function auditActions(office: Office, id: string) {
  return (await office.store.repos.audit.list(id)).map((e) => ({
    action: e.action,
    actor: e.actor,
    details: e.details as Record<string, unknown>,
  }));
}

describe('runDraw: the official draw of an event without witnesses', () => {
  it('refuses before the list is frozen, and stores nothing', async () => {
    for (const stage of ['draft', 'published'] as const) {
      const { office } = await publicOnly(stage);
      const e = await refusal(runDraw(office, ID, [{ label: LOTTERY, value: '7 2 9' }], OP));
      expect(e.code).toBe('draw.not-frozen');
      expect(e.where.field).toBe('status');
      expect(e.zh).toBe('名单冻结后才能正式摇号');
      expect(e.en).toBe('the official draw needs a frozen event (publish, then freeze)');
      expect(await office.store.repos.draws.official(ID)).toBeUndefined();
      expect((await auditActions(office, ID)).map((a) => a.action)).not.toContain('draw.official');
    }
  });

  it('refuses a frozen event whose publication is gone', async () => {
    const { office } = await publicOnly('frozen');
    await dropTriggers(office);
    await sql`DELETE FROM publications WHERE event_id = ${ID}`.execute(office.store.db);
    const e = await refusal(runDraw(office, ID, [{ label: LOTTERY, value: '7 2 9' }], OP));
    expect(e.code).toBe('draw.unpublished');
    expect(e.where.field).toBe('event');
    expect(e.zh).toBe('没有公示版本');
    expect(e.en).toBe('there is no published version');
    expect(await office.store.repos.draws.official(ID)).toBeUndefined();
  });

  it('draws once on the published documents, stores and logs the record, and answers a second request with it', async () => {
    const { office } = await publicOnly('frozen');
    const pub = (await office.store.repos.publications.latest(ID))!;
    const first = await runDraw(office, ID, [{ label: LOTTERY, value: '7 2 9' }], OP);
    expect(first.computedNow).toBe(true);
    const row = first.draw;
    const rec = JSON.parse(row.record_text) as RecordJson;
    expect(row).toMatchObject({ event_id: ID, kind: 'official', version: pub.version, draw_id: rec.drawId, seed: rec.seed });
    expect(row.record_sha256).toBe(sha256hex(row.record_text));
    expect(JSON.parse(row.sources_text)).toEqual([{ kind: 'public', label: LOTTERY, value: '7 2 9' }]);
    expect(rec.sourcesSha256).toBe(sha256hex(row.sources_text));
    expect(rec.listRoot).toBe(pub.list_root);
    expect(first.units).toEqual(countsOf(rec));
    expect(first.units.map((u) => [u.id, u.seats, u.applicants])).toEqual([
      ['TML', 30, 47],
      ['TKS', 30, 58],
    ]);
    expect(first.units.every((u) => u.admitted === 30)).toBe(true);
    expect(await office.store.repos.draws.official(ID)).toEqual(row);
    expect((await office.store.repos.events.getById(ID))!.status).toBe('drawn');
    const logged = (await auditActions(office, ID)).filter((a) => a.action === 'draw.official');
    expect(logged).toEqual([
      {
        action: 'draw.official',
        actor: OP,
        details: {
          version: pub.version,
          paramsSha256: pub.params_sha256,
          listRoot: pub.list_root,
          sources: [{ kind: 'public', label: LOTTERY, value: '7 2 9' }],
          sourcesSha256: rec.sourcesSha256,
          seed: rec.seed,
          recordSha256: row.record_sha256,
        },
      },
    ]);

    // Asked again with other values: the stored record, nothing recomputed, the request logged.
    const again = await runDraw(office, ID, [{ label: LOTTERY, value: '1 1 1' }], 'operator:other');
    expect(again.computedNow).toBe(false);
    expect(again.draw).toEqual(row);
    expect(again.units).toEqual(first.units);
    const log = await auditActions(office, ID);
    expect(log.filter((a) => a.action === 'draw.official')).toHaveLength(1);
    expect(log.at(-1)).toEqual({
      action: 'draw.repeat-request',
      actor: 'operator:other',
      details: { recordSha256: row.record_sha256, note: 'stored record returned; nothing recomputed' },
    });
  });
});

describe('the official draw of an event with witnesses', () => {
  it('is refused outside the ceremony, naming the ceremony and its control panel, and changes nothing', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { id: 'zlj.2020_x', drandRound: null });
    const before = await t.office.store.repos.audit.list(id);
    const e = await refusal(
      runDraw(
        t.office,
        id,
        LABELS.map((label, i) => ({ label, value: VALUES[i] })),
        OP,
      ),
    );
    expect(e.code).toBe('draw.ceremony-only');
    expect(e.where.field).toBe('sources');
    expect(e.zh).toContain('/ceremony/zlj.2020_x/control');
    expect(e.en).toContain('/ceremony/zlj.2020_x/control');
    expect(e.en).toContain('Rehearsals stay free');
    expect(await t.office.store.repos.draws.official(id)).toBeUndefined();
    expect((await t.office.store.repos.events.getById(id))!.status).toBe('frozen');
    expect(await t.office.store.repos.audit.list(id)).toEqual(before);
  });

  it('is refused outside the ceremony when witnesses are declared beside other sources', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { publicLabel: LOTTERY }); // three witnesses, a public number, drand
    const given = [
      ...LABELS.map((label, i) => ({ label, value: VALUES[i] })),
      { label: LOTTERY, value: '7 2 9' },
      { drand: { ...ROUND_1000 } },
    ];
    expect((await refusal(runDraw(t.office, id, given, OP))).code).toBe('draw.ceremony-only');
    expect(await t.office.store.repos.draws.official(id)).toBeUndefined();
  });

  it('runs in the ceremony once every value is in, logs the step once, and a second start returns the same record', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { drandRound: null });
    const given = LABELS.map((label, i) => ({ label, value: VALUES[i] }));
    const out = await drawByCeremony(t.office, id, given, OP);
    const row = (await t.office.store.repos.draws.official(id))!;
    const rec = JSON.parse(row.record_text) as RecordJson;
    expect(out).toEqual({
      drawId: rec.drawId,
      seed: rec.seed,
      recordSha256: sha256hex(row.record_text),
      sourcesSha256: sha256hex(row.sources_text),
      computedNow: true,
    });
    expect(JSON.parse(row.sources_text)).toEqual(LABELS.map((label, i) => ({ kind: 'witness', label, value: VALUES[i] })));
    const steps = (await ceremonyLog(t.office, id)).filter((s) => s.type === 'draw');
    expect(steps.map((s) => s.payload)).toEqual([
      {
        drawId: rec.drawId,
        paramsSha256: rec.paramsSha256,
        listRoot: rec.listRoot,
        sources: JSON.parse(row.sources_text),
        sourcesSha256: rec.sourcesSha256,
        seed: rec.seed,
        recordSha256: row.record_sha256,
      },
    ]);
    expect((await t.office.store.repos.ceremony.get(id))!.phase).toBe('drawn');
    const actions = (await auditActions(t.office, id)).filter((a) => a.action === 'ceremony.draw');
    expect(actions).toEqual([
      { action: 'ceremony.draw', actor: OP, details: { drawId: rec.drawId, seed: rec.seed, recordSha256: row.record_sha256 } },
    ]);

    const again = await startCeremonyDraw(t.office, id, OP);
    expect(again).toEqual({ ...out, computedNow: false });
    expect((await ceremonyLog(t.office, id)).filter((s) => s.type === 'draw')).toHaveLength(1);
    expect((await auditActions(t.office, id)).filter((a) => a.action === 'ceremony.draw')).toHaveLength(1);

    // Once drawn, the stored record is what the ceremony shows, even if the publication were changed
    // now (that is for `audit verify` to find), and after the ceremony is closed.
    await sql`UPDATE publications SET list_root = ${'0'.repeat(64)} WHERE event_id = ${id}`.execute(t.office.store.db);
    expect(await startCeremonyDraw(t.office, id, OP)).toEqual({ ...out, computedNow: false });
    await revealNext(t.office, id, OP, true);
    await revealNext(t.office, id, OP);
    expect((await t.office.store.repos.ceremony.get(id))!.phase).toBe('closed');
    expect(await startCeremonyDraw(t.office, id, OP)).toEqual({ ...out, computedNow: false });
  });

  it('is not started before the ceremony is opened', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { drandRound: null });
    const e = await refusal(startCeremonyDraw(t.office, id, OP));
    expect(e.code).toBe('ceremony.not-open');
    expect(e.zh).toMatch(/不能开始摇号$/);
    expect(e.en).toMatch(/; cannot start the draw$/);
  });

  it('halts instead of drawing when the published documents no longer match what was announced', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { drandRound: null });
    await openCeremony(t.office, id, OP);
    await recordMeeting(t.office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
    const seals = LABELS.map((label, i) => sealedValue(id, i, label, VALUES[i]!));
    for (const [i, label] of LABELS.entries()) {
      await commitValue(t.office, id, { index: i, commitment: seals[i]!.commitment, via: 'phone' }, `witness:${label}`);
    }
    for (const [i, label] of LABELS.entries()) {
      await revealValue(t.office, id, { index: i, value: VALUES[i]!, salt: seals[i]!.salt, via: 'phone' }, `witness:${label}`);
    }
    // Every value is in; now the stored publication's digest is changed behind the log's back.
    await sql`UPDATE publications SET list_root = ${'0'.repeat(64)} WHERE event_id = ${id}`.execute(t.office.store.db);
    const e = await refusal(startCeremonyDraw(t.office, id, OP));
    expect(e.code).toBe('ceremony.halted');
    expect(e.where.field).toBe('ceremony');
    expect(e.en).toContain('differ from those the audit log announced');
    expect(await t.office.store.repos.draws.official(id)).toBeUndefined();
    expect((await t.office.store.repos.ceremony.get(id))!.phase).toBe('halted');
  });

  it('refuses to start while a value is missing, naming each missing source', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office);
    const { openCeremony } = await import('../../src/office/ceremony/open-ceremony.js');
    await openCeremony(t.office, id, OP);
    const e = await refusal(startCeremonyDraw(t.office, id, OP));
    expect(e.code).toBe('ceremony.sources-missing');
    expect(e.where.field).toBe('sources');
    expect(e.en).toBe(
      `4 source(s) still missing: ${[...LABELS, 'drand #1000'].map((l) => `"${l}"`).join(', ')}. The draw starts only when all are present`,
    );
    expect(e.zh).toBe(`还缺少 4 个随机来源：${[...LABELS, 'drand #1000'].map((l) => `“${l}”`).join('、')}。全部到齐后才能开始摇号`);
    expect(await t.office.store.repos.draws.official(id)).toBeUndefined();
  });

  it('never presents as its own a record stored with other values', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { drandRound: null });
    // The ceremony's values, then an official row that did not come from them (planted in the store).
    const given = LABELS.map((label, i) => ({ label, value: VALUES[i] }));
    await drawByCeremony(t.office, id, given, OP);
    const row = (await t.office.store.repos.draws.official(id))!;
    const t2 = await testOffice(beforeRound1000());
    open.push(t2);
    await frozenEvent(t2.office, { drandRound: null });
    await drawByCeremony(
      t2.office,
      id,
      LABELS.map((label) => ({ label, value: 'other' })),
      OP,
    );
    const other = (await t2.office.store.repos.draws.official(id))!;
    expect(other.sources_text).not.toBe(row.sources_text);
    // t2's ceremony holds its own values; put the first office's record in its place.
    const { sql } = await import('kysely');
    await dropTrigger(t2.office.store.db, 'draws_official_immutable');
    await sql`UPDATE draws SET sources_text = ${row.sources_text} WHERE event_id = ${id} AND kind = 'official'`.execute(t2.office.store.db);
    const e = await refusal(startCeremonyDraw(t2.office, id, OP));
    expect(e.code).toBe('ceremony.other-draw');
    expect(e.where.field).toBe('draw');
    expect(e.zh).toBe('本批次已在仪式之外用其他随机值正式摇号，仪式不能展示该结果');
    expect(e.en).toBe('this event was drawn outside the ceremony with other values; the ceremony cannot present it');
  });
});

describe('givenInOrder', () => {
  const row = (idx: number, value: string) => ({
    event_id: 'e',
    idx,
    kind: 'witness' as const,
    label: '',
    value,
    entered_by: '',
    via: '',
    at: '',
  });
  it('gives the held values in declared order, the beacon parsed', () => {
    const declared = [
      { kind: 'witness' as const, label: 'A' },
      { kind: 'public' as const, label: 'B' },
      { kind: 'drand' as const, chain: DRAND_QUICKNET.chainHash, round: 1000 },
    ];
    expect(givenInOrder(declared, [row(2, beaconJson()), row(0, 'a'), row(1, 'b')])).toEqual([
      { label: 'A', value: 'a' },
      { label: 'B', value: 'b' },
      { drand: { ...ROUND_1000 } },
    ]);
  });
  it('refuses while any one is missing, naming only the missing ones', () => {
    const declared = [
      { kind: 'witness' as const, label: 'A' },
      { kind: 'witness' as const, label: 'B' },
    ];
    expect(() => givenInOrder(declared, [row(1, 'b')])).toThrow(/^field "sources": 1 source\(s\) still missing: "A"\. /);
  });
});

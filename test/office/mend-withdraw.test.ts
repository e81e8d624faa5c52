/**
 * Mending a draft (edit and delete units, rename and delete the event), the refusals that keep an
 * empty event from being published, and 撤回 of a published event before its draw — on real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { deleteDraftEvent, deleteUnit, renameEvent, updateUnit } from '../../src/office/mend-event.js';
import { withdrawEvent } from '../../src/office/withdraw-event.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw } from '../../src/office/run-draw.js';
import { rehearse } from '../../src/office/rehearse.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { eventOverview } from '../../src/office/event-overview.js';
import { announcement, publicEvents } from '../../src/office/public/announcement.js';
import { refusal, testOffice } from './harness.js';
import { runFlow } from './flows.js';
import { syntheticCsv } from './synthetic.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});
async function fresh(): Promise<T> {
  const t = await testOffice();
  open.push(t);
  return t;
}

async function draft(t: T, id = 'e1'): Promise<void> {
  await createEvent(
    t.office,
    {
      id,
      title: '测试批次',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      declaredSources: [{ kind: 'public', label: '公证员' }],
    },
    'op',
  );
  await addUnit(t.office, { event: id, id: 'A', name: '甲小学', seats: 2 }, 'op');
  await addUnit(t.office, { event: id, id: 'B', name: '乙小学', seats: 3 }, 'op');
}

const actions = async (t: T, id = 'e1') => (await t.office.store.repos.audit.list(id)).map((e) => e.action);

describe('mending a draft', () => {
  it('edits a unit: name and seats change, the log keeps both the old and the new', async () => {
    const t = await fresh();
    await draft(t);
    await updateUnit(t.office, { event: 'e1', id: 'A', name: '甲小学（东校区）', seats: 5 }, 'op');
    const units = await t.office.store.repos.events.listUnits('e1');
    expect(units.map((u) => [u.id, u.name, u.seats])).toEqual([
      ['A', '甲小学（东校区）', 5],
      ['B', '乙小学', 3],
    ]);
    const last = (await t.office.store.repos.audit.list('e1')).pop()!;
    expect(last.action).toBe('unit.update');
    expect(last.details).toMatchObject({ id: 'A', name: '甲小学（东校区）', seats: 5, before: { name: '甲小学', seats: 2 } });
  });

  it('refuses 0 places, a taken name and an unknown unit, changing nothing', async () => {
    const t = await fresh();
    await draft(t);
    expect((await refusal(addUnit(t.office, { event: 'e1', id: 'C', name: '丙小学', seats: 0 }, 'op'))).code).toBe('unit.seats');
    expect((await refusal(updateUnit(t.office, { event: 'e1', id: 'A', seats: 0 }, 'op'))).code).toBe('unit.seats');
    expect((await refusal(updateUnit(t.office, { event: 'e1', id: 'A', name: '乙小学' }, 'op'))).code).toBe('unit.name-exists');
    expect((await refusal(updateUnit(t.office, { event: 'e1', id: 'Z', seats: 4 }, 'op'))).code).toBe('unit.missing');
    const units = await t.office.store.repos.events.listUnits('e1');
    expect(units.map((u) => [u.id, u.name, u.seats])).toEqual([
      ['A', '甲小学', 2],
      ['B', '乙小学', 3],
    ]);
    expect(await actions(t)).toEqual(['event.create', 'unit.add', 'unit.add']);
  });

  it('deletes a unit nobody lists and refuses one an applicant lists', async () => {
    const t = await fresh();
    await draft(t);
    await addUnit(t.office, { event: 'e1', id: 'C', name: '丙小学', seats: 1 }, 'op');
    await importApplicants(t.office, 'e1', syntheticCsv([{ name: '', choices: ['甲小学'] }]), 'list.csv', 'op');
    const e = await refusal(deleteUnit(t.office, 'e1', 'A', 'op'));
    expect(e.code).toBe('unit.in-use');
    expect(e.zh).toContain('1 名报名者');
    await deleteUnit(t.office, 'e1', 'B', 'op');
    const units = await t.office.store.repos.events.listUnits('e1');
    expect(units.map((u) => [u.id, u.position])).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
    expect((await actions(t)).pop()).toBe('unit.delete');
  });

  it('renames a draft, and refuses an empty title', async () => {
    const t = await fresh();
    await draft(t);
    await renameEvent(t.office, 'e1', '  2026年新批次 ', 'op');
    expect((await t.office.store.repos.events.getById('e1'))!.title).toBe('2026年新批次');
    expect((await refusal(renameEvent(t.office, 'e1', '  ', 'op'))).code).toBe('event.title');
    expect((await t.office.store.repos.audit.list('e1')).pop()!.details).toMatchObject({ title: '2026年新批次', before: '测试批次' });
  });

  it('deletes a draft with its units and applicants; its log stays and its id is not given again', async () => {
    const t = await fresh();
    await draft(t);
    await importApplicants(t.office, 'e1', syntheticCsv([{ name: '', choices: ['甲小学', '乙小学'] }]), 'list.csv', 'op');
    // A draft whose privacy settings were chosen goes with them.
    await updatePrivacySettings(t.office, 'e1', { retainUntil: '2027-09-30' }, 'op');
    await deleteDraftEvent(t.office, 'e1', 'op');
    const repos = t.office.store.repos;
    expect(await repos.events.getById('e1')).toBeUndefined();
    expect(await repos.events.listUnits('e1')).toEqual([]);
    expect(await repos.applicants.countByEvent('e1')).toBe(0);
    const log = await repos.audit.list('e1');
    expect(log.pop()).toMatchObject({ action: 'event.delete', details: { title: '测试批次', units: 2, applicants: 1 } });
    const again = await refusal(draft(t));
    expect(again.code).toBe('event.id-used');
  });

  it('edits and deletes nothing once published: the units and the event are fixed', async () => {
    const t = await fresh();
    await runFlow(t.office, 'e1', 4, 'published');
    expect((await refusal(updateUnit(t.office, { event: 'e1', id: 'A', seats: 9 }, 'op'))).code).toBe('event.status');
    expect((await refusal(deleteUnit(t.office, 'e1', 'A', 'op'))).code).toBe('event.status');
    expect((await refusal(renameEvent(t.office, 'e1', '别的名字', 'op'))).code).toBe('event.status');
    expect((await refusal(deleteDraftEvent(t.office, 'e1', 'op'))).code).toBe('event.status');
    expect((await t.office.store.repos.events.listUnits('e1'))[0]!.seats).toBe(2);
    expect((await verifyAudit(t.office, 'e1')).ok).toBe(true);
  });
});

describe('publishing refuses an empty event', () => {
  it('refuses to publish with no applicant', async () => {
    const t = await fresh();
    await draft(t);
    const e = await refusal(publishEvent(t.office, 'e1', 'op'));
    expect(e.code).toBe('publish.no-applicants');
    expect((await t.office.store.repos.events.getById('e1'))!.status).toBe('draft');
  });

  it('refuses to publish while a unit has no applicant, naming it', async () => {
    const t = await fresh();
    await draft(t);
    await importApplicants(t.office, 'e1', syntheticCsv([{ name: '', choices: ['甲小学'] }]), 'list.csv', 'op');
    const e = await refusal(publishEvent(t.office, 'e1', 'op'));
    expect(e.code).toBe('publish.unit-empty');
    expect(e.zh).toContain('乙小学');
    expect(e.zh).not.toContain('甲小学');
    expect(await t.office.store.repos.publications.latest('e1')).toBeUndefined();
    await deleteUnit(t.office, 'e1', 'B', 'op');
    expect((await publishEvent(t.office, 'e1', 'op')).version).toBe(1);
  });
});

describe('撤回 a published event', () => {
  for (const upTo of ['published', 'frozen'] as const) {
    it(`withdraws a ${upTo} event with its reason; the portal shows it withdrawn, not gone`, async () => {
      const t = await fresh();
      await runFlow(t.office, 'e1', 4, upTo);
      const before = await announcement(t.office, 'e1');
      await withdrawEvent(t.office, 'e1', '招生计划调整，本批次作废', 'op');

      const ann = await announcement(t.office, 'e1');
      expect(ann.withdrawn).toMatchObject({ reason: '招生计划调整，本批次作废' });
      expect(ann.status).toBe(upTo);
      expect(ann.schedule.pop()).toMatchObject({ action: 'withdraw', reason: '招生计划调整，本批次作废' });
      // What was published stays published.
      expect(ann.publications).toEqual(before.publications);
      const listed = (await publicEvents(t.office)).find((e) => e.id === 'e1');
      expect(listed?.withdrawn?.reason).toBe('招生计划调整，本批次作废');
      expect((await eventOverview(t.office, 'e1')).withdrawn).toMatchObject({ statusAt: upTo, actor: 'op' });

      const log = await t.office.store.repos.audit.list('e1');
      expect(log.pop()).toMatchObject({ action: 'event.withdraw', details: { reason: '招生计划调整，本批次作废', statusAt: upTo } });
      const checkpoints = await t.office.store.repos.audit.checkpoints('e1');
      expect(checkpoints.pop()!.seq).toBe(log.length + 1);
      expect((await verifyAudit(t.office, 'e1')).ok).toBe(true);
    });
  }

  it('refuses every further step of a withdrawn event', async () => {
    const t = await fresh();
    await runFlow(t.office, 'e1', 4, 'published');
    await withdrawEvent(t.office, 'e1', '名单有误', 'op');
    expect((await refusal(publishEvent(t.office, 'e1', 'op', '更正'))).code).toBe('event.withdrawn');
    expect((await refusal(freezeEvent(t.office, 'e1', 'op'))).code).toBe('event.withdrawn');
    expect((await refusal(rehearse(t.office, 'e1', undefined, 'op'))).code).toBe('event.withdrawn');
    expect((await refusal(withdrawEvent(t.office, 'e1', '再撤一次', 'op'))).code).toBe('event.withdrawn');
    expect((await refusal(importApplicants(t.office, 'e1', syntheticCsv([{ name: '', choices: ['甲小学'] }]), 'l.csv', 'op'))).code).toBe(
      'event.withdrawn',
    );
    expect((await t.office.store.repos.audit.list('e1')).pop()!.action).toBe('event.withdraw');
  });

  it('refuses the ceremony and the draw of a withdrawn frozen event', async () => {
    const t = await fresh();
    await runFlow(t.office, 'e1', 4, 'frozen');
    await withdrawEvent(t.office, 'e1', '名单有误', 'op');
    expect((await refusal(openCeremony(t.office, 'e1', 'op'))).code).toBe('event.withdrawn');
    expect((await refusal(runDraw(t.office, 'e1', [{ label: '公证员', value: '123456' }], 'op'))).code).toBe('event.withdrawn');
    expect(await t.office.store.repos.draws.official('e1')).toBeUndefined();
  });

  it('never withdraws a draft (deleted instead) or a drawn event (its record stands)', async () => {
    const t = await fresh();
    await draft(t);
    expect((await refusal(withdrawEvent(t.office, 'e1', '不要了', 'op'))).code).toBe('event.status');
    await runFlow(t.office, 'e2', 4, 'drawn');
    const record = (await t.office.store.repos.draws.official('e2'))!;
    expect((await refusal(withdrawEvent(t.office, 'e2', '结果不满意', 'op'))).code).toBe('event.status');
    await runFlow(t.office, 'e3', 4, 'results');
    expect((await refusal(withdrawEvent(t.office, 'e3', '结果不满意', 'op'))).code).toBe('event.status');
    expect(await t.office.store.repos.draws.official('e2')).toEqual(record);
    expect(await t.office.store.repos.events.withdrawal('e2')).toBeUndefined();
  });

  it('refuses an empty reason or one with an ID-card number, changing nothing', async () => {
    const t = await fresh();
    await runFlow(t.office, 'e1', 4, 'published');
    expect((await refusal(withdrawEvent(t.office, 'e1', '   ', 'op'))).code).toBe('withdraw.reason');
    await refusal(withdrawEvent(t.office, 'e1', '报名者 510302201309171706 重复', 'op'));
    expect(await t.office.store.repos.events.withdrawal('e1')).toBeUndefined();
    expect((await t.office.store.repos.audit.list('e1')).pop()!.action).toBe('event.publish');
  });

  it('holds in the database itself: a withdrawal is final, a withdrawn event never moves, a drawn one is never withdrawn', async () => {
    const t = await fresh();
    const db = t.office.store.db;
    await runFlow(t.office, 'e1', 4, 'frozen');
    await withdrawEvent(t.office, 'e1', '名单有误', 'op');
    await expect(sql`UPDATE event_withdrawals SET reason = 'x' WHERE event_id = 'e1'`.execute(db)).rejects.toThrow(/final/);
    await expect(sql`DELETE FROM event_withdrawals WHERE event_id = 'e1'`.execute(db)).rejects.toThrow(/final/);
    await expect(sql`UPDATE events SET status = 'drawn' WHERE id = 'e1'`.execute(db)).rejects.toThrow(/withdrawn/);
    await expect(sql`UPDATE units SET seats = 9 WHERE event_id = 'e1'`.execute(db)).rejects.toThrow(/frozen|withdrawn/);
    await expect(
      sql`INSERT INTO draws (event_id, draw_id, kind, version, sources_text, record_text, record_sha256, seed, created_at)
          VALUES ('e1', 'e1', 'official', 1, '', '', '', '', '')`.execute(db),
    ).rejects.toThrow(/withdrawn/);
    await runFlow(t.office, 'e2', 4, 'drawn');
    await expect(
      sql`INSERT INTO event_withdrawals (event_id, reason, status_at, actor, at) VALUES ('e2', '绕过', 'frozen', 'x', '')`.execute(db),
    ).rejects.toThrow(/only a published event/);
  });

  it('finds a withdrawal written beside the log', async () => {
    const t = await fresh();
    await runFlow(t.office, 'e1', 4, 'published');
    await sql`INSERT INTO event_withdrawals (event_id, reason, status_at, actor, at) VALUES ('e1', '悄悄撤回', 'published', 'x', '')`.execute(
      t.office.store.db,
    );
    const report = await verifyAudit(t.office, 'e1');
    expect(report.ok).toBe(false);
  });
});

/**
 * What `audit verify` reports across an event's later life, in full (every trigger dropped): a
 * correction during publication, a withdrawal, an erasure of personal data, offers changed after
 * the results, and a draft whose status was edited. Each clean event verifies first; the expected
 * entry numbers are read from the log by action, the expected texts written out here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuditEntry } from '../../src/core/audit.js';
import { verifyAudit, type AuditReport } from '../../src/office/verify-audit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { withdrawEvent } from '../../src/office/withdraw-event.js';
import { changeOffer } from '../../src/office/offers.js';
import { eraseEvent } from '../../src/office/privacy/erase.js';
import { logAction } from '../../src/office/audit-trail.js';
import { auditHead } from '../../src/office/audit-head.js';
import { sample, testOffice } from './harness.js';
import { createSeedCase } from './seed-case.js';
import { auditedEvent, dropTriggers, EVENT } from './audited-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { SEED_WITNESSES } from './seed-case.js';

type T = Awaited<ReturnType<typeof testOffice>>;
const run = (t: T, q: string) => sql.raw(q).execute(t.office.store.db);
const log = (t: T, event: string): Promise<AuditEntry[]> => t.office.store.repos.audit.list(event);
const seqOf = async (t: T, event: string, action: string): Promise<number> =>
  (await log(t, event)).filter((e) => e.action === action).pop()!.seq;

/** The finding on `event` after `change`, with the state put back by `undo` (and checked clean again). */
async function finding(t: T, event: string, change: string[], undo: string[]): Promise<{ seq: number; reason: string; zh: string }> {
  for (const q of change) await run(t, q);
  const r = await verifyAudit(t.office, event);
  for (const q of undo) await run(t, q);
  expect((await verifyAudit(t.office, event)).ok).toBe(true);
  expect(r.ok).toBe(false);
  const { seq, reason, zh } = r as AuditReport & { seq: number; reason: string; zh: string };
  return { seq, reason, zh };
}

describe('audit verify: a corrected, a withdrawn and a draft event', () => {
  let t: T;
  beforeAll(async () => {
    t = await testOffice();
    for (const id of ['corr', 'wd']) {
      await createSeedCase(t.office, id);
      await importApplicants(t.office, id, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
      await publishEvent(t.office, id, 'operator');
    }
    await publishEvent(t.office, 'corr', 'operator', '更正一处笔误');
    await withdrawEvent(t.office, 'wd', '招生计划调整，本批次作废', 'operator');
    await createSeedCase(t.office, 'dr');
    await dropTriggers(t.office);
  });
  afterAll(async () => {
    await t.office.close();
  });

  it('verifies each as it stands', async () => {
    for (const id of ['corr', 'wd', 'dr']) expect(await verifyAudit(t.office, id)).toMatchObject({ ok: true });
  });

  it('a corrected publication is checked against the correction, and its status too', async () => {
    // The correction is the newest publication: its version and digests are the ones checked.
    expect((await log(t, 'corr')).filter((e) => e.action === 'event.publish' || e.action === 'event.correct').length).toBe(2);
    expect(
      await finding(
        t,
        'corr',
        ["UPDATE events SET status = 'frozen' WHERE id = 'corr'"],
        ["UPDATE events SET status = 'published' WHERE id = 'corr'"],
      ),
    ).toEqual({
      seq: await seqOf(t, 'corr', 'event.correct'),
      reason: `the event is marked "frozen" but the log's last step leaves it "published" (entries removed, or the status edited)`,
      zh: '批次状态为“frozen”，但日志最后一步应为“published”（日志被删减或状态被改动）',
    });
    expect(
      await finding(
        t,
        'corr',
        ["UPDATE publications SET version = 3 WHERE event_id = 'corr' AND version = 2"],
        ["UPDATE publications SET version = 2 WHERE event_id = 'corr' AND version = 3"],
      ),
    ).toEqual({
      seq: await seqOf(t, 'corr', 'event.correct'),
      reason: 'the stored publication no longer matches the digests the log fixed',
      zh: '库中的公示文件与日志记录的哈希不符（公示内容被改动）',
    });
  });

  it('an official record stored for an event whose log has no draw', async () => {
    expect(
      await finding(
        t,
        'corr',
        [
          "INSERT INTO draws (event_id, draw_id, kind, version, sources_text, record_text, record_sha256, seed, created_at) VALUES ('corr', 'corr', 'official', 2, '[]', '{}', '', '', '')",
        ],
        ["DELETE FROM draws WHERE event_id = 'corr'"],
      ),
    ).toEqual({
      seq: (await log(t, 'corr')).length,
      reason: 'the stored record no longer matches the hash the log fixed',
      zh: '库中的摇号结果与日志记录的哈希不符（结果被改动）',
    });
  });

  it('changed choices while the list is published (before the freeze fixes the whole list)', async () => {
    const a = (await t.office.store.repos.applicants.listByEvent('corr')).find(
      (x) => x.choices.includes('TML') && !x.choices.includes('TKS'),
    )!;
    expect(
      await finding(
        t,
        'corr',
        [`UPDATE applicants SET choices = replace(choices, 'TML', 'TKS') WHERE event_id = 'corr' AND reg_no = '${a.reg_no}'`],
        [`UPDATE applicants SET choices = replace(choices, 'TKS', 'TML') WHERE event_id = 'corr' AND reg_no = '${a.reg_no}'`],
      ),
    ).toEqual({
      seq: await seqOf(t, 'corr', 'event.correct'),
      reason: `the stored choices, tier or group of ${a.reg_no} differ from the published list`,
      zh: `报名号 ${a.reg_no} 在库中的志愿、类别或多胞胎分组与公示名单不符`,
    });
  });

  it('a draft whose status was edited', async () => {
    const n = (await log(t, 'dr')).length;
    expect(
      await finding(
        t,
        'dr',
        ["UPDATE events SET status = 'published' WHERE id = 'dr'"],
        ["UPDATE events SET status = 'draft' WHERE id = 'dr'"],
      ),
    ).toEqual({
      seq: n,
      reason: `the event is marked "published" but the log's last step leaves it "draft" (entries removed, or the status edited)`,
      zh: '批次状态为“published”，但日志最后一步应为“draft”（日志被删减或状态被改动）',
    });
  });

  it('a withdrawal reworded, removed, or written beside the log', async () => {
    const expected = {
      seq: await seqOf(t, 'wd', 'event.withdraw'),
      reason: 'the stored withdrawal and the log disagree (a withdrawal added, removed or reworded)',
      zh: '库中的撤回记录与日志不一致（撤回被添加、删除或改动）',
    };
    expect(
      await finding(
        t,
        'wd',
        ["UPDATE event_withdrawals SET reason = '名单有误' WHERE event_id = 'wd'"],
        ["UPDATE event_withdrawals SET reason = '招生计划调整，本批次作废' WHERE event_id = 'wd'"],
      ),
    ).toEqual(expected);
    await run(t, "CREATE TABLE kept_wd AS SELECT * FROM event_withdrawals WHERE event_id = 'wd'");
    expect(
      await finding(
        t,
        'wd',
        ["DELETE FROM event_withdrawals WHERE event_id = 'wd'"],
        ['INSERT INTO event_withdrawals SELECT * FROM kept_wd'],
      ),
    ).toEqual(expected);
    await run(t, 'DROP TABLE kept_wd');
    expect(
      await finding(
        t,
        'corr',
        ["INSERT INTO event_withdrawals (event_id, reason, status_at, actor, at) VALUES ('corr', '悄悄撤回', 'published', 'x', '')"],
        ["DELETE FROM event_withdrawals WHERE event_id = 'corr'"],
      ),
    ).toEqual({ ...expected, seq: (await log(t, 'corr')).length });
  });
});

describe('audit verify: offers changed after the results, and an erasure', () => {
  let t: T;
  beforeAll(async () => {
    t = await testOffice();
    await auditedEvent(t.office, 'results');
    const first = (await t.office.store.repos.offers.listByEvent(EVENT))[0]!;
    await changeOffer(t.office, EVENT, first.reg_no, 'confirm', undefined, 'operator');
    // An entry without details (any writer of the log may add one) is no finding.
    await logAction(t.office.store.repos, t.office, EVENT, 'operator', 'note', null);
    await dropTriggers(t.office);
  });
  afterAll(async () => {
    await t.office.close();
  });

  it('verifies the event as it stands, and gives its head as the projector shows it', async () => {
    expect(await verifyAudit(t.office, EVENT)).toMatchObject({ ok: true });
    const newest = (await log(t, EVENT)).pop()!;
    expect(await auditHead(t.office.store.repos, EVENT)).toEqual({
      seq: newest.seq,
      hash: newest.hash,
      at: newest.at,
      text: `${newest.seq}:${newest.hash}`,
    });
    expect(await auditHead(t.office.store.repos, 'no-such-event')).toBeUndefined();
  });

  it('compares the offers with the newest state the log fixed', async () => {
    const states = (await log(t, EVENT)).filter((e) => typeof (e.details as { offersSha256?: unknown } | null)?.offersSha256 === 'string');
    expect(states.map((e) => e.action)).toEqual(['results.publish', 'offers.state']);
    const newest = states.pop()!;
    const n = (newest.details as { offers: number }).offers;
    const id = (await t.office.store.repos.offers.listByEvent(EVENT))[0]!.id;
    expect(
      await finding(
        t,
        EVENT,
        [`UPDATE offers SET status = 'offered' WHERE id = ${id}`],
        [`UPDATE offers SET status = 'confirmed' WHERE id = ${id}`],
      ),
    ).toEqual({
      seq: newest.seq,
      reason: `the stored offers (${n}) differ from the state the log fixed in entry ${newest.seq} (${n}): an offer was added, removed or changed`,
      zh: `库中的录取记录（${n} 条）与日志第 ${newest.seq} 条记录的状态（${n} 条）不符：录取被增删或改动`,
    });
  });

  it('names personal data stored again after the erasure the log records', async () => {
    await eraseEvent(t.office, EVENT, 'admin');
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
    const erasure = await seqOf(t, EVENT, 'applicants.erase');
    const [a, b] = (await t.office.store.repos.applicants.listByEvent(EVENT)).slice(2, 4);
    expect(
      await finding(
        t,
        EVENT,
        [`UPDATE applicants SET erased_at = NULL WHERE reg_no IN ('${a!.reg_no}', '${b!.reg_no}')`],
        [`UPDATE applicants SET erased_at = '${a!.erased_at!}' WHERE reg_no IN ('${a!.reg_no}', '${b!.reg_no}')`],
      ),
    ).toEqual({
      seq: erasure,
      reason: `2 applicant(s) hold personal data after the erasure of entry ${erasure} (e.g. ${a!.reg_no})`,
      zh: `第 ${erasure} 条已记录删除个人信息，但库中仍有 2 名报名者的个人信息（如 ${a!.reg_no}）`,
    });
  });
});

describe('audit verify: a drawn event', () => {
  it('verifies an event drawn and not yet announced as it stands', async () => {
    const t = await testOffice();
    try {
      await auditedEvent(t.office, 'frozen');
      await drawByCeremony(t.office, EVENT, SEED_WITNESSES, 'operator');
      expect((await t.office.store.repos.events.getById(EVENT))!.status).toBe('drawn');
      expect(await verifyAudit(t.office, EVENT)).toMatchObject({ ok: true });
    } finally {
      await t.office.close();
    }
  });
});

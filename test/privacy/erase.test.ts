/**
 * Erasure in the office: what it keeps and what the database's guards let through; what `audit
 * verify` says when personal data comes back after it; the retention settings and their refusals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { eraseEvent, retentionStates } from '../../src/office/privacy/erase.js';
import { privacySettingsOf, updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { refusal, testOffice } from '../office/harness.js';
import { auditedEvent, dropTriggers, EVENT } from '../office/audited-event.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});
async function fresh(stage: 'frozen' | 'results' = 'results'): Promise<T> {
  const t = await testOffice();
  open.push(t);
  await auditedEvent(t.office, stage);
  return t;
}
const run = (t: T, q: string) => sql.raw(q).execute(t.office.store.db);

describe('erasure', () => {
  it('is refused at any stage before the results, and when the audit check fails', async () => {
    const t = await fresh('frozen');
    const e = await refusal(eraseEvent(t.office, EVENT, 'admin'));
    expect(e.code).toBe('erase.before-results');
    expect(e.zh).toContain('已冻结');
    const u = await fresh();
    await dropTriggers(u.office);
    const reg = (await u.office.store.repos.applicants.listByEvent(EVENT))[0]!.reg_no;
    await run(u, `update applicants set birth_date = '2014-01-01' where reg_no = '${reg}'`);
    const f = await refusal(eraseEvent(u.office, EVENT, 'admin'));
    expect(f.code).toBe('erase.audit-failed');
    expect((await u.office.store.repos.applicants.getByRegNo(EVENT, reg))!.erased_at).toBeNull();
  });

  it('keeps registration numbers, masked names, choices, tiers, groups and offers; the log still verifies', async () => {
    const t = await fresh();
    const repos = t.office.store.repos;
    const before = await repos.applicants.listByEvent(EVENT);
    const offers = await repos.offers.listByEvent(EVENT);
    const r = await eraseEvent(t.office, EVENT, 'admin');
    expect(r.erased).toBe(before.length);
    const after = await repos.applicants.listByEvent(EVENT);
    expect(after.map((a) => [a.reg_no, a.choices, a.tier, a.group_id, a.group_label, a.source_row])).toEqual(
      before.map((a) => [a.reg_no, a.choices, a.tier, a.group_id, a.group_label, a.source_row]),
    );
    expect(after.every((a) => a.erased_at === r.at && /^[0-9a-f]{64}$/.test(a.person_commitment!) && a.extra === '{}')).toBe(true);
    expect(await repos.offers.listByEvent(EVENT)).toEqual(offers);
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
    expect((await repos.privacy.erasure(EVENT)).held).toBe(0);
  });

  it('the database lets only the erasure through a frozen list, and never writes an erased row again', async () => {
    const t = await fresh();
    const reg = (await t.office.store.repos.applicants.listByEvent(EVENT))[0]!.reg_no;
    // An "erasure" that also changes the choices is the frozen list being edited.
    await expect(
      run(t, `update applicants set erased_at = 'x', person_commitment = '${'a'.repeat(64)}', choices = '[]' where reg_no = '${reg}'`),
    ).rejects.toThrow(/frozen/);
    await expect(run(t, `update applicants set name = '某某' where reg_no = '${reg}'`)).rejects.toThrow(/frozen/);
    await eraseEvent(t.office, EVENT, 'admin');
    await expect(run(t, `update applicants set name = '张三', erased_at = null where reg_no = '${reg}'`)).rejects.toThrow(
      /erased personal data/,
    );
  });

  it('audit verify names personal data stored again after the erasure the log records', async () => {
    const t = await fresh();
    await eraseEvent(t.office, EVENT, 'admin');
    await dropTriggers(t.office);
    const reg = (await t.office.store.repos.applicants.listByEvent(EVENT))[3]!.reg_no;
    await run(t, `update applicants set erased_at = null, name = '张小三' where reg_no = '${reg}'`);
    const r = await verifyAudit(t.office, EVENT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.reason} / ${r.zh}`).toMatch(new RegExp(`hold personal data after the erasure.*${reg}`));
    // A kept commitment swapped for another is caught as well.
    await run(t, `update applicants set erased_at = 'x' where reg_no = '${reg}'`);
    await run(t, `update applicants set person_commitment = '${'b'.repeat(64)}' where reg_no = '${reg}'`);
    const s = await verifyAudit(t.office, EVENT);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.reason).toMatch(/differs from the commitment logged/);
  });
});

describe('privacy settings', () => {
  it('hold the columns and the retention date, and refuse unknown columns, bad or past dates', async () => {
    const t = await testOffice();
    open.push(t);
    await auditedEvent(t.office, 'results');
    expect(await privacySettingsOf(t.office.store.repos, EVENT)).toEqual({
      columns: ['birthDate', 'guardian', 'phone'],
      retainUntil: null,
      chosen: false,
    });
    expect((await refusal(updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-02-30' }, 'admin'))).code).toBe(
      'privacy.retain-until',
    );
    expect((await refusal(updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-05-31' }, 'admin'))).code).toBe(
      'privacy.retain-past',
    );
    // Columns are chosen in the draft only.
    expect((await refusal(updatePrivacySettings(t.office, EVENT, { columns: ['phone'] }, 'admin'))).code).toBe('privacy.columns-fixed');
    expect((await refusal(updatePrivacySettings(t.office, EVENT, { columns: ['email'] }, 'admin'))).code).toBe('privacy.column');
    const s = await updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-06-10' }, 'admin');
    expect(s.retainUntil).toBe('2026-06-10');
    const log = await t.office.store.repos.audit.list(EVENT);
    expect(log[log.length - 1]!.action).toBe('privacy.settings');
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
  });

  it('retention states: held, soon (warned), due on the day, erased after', async () => {
    const t = await fresh();
    await updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-07-01' }, 'admin');
    const state = async (today: string) => (await retentionStates(t.office, today)).find((s) => s.eventId === EVENT)!;
    expect(await state('2026-06-01')).toMatchObject({ state: 'held', daysLeft: 30 });
    expect(await state('2026-06-17')).toMatchObject({ state: 'soon', daysLeft: 14 });
    expect(await state('2026-07-01')).toMatchObject({ state: 'due', daysLeft: 0 });
    await eraseEvent(t.office, EVENT, 'admin');
    expect(await state('2026-07-01')).toMatchObject({ state: 'erased', held: 0 });
  });
});

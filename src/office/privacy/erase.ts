/**
 * 删除个人信息: once the results are published and the retention date has come (or the bureau
 * decides earlier), the children's names, ID-card numbers, birth dates, guardians, phones and every
 * other column of the import file (addresses …) are erased from the database. What stays: the
 * registration numbers, the masked names, the choices, tiers and groups, the draw and the offers —
 * and each applicant's person commitment (src/office/person-commitments.ts), which the log fixed
 * at publication and freeze. So after erasure the audit log still verifies against the database,
 * the public bundle is unchanged, and a family's receipt still opens its commitment with the salt
 * and the child's data the family holds. The bureau keeps no salt: the kept commitment cannot be
 * opened by trying ID numbers.
 *
 * Erasure is refused before the results are published (families still check their data and the
 * draw), and when the audit check fails (erasing would destroy the evidence). It is itself an entry
 * of the log, with a signed checkpoint.
 */
import { FairDrawError } from '../../core/errors.js';
import { logMilestone } from '../audit-trail.js';
import { loadEvent } from '../load-event.js';
import { maskName } from '../masking.js';
import { commitmentOfRow, personsOf } from '../person-commitments.js';
import type { Actor, Office } from '../ports.js';
import { STATUS_ZH } from '../errors.js';
import { verifyAudit } from '../verify-audit.js';
import { privacySettingsOf } from './settings.js';
import { CITY, eventsInScope, type Scope } from '../districts.js';
import type { RetentionState } from '../../api/staff.js';

export type { RetentionState };

export const ERASE_ACTION = 'applicants.erase';

/** What erasure removes, as the log and the notice name it. */
export const ERASED_FIELDS = ['name', 'idNumber', 'birthDate', 'guardian', 'phone', 'address', 'otherColumns'] as const;

export interface ErasureOutcome {
  eventId: string;
  erased: number;
  at: string;
  personsRoot: string;
  seq: number;
}

export async function eraseEvent(
  office: Office,
  eventId: string,
  actor: Actor,
  options: { scheduled?: boolean } = {},
): Promise<ErasureOutcome> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  if (ev.status !== 'results') {
    throw new FairDrawError(
      'erase.before-results',
      `批次 ${eventId} 当前状态为“${STATUS_ZH[ev.status]}”：结果公布之前不能删除个人信息（家庭仍在核对自己的信息和摇号结果）`,
      `event ${eventId} is ${ev.status}: personal data cannot be erased before the results are published (families are still checking their data and the draw)`,
      { field: 'event' },
    );
  }
  const state = await repos.privacy.erasure(eventId);
  if (state.held === 0 && state.erased > 0) {
    throw new FairDrawError(
      'erase.done',
      `批次 ${eventId} 的个人信息已于 ${state.erasedAt} 删除`,
      `the personal data of event ${eventId} was erased at ${state.erasedAt}`,
      { field: 'event' },
    );
  }
  // Erasing would destroy the evidence of an altered row: the log must verify first.
  const audit = await verifyAudit(office, eventId);
  if (!audit.ok) {
    throw new FairDrawError(
      'erase.audit-failed',
      `审计核验未通过（第 ${audit.seq} 条：${audit.zh}），不删除个人信息：删除会毁掉核查所需的证据`,
      `the audit check fails (entry ${audit.seq}: ${audit.reason}); nothing is erased, as erasing would destroy the evidence`,
      { field: 'event' },
    );
  }
  const { retainUntil } = await privacySettingsOf(repos, eventId);
  const outcome = await office.store.tx(async (tx) => {
    await loadEvent(tx, eventId, ['results'], { zh: '删除个人信息', en: 'erase personal data' });
    const at = office.clock.now().toISOString();
    await tx.privacy.secureDelete();
    const rows = await tx.applicants.listByEvent(eventId);
    let erased = 0;
    for (const a of rows) {
      if (a.erased_at) continue;
      await tx.privacy.eraseRow(eventId, { regNo: a.reg_no, maskedName: maskName(a.name), commitment: commitmentOfRow(a) }, at);
      erased++;
    }
    // The kept commitments are the ones the log fixed: checked again before the erasure commits.
    const after = await tx.applicants.listByEvent(eventId);
    const persons = personsOf(after);
    const before = personsOf(rows);
    if (persons.personsRoot !== before.personsRoot) {
      throw new FairDrawError(
        'erase.commitments',
        '删除后保留的承诺与删除前不一致，已撤销删除',
        'the commitments kept after erasure differ from those before it; nothing was erased',
        { field: 'event' },
      );
    }
    const entry = await logMilestone(tx, office, eventId, actor, ERASE_ACTION, {
      erased,
      fields: [...ERASED_FIELDS],
      kept: ['regNo', 'maskedName', 'choices', 'tier', 'group', 'offers', 'personCommitment'],
      ...persons,
      retainUntil,
      scheduled: options.scheduled === true,
    });
    return { eventId, erased, at, personsRoot: persons.personsRoot, seq: entry.seq };
  });
  // Old pages of the database file and its write-ahead log must not keep the erased values.
  await repos.privacy.flushErased();
  return outcome;
}

/** Days before the retention date on which admins are warned. */
export const WARN_DAYS = 14;

export async function retentionStates(office: Office, today: string, scope: Scope = CITY): Promise<RetentionState[]> {
  const repos = office.store.repos;
  const out: RetentionState[] = [];
  for (const ev of await eventsInScope(repos, scope)) {
    const { retainUntil } = await privacySettingsOf(repos, ev.id);
    const e = await repos.privacy.erasure(ev.id);
    const daysLeft =
      retainUntil === null ? null : Math.round((Date.parse(`${retainUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    let state: RetentionState['state'] = 'none';
    if (e.erased > 0 && e.held === 0) state = 'erased';
    else if (daysLeft === null) state = e.held > 0 ? 'held' : 'none';
    else if (daysLeft <= 0) state = ev.status === 'results' ? 'due' : 'overdue';
    else if (daysLeft <= WARN_DAYS) state = 'soon';
    else state = 'held';
    out.push({
      eventId: ev.id,
      title: ev.title,
      status: ev.status,
      retainUntil,
      daysLeft,
      held: e.held,
      erased: e.erased,
      erasedAt: e.erasedAt,
      state,
    });
  }
  return out;
}

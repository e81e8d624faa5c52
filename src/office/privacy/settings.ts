/**
 * 个人信息设置: per event, which optional personal columns it collects (name and ID-card number
 * always; birth date, guardian, phone, address only when a document or rule of the event needs
 * them) and the retention date, on which its personal data is erased (src/office/privacy/erase.ts).
 * A change is logged in the audit trail (columns and date only: nothing personal).
 */
import { FairDrawError } from '../../core/errors.js';
import { logAction } from '../audit-trail.js';
import { loadEvent } from '../load-event.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';

export const OPTIONAL_COLUMNS = ['birthDate', 'guardian', 'phone', 'address'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** Each optional column: its header in the import file and its name in both languages. */
export const COLUMN_NAMES: Readonly<Record<OptionalColumn, { zh: string; en: string }>> = {
  birthDate: { zh: '出生日期', en: 'birth date' },
  guardian: { zh: '监护人', en: 'guardian' },
  phone: { zh: '联系电话', en: 'phone' },
  address: { zh: '家庭住址', en: 'home address' },
};

/**
 * An event without settings (made before this existed) collects what the import always took:
 * birth date, guardian and phone (not the address, which the import kept only as an extra column).
 */
export const LEGACY_COLUMNS: readonly OptionalColumn[] = ['birthDate', 'guardian', 'phone'];

export interface PrivacySettings {
  columns: OptionalColumn[];
  /** YYYY-MM-DD, or null when not set. */
  retainUntil: string | null;
  /** False for an event that never chose (it collects LEGACY_COLUMNS). */
  chosen: boolean;
}

/** An event's privacy settings (the use case behind GET /api/events/:id/privacy). */
export async function eventPrivacySettings(office: Office, eventId: string): Promise<PrivacySettings> {
  return privacySettingsOf(office.store.repos, eventId);
}

export async function privacySettingsOf(repos: Repos, eventId: string): Promise<PrivacySettings> {
  const s = await repos.privacy.settings(eventId);
  if (!s) return { columns: [...LEGACY_COLUMNS], retainUntil: null, chosen: false };
  return { columns: OPTIONAL_COLUMNS.filter((c) => s.columns.includes(c)), retainUntil: s.retainUntil, chosen: true };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The day (YYYY-MM-DD) of `now` in China (UTC+8), the bureau's calendar. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface PrivacyUpdate {
  columns?: readonly string[];
  /** YYYY-MM-DD, or null to clear. */
  retainUntil?: string | null;
}

export async function updatePrivacySettings(
  office: Office,
  eventId: string,
  update: PrivacyUpdate,
  actor: Actor,
): Promise<PrivacySettings> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId);
    const before = await privacySettingsOf(repos, eventId);
    let columns = before.columns;
    if (update.columns !== undefined) {
      const unknown = update.columns.filter((c) => !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
      if (unknown.length > 0) {
        throw new FairDrawError(
          'privacy.column',
          `未知的个人信息列：${unknown.join('、')}（可选：${OPTIONAL_COLUMNS.map((c) => `${c}=${COLUMN_NAMES[c].zh}`).join('、')}；姓名和身份证号始终采集）`,
          `unknown personal column: ${unknown.join(', ')} (one of ${OPTIONAL_COLUMNS.join(', ')}; name and ID-card number are always collected)`,
          { field: 'columns' },
        );
      }
      const next = OPTIONAL_COLUMNS.filter((c) => update.columns!.includes(c));
      const changed = next.join() !== columns.join() || !before.chosen;
      if (changed && ev.status !== 'draft') {
        throw new FairDrawError(
          'privacy.columns-fixed',
          `批次 ${eventId} 已公示，采集的个人信息列不能再更改（只能在草稿阶段选择）`,
          `event ${eventId} is published: the personal columns it collects can no longer change (chosen only while a draft)`,
          { field: 'columns' },
        );
      }
      if (changed && (await repos.applicants.countByEvent(eventId)) > 0) {
        const dropped = columns.filter((c) => !next.includes(c));
        if (dropped.length > 0) {
          throw new FairDrawError(
            'privacy.columns-imported',
            `已有报名数据导入，不能取消采集 ${dropped.map((c) => COLUMN_NAMES[c].zh).join('、')}：请先删除已导入的数据，或保留该列`,
            `applicants are already imported: ${dropped.map((c) => COLUMN_NAMES[c].en).join(', ')} can no longer be dropped; remove the imported rows first, or keep the column`,
            { field: 'columns' },
          );
        }
      }
      columns = next;
    }
    let retainUntil = before.retainUntil;
    if (update.retainUntil !== undefined) {
      const r = update.retainUntil;
      if (r !== null && !isDate(r)) {
        throw new FairDrawError(
          'privacy.retain-until',
          `保存期限须为日期（YYYY-MM-DD），收到“${r}”`,
          `the retention date must be a date (YYYY-MM-DD), got "${r}"`,
          { field: 'retainUntil' },
        );
      }
      const today = chinaDay(office.clock.now());
      if (r !== null && r !== before.retainUntil && r < today) {
        throw new FairDrawError(
          'privacy.retain-past',
          `保存期限 ${r} 早于今天（${today}）：请选今天或以后的日期；要立即删除，请在结果公布后执行删除`,
          `the retention date ${r} is before today (${today}): choose today or later; to erase now, erase once the results are published`,
          { field: 'retainUntil' },
        );
      }
      retainUntil = r;
    }
    const at = office.clock.now().toISOString();
    await repos.privacy.putSettings(eventId, columns, retainUntil, at);
    await logAction(repos, office, eventId, actor, 'privacy.settings', { columns, retainUntil });
    return { columns, retainUntil, chosen: true };
  });
}

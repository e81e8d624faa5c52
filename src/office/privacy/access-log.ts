/**
 * 查阅记录: every staff look at unmasked personal data — the applicant table and its search, the
 * staff results with full names, the families' notices (which carry guardians' names), the
 * internal workbook, any export — is recorded with who (role and username: this log is private
 * and names the staff member), when, what, which event and how many families, and for exports
 * the reason given. It is a table of its own (`access_log`), append-only, never published: not in
 * the public audit log, not in the bundle, not in any public answer. Supervisors and admins read it
 * in the console.
 */
import { FairDrawError } from '../../core/errors.js';
import type { Office } from '../ports.js';
import { CITY, type Scope } from '../districts.js';
import type { AccessEntry } from '../../store/repositories/privacy.repository.js';

export type { AccessEntry };

/** What was looked at. */
export type Look =
  | 'applicants.list'
  | 'applicants.search'
  | 'results.names'
  | 'document.notice'
  | 'document.notices'
  | 'document.receipts'
  | 'export.workbook'
  | 'export.units';

export interface LookRecord {
  /** The staff member: role:username. */
  actor: string;
  eventId: string;
  what: Look;
  families: number;
  reason?: string;
  details?: Record<string, unknown>;
}

export const MIN_REASON = 4;
export const MAX_REASON = 200;

/** An export's reason, trimmed; refused when missing or too short to say anything. */
export function exportReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if ([...r].length < MIN_REASON || [...r].length > MAX_REASON) {
    throw new FairDrawError(
      'privacy.reason',
      `导出含个人信息的文件须说明理由（${MIN_REASON}–${MAX_REASON} 个字），例如“向录取学校移交名单”；该理由记入查阅记录`,
      `exporting a file with personal data needs a reason (${MIN_REASON}–${MAX_REASON} characters), e.g. "hand the list to the admitting school"; it goes into the access log`,
      { field: 'reason' },
    );
  }
  return r;
}

export async function recordLook(office: Office, look: LookRecord): Promise<void> {
  await office.store.repos.privacy.logAccess({
    at: office.clock.now().toISOString(),
    actor: look.actor,
    eventId: look.eventId,
    what: look.what,
    families: look.families,
    reason: look.reason ?? null,
    details: look.details ?? {},
  });
}

/** `scope`: a district's account reads the entries of its district's events only. */
export async function accessLog(
  office: Office,
  options: { eventId?: string; limit?: number; before?: number },
  scope: Scope = CITY,
): Promise<AccessEntry[]> {
  return office.store.repos.privacy.accessLog({
    ...(scope.district !== null ? { district: scope.district } : {}),
    eventId: options.eventId,
    limit: Math.min(options.limit ?? 100, 500),
    before: options.before,
  });
}

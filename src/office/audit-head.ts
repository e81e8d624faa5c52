/**
 * 日志头: the newest entry of an event's log as `seq:hash`. Shown on the projector and the live
 * feed, printed in the announcement and held by the notary, it lets anyone outside the bureau
 * check later that no entry up to it was removed or changed (`fairdraw audit verify --head`).
 */
import { formatHead } from '../core/audit.js';
import type { Repos } from '../store/index.js';

export interface AuditHead {
  seq: number;
  hash: string;
  at: string;
  /** `seq:hash`, as printed and as `--head` accepts it. */
  text: string;
}

export async function auditHead(repos: Repos, eventId: string): Promise<AuditHead | undefined> {
  const e = await repos.audit.last(eventId);
  return e && { seq: e.seq, hash: e.hash, at: e.at, text: formatHead(e) };
}

/**
 * 撤回: a published event that was a mistake is withdrawn, with a reason, before its draw. The
 * event, its publications and its log stay public and show it as withdrawn; it never moves on
 * (no correction, freeze, ceremony or draw: the database refuses them too, see migration 0011).
 *
 * After the official draw there is no withdrawal: the draw's record is what happened and stays
 * exactly as made. A mistake found then is mended offer by offer (revoke, with a reason), or by a
 * new event, the first one's record kept public beside it.
 */
import { FairDrawError } from '../core/errors.js';
import { checkText } from '../core/encoding.js';
import { logMilestone } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { refusePersonalNumbers } from './masking.js';
import type { Actor, Office } from './ports.js';

export interface Withdrawal {
  event: string;
  reason: string;
  statusAt: string;
  at: string;
}

export async function withdrawEvent(office: Office, eventId: string, rawReason: string, actor: Actor): Promise<Withdrawal> {
  const reason = rawReason.normalize('NFC').trim();
  if (!reason)
    throw new FairDrawError('withdraw.reason', '撤回必须说明理由（理由将公开）', 'a withdrawal needs a reason (it is made public)', {
      field: 'reason',
    });
  checkText(reason, { field: 'reason' });
  refusePersonalNumbers(reason, 'reason');
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, ['published', 'frozen'], {
      zh: '撤回（仅限已公示、尚未正式摇号的批次；草稿可直接删除）',
      en: 'withdraw (only a published event not yet drawn; a draft is deleted instead)',
    });
    if (await repos.draws.official(eventId)) {
      throw new FairDrawError(
        'withdraw.drawn',
        '已正式摇号，摇号记录不能撤回',
        'the official draw has been made; its record cannot be withdrawn',
        {
          field: 'status',
        },
      );
    }
    const at = office.clock.now().toISOString();
    await logMilestone(repos, office, eventId, actor, 'event.withdraw', { reason, statusAt: ev.status, version: ev.version });
    await repos.events.insertWithdrawal({ event_id: eventId, reason, status_at: ev.status, actor, at });
    return { event: eventId, reason, statusAt: ev.status, at };
  });
}

/** Errors of the office's use cases, in both languages. */
import { FairDrawError } from '../core/errors.js';
import type { EventStatus } from '../store/schema.js';

export const STATUS_ZH: Record<EventStatus, string> = {
  draft: '草稿',
  published: '已公示',
  frozen: '已冻结',
  drawn: '已摇号',
  results: '结果已公布',
};

export function noEvent(id: string): FairDrawError {
  return new FairDrawError('event.missing', `没有编号为 ${id} 的摇号批次`, `there is no event ${id}`, { field: 'event' });
}

export function wrongStatus(
  id: string,
  status: EventStatus,
  allowed: readonly EventStatus[],
  act: { zh: string; en: string },
): FairDrawError {
  return new FairDrawError(
    'event.status',
    `批次 ${id} 当前状态为“${STATUS_ZH[status]}”，不能${act.zh}（仅在 ${allowed.map((s) => STATUS_ZH[s]).join('、')} 状态下可以）`,
    `event ${id} is ${status}; cannot ${act.en} (only when ${allowed.join(' or ')})`,
    { field: 'status' },
  );
}

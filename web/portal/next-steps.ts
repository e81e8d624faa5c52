/**
 * 下一步: what a family does after its result, in plain words, from the event's public
 * arrangements (confirmation deadline, 报到 date, place and documents, contact phone). A setting
 * the bureau has not entered is left out of the sentence, never shown as a blank.
 */
import type { ApplicantPage } from '../../src/api/public.js';

export type NextKind = 'confirm' | 'report' | 'waitlist' | 'other' | 'none';

/** `2020-08-20T17:00` reads as `2020-08-20 17:00`. */
const when = (v: string): string => v.replace('T', ' ');

export function nextSteps(page: ApplicantPage, lang: 'zh' | 'en'): { kind: NextKind; lines: string[] } {
  const r = page.result;
  if (!r) return { kind: 'none', lines: [] };
  const s = page.nextSteps;
  const zh = lang === 'zh';
  const o = r.offer;
  const live = o && (o.status === 'offered' || o.status === 'confirmed') ? o : undefined;
  const lost = o && (o.status === 'declined' || o.status === 'revoked' || o.status === 'released');
  const phone = s.contactPhone ? (zh ? `如有疑问，请拨打咨询电话 ${s.contactPhone}。` : `Questions: call ${s.contactPhone}.`) : undefined;
  const unit = live?.unitName ?? (!o || o.status === 'waiting' ? r.assigned?.unitName : undefined);

  if (unit) {
    const lines: string[] = [];
    const confirmed = live?.status === 'confirmed';
    if (confirmed) lines.push(zh ? `你已确认接受 ${unit} 的学位。` : `You have accepted the place at ${unit}.`);
    else if (s.confirmBy)
      lines.push(
        zh
          ? `请在 ${when(s.confirmBy)} 前确认是否接受 ${unit} 的学位；逾期未确认的，视为放弃。`
          : `Confirm whether you accept the place at ${unit} by ${when(s.confirmBy)}; without a confirmation by then the place is given up.`,
      );
    else
      lines.push(
        zh
          ? `请按招生部门的通知确认是否接受 ${unit} 的学位。`
          : `Confirm whether you accept the place at ${unit} as the admissions office tells you.`,
      );
    if (s.reportDate || s.reportPlace)
      lines.push(
        zh
          ? `请${s.reportDate ? `于 ${s.reportDate} ` : '按通知时间'}到${s.reportPlace ? ` ${s.reportPlace}` : ` ${unit}`}报到。`
          : `Report ${s.reportDate ? `on ${s.reportDate} ` : 'when told '}at ${s.reportPlace ?? unit}.`,
      );
    if (s.reportDocuments) lines.push(zh ? `报到时请携带：${s.reportDocuments}` : `Bring: ${s.reportDocuments}`);
    if (phone) lines.push(phone);
    return { kind: confirmed ? 'report' : 'confirm', lines };
  }

  const waiting = lost ? undefined : r.choices.find((c) => c.outcome === 'waitlist' && c.waitlistPosition !== null);
  if (waiting) {
    const lines = [
      zh
        ? `你是 ${waiting.unitName} 候补第 ${waiting.waitlistPosition} 位。有学位空出（有人放弃或逾期未确认）时，按候补顺序依次递补。`
        : `You are no. ${waiting.waitlistPosition} on the waitlist of ${waiting.unitName}. When a place frees up (declined, or not confirmed in time), it goes to the next on the waitlist in order.`,
      zh
        ? `轮到你时，招生部门会按报名时留的电话通知你，本页的“当前录取状态”也会同时更新。`
        : 'When it is your turn, the admissions office calls the phone number given at registration, and this page shows the new offer.',
    ];
    if (s.confirmBy)
      lines.push(
        zh
          ? `递补从 ${when(s.confirmBy)}（录取确认截止）之后开始。`
          : `Places are passed on after ${when(s.confirmBy)}, the confirmation deadline.`,
      );
    if (phone) lines.push(phone);
    return { kind: 'waitlist', lines };
  }

  return {
    kind: 'other',
    lines: [
      zh
        ? '本次摇号未获得学位。孩子仍将按政策获得入学安排（如就近统筹安排学位），请留意招生部门的通知。'
        : 'No place in this lottery. Your child will still be given a school place under the admission policy; watch for the admissions office’s notice.',
      phone ?? (zh ? '可向区教育行政部门咨询其他入学途径。' : 'Ask the district education office about other ways to a school place.'),
    ],
  };
}

export const NEXT_LABELS = {
  zh: { title: '下一步怎么做', print: '打印本页', technical: '技术细节' },
  en: { title: 'What to do next', print: 'Print this page', technical: 'Technical details' },
} as const;

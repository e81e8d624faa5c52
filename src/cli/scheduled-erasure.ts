/**
 * `serve`'s retention schedule: at start and every hour, each event whose retention date has come
 * and whose results are published is erased (src/office/privacy/erase.ts), with its automatic
 * backups; events whose date is near (WARN_DAYS) or past while the results are not yet published
 * are reported on the console once a day, and shown to admins in the console (GET
 * /api/privacy/retention).
 */
import type { Office } from '../office/ports.js';
import { eraseEvent, retentionStates, WARN_DAYS } from '../office/privacy/erase.js';
import { chinaDay } from '../office/privacy/settings.js';
import { purgeBackups, purgeReport } from './erase-backups.js';

export const ERASURE_ACTOR = 'system:retention';

export function scheduledErasure(
  office: Office,
  dataDir: string,
  report: (line: string) => void,
  everyMs = 3600_000,
): { tick(): Promise<void>; stop(): void } {
  const warned = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  const once = async (): Promise<void> => {
    const today = chinaDay(office.clock.now());
    for (const s of await retentionStates(office, today)) {
      try {
        if (s.state === 'due') {
          const r = await eraseEvent(office, s.eventId, ERASURE_ACTOR, { scheduled: true });
          report(
            `retention date ${s.retainUntil} of ${s.eventId}: erased the personal data of ${r.erased} applicant(s) / 已到保存期限，已删除 ${r.erased} 名报名者的个人信息`,
          );
          for (const line of purgeReport(await purgeBackups(office, dataDir, s.eventId, r.at))) report(line);
        } else if ((s.state === 'soon' || s.state === 'overdue') && !warned.has(`${s.eventId}/${today}`)) {
          warned.add(`${s.eventId}/${today}`);
          report(
            s.state === 'soon'
              ? `WARNING: the personal data of ${s.eventId} will be erased on ${s.retainUntil} (in ${s.daysLeft} day(s); warned ${WARN_DAYS} days ahead) / 警告：批次 ${s.eventId} 的个人信息将于 ${s.retainUntil} 删除（还有 ${s.daysLeft} 天）`
              : `WARNING: the retention date ${s.retainUntil} of ${s.eventId} has passed but its results are not published; it is erased once they are / 警告：批次 ${s.eventId} 已过保存期限 ${s.retainUntil}，但结果尚未公布；结果公布后即删除`,
          );
        }
      } catch (e) {
        // One event's refusal (e.g. its audit check fails) must not stop the others; it is reported.
        const msg = e instanceof Error ? e.message : String(e);
        report(`scheduled erasure of ${s.eventId} failed / 定期删除失败: ${msg}`);
      }
    }
  };
  const tick = (): Promise<void> => (running = running.then(once, once));
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

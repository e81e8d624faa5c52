/**
 * `serve`'s automatic backups: after each milestone (publish or correction, freeze, official draw,
 * results) is committed, a backup of the data directory is written to DIR/backups/, and only the
 * newest ten are kept. The office knows nothing of it: the store tells its listeners what each
 * committed transaction logged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Office } from '../office/ports.js';
import { autoBackupName, rotateBackups, writeBackup } from '../store/backup.js';
import { tighten } from '../store/keys.js';

export const MILESTONES: ReadonlySet<string> = new Set([
  'event.publish',
  'event.correct',
  'event.freeze',
  'draw.official',
  'ceremony.draw',
  'results.publish',
  'event.withdraw',
]);

export const KEEP_BACKUPS = 10;

/** Starts the automatic backups; `idle()` resolves once those already due are written, `stop()` ends them. */
export function autoBackup(
  office: Office,
  dataDir: string,
  report: (line: string) => void,
  keep = KEEP_BACKUPS,
): { idle(): Promise<void>; stop(): void } {
  const dir = join(dataDir, 'backups');
  let queue = Promise.resolve();
  // A PostgreSQL database is backed up by PostgreSQL's own tools (docs/deploy.md, "PostgreSQL").
  if (office.store.dialect === 'postgres') {
    report(
      'automatic backups are off: the database is PostgreSQL, back it up with pg_dump and the keys/ folder separately / 数据库为 PostgreSQL，不做自动备份文件：请用 pg_dump 备份数据库，并另行备份 keys/ 文件夹',
    );
    return { idle: () => queue, stop: () => undefined };
  }
  const take = async (event: string, action: string): Promise<void> => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      tighten(dir, 0o700);
      const now = office.clock.now();
      const file = autoBackupName(dir, now, `${event}-${action}`);
      await writeBackup(office.store.db, dataDir, file, { reason: action, actor: 'serve', now });
      rotateBackups(dir, keep);
      report(`backup after ${action} of ${event}: ${file} / 已自动备份`);
    } catch (e) {
      // A failed backup must not stop the ceremony; it is reported and the next milestone tries again.
      report(`backup after ${action} of ${event} failed / 自动备份失败: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const off = office.store.onCommit((logged) => {
    const m = [...logged].reverse().find((l) => MILESTONES.has(l.action));
    if (m) queue = queue.then(() => take(m.event, m.action));
  });
  return { idle: () => queue, stop: off };
}

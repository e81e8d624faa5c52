/**
 * Erasure reaches the automatic backups too. Every backup in DIR/backups/ is a whole copy of the
 * database, so one taken while an event still held its children's data holds that data: such files
 * are removed, not re-written. Re-writing would put a different database under the name, time and
 * digests the append-only backup log recorded for the old one (a backup that claims to be what it
 * is not); removing it leaves the log's line as the record that it existed. A fresh backup is then
 * taken at once, so the data directory is never without one. Backups written elsewhere by hand
 * (`fairdraw backup --out`) are out of reach: those the backup log knows of and that still exist
 * are named, for the bureau to destroy.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Office } from '../office/ports.js';
import { autoBackupName, autoBackups, writeBackup, type Manifest } from '../store/backup.js';
import { tighten } from '../store/keys.js';

/** The manifest of a backup file (read from its tar headers), or undefined when it cannot be read. */
export function backupManifest(file: string): Manifest | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const header = Buffer.alloc(512);
    let pos = 0;
    for (;;) {
      if (readSync(fd, header, 0, 512, pos) < 512 || header.every((b) => b === 0)) return undefined;
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const len = parseInt(header.toString('latin1', 124, 136).replace(/[\0 ]+$/, ''), 8);
      if (!Number.isSafeInteger(len) || len < 0) return undefined;
      pos += 512;
      if (name === 'manifest.json') {
        const b = Buffer.alloc(len);
        readSync(fd, b, 0, len, pos);
        return JSON.parse(b.toString('utf8')) as Manifest;
      }
      pos += Math.ceil(len / 512) * 512;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export interface BackupPurge {
  /** Automatic backups removed (they held the event's personal data). */
  removed: string[];
  /** The backup taken right after the erasure. */
  fresh?: string;
  /** Backups written elsewhere that the backup log records and that still exist: to be destroyed by hand. */
  elsewhere: string[];
}

/** After `eventId` was erased: removes the automatic backups holding it and takes a fresh one. */
export async function purgeBackups(office: Office, dataDir: string, eventId: string, erasedAt: string): Promise<BackupPurge> {
  const dir = join(dataDir, 'backups');
  const removed: string[] = [];
  // A backup whose manifest cannot be read might hold anything: it goes too.
  for (const f of autoBackups(dir)) {
    const path = join(dir, f);
    const m = backupManifest(path);
    if (!m || m.events.some((e) => e.id === eventId)) {
      unlinkSync(path);
      removed.push(path);
    }
  }
  // On PostgreSQL there are no backup files of this office to take (its dumps are the server's own).
  let fresh: string | undefined;
  if (office.store.dialect === 'sqlite') {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    tighten(dir, 0o700);
    const now = office.clock.now();
    fresh = autoBackupName(dir, now, `${eventId}-applicants.erase`);
    await writeBackup(office.store.db, dataDir, fresh, { reason: 'applicants.erase', actor: 'erase', now });
  }
  const inside = resolve(dir);
  const logged = await office.store.db.selectFrom('backups').select(['file', 'taken_at']).where('taken_at', '<', erasedAt).execute();
  const elsewhere = [...new Set(logged.map((b) => b.file).filter((f) => !resolve(f).startsWith(`${inside}/`) && existsSync(f)))].filter(
    (f) => backupManifest(f)?.events.some((e) => e.id === eventId) ?? true,
  );
  return { removed, ...(fresh !== undefined ? { fresh } : {}), elsewhere };
}

/** The lines a person reads after a purge. */
export function purgeReport(p: BackupPurge): string[] {
  const lines = [
    `removed ${p.removed.length} automatic backup(s) that held the erased data / 已删除 ${p.removed.length} 份含有已删除信息的自动备份`,
  ];
  if (p.fresh) lines.push(`fresh backup 新备份: ${p.fresh}`);
  for (const f of p.elsewhere) {
    lines.push(
      `WARNING: the backup ${f} (made by hand) still holds the erased data; destroy it / 警告：手动备份 ${f} 仍含已删除的个人信息，请销毁`,
    );
  }
  return lines;
}

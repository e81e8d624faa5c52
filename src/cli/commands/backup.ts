/**
 * `fairdraw backup` (a consistent copy of the data directory in one file, while the server runs),
 * `fairdraw backup list` (the backup log) and `fairdraw restore` (into a new, empty folder, checked
 * file by file and then by `audit verify` on every event before it is put in place).
 */
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { FairDrawError } from '../../core/errors.js';
import { openOffice } from '../../app.js';
import { verifyAudit } from '../../office/verify-audit.js';
import { unpackBackup, writeBackup } from '../../store/backup.js';
import { parseFlags, required } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export async function backup(argv: string[], io: Output): Promise<number> {
  if (argv[0] === 'list') {
    const { values } = parseFlags(argv.slice(1), officeFlags);
    return withOffice(values, async (office) => {
      const rows = await office.store.db.selectFrom('backups').selectAll().orderBy('id').execute();
      if (rows.length === 0) io.out('no backups yet / 尚无备份');
      for (const r of rows) io.out(`${r.taken_at}\t${r.reason}\t${r.actor}\t${r.size}\t${r.manifest_sha256}\t${r.file}`);
      return 0;
    });
  }
  const { values } = parseFlags(argv, { ...officeFlags, out: { type: 'string' } });
  const out = resolve(required(values, 'out'));
  return withOffice(values, async (office) => {
    const r = await writeBackup(office.store.db, office.dataDir, out, {
      reason: 'manual',
      actor: actorOf(values),
      now: office.clock.now(),
    });
    io.out(`backup written to ${r.file} (${r.size} bytes, ${r.manifest.events.length} events) / 备份已写入`);
    io.out(`manifest sha256 ${r.manifestSha256}`);
    return 0;
  });
}

export async function restore(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { from: { type: 'string' }, data: { type: 'string' } });
  const from = required(values, 'from');
  const target = resolve(required(values, 'data'));
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new FairDrawError(
      'restore.not-empty',
      '目标数据目录不是空的。为免覆盖现有数据，只能恢复到新的（或空的）目录',
      'the target data directory is not empty. So that nothing is overwritten, a backup is restored only into a new (or empty) folder',
      { file: target },
    );
  }
  const staging = `${target}.restoring-${process.pid}`;
  const manifest = unpackBackup(from, staging);
  let failed = 0;
  try {
    const office = await openOffice({ dataDir: staging });
    try {
      const events = await office.store.repos.events.list();
      for (const ev of events) {
        const r = await verifyAudit(office, ev.id);
        if (r.ok) io.out(`${ev.id}: valid, ${r.entries} entries, ${r.checkpoints} signed checkpoints / 审计日志完整`);
        else {
          failed++;
          io.out(`${ev.id}: invalid: entry ${r.seq}: ${r.reason} / 无效：第 ${r.seq} 条：${r.zh}`);
        }
      }
    } finally {
      await office.close();
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (failed > 0) {
    rmSync(staging, { recursive: true, force: true });
    io.err(`error: the restored audit logs do not verify; nothing was restored / 恢复出的审计日志未通过核验，未恢复任何内容`);
    return 1;
  }
  if (existsSync(target)) rmdirSync(target);
  renameSync(staging, target);
  io.out(`restored the backup of ${manifest.takenAt} into ${target} / 已从备份恢复到新目录`);
  return 0;
}

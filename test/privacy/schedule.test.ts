/** `serve`'s retention schedule: warned beforehand, erased on the day with the automatic backups, the log still valid. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scheduledErasure } from '../../src/cli/scheduled-erasure.js';
import { autoBackupName, writeBackup } from '../../src/store/backup.js';
import { updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { testOffice } from '../office/harness.js';
import { auditedEvent, EVENT } from '../office/audited-event.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) {
    await t.office.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  }
  open = [];
});

describe('the retention schedule', () => {
  it('warns once a day ahead, erases on the date, removes the backups that held the data and takes a fresh one', async () => {
    const t = await testOffice();
    open.push(t);
    await auditedEvent(t.office, 'results');
    await updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-06-20' }, 'admin');
    const dir = join(t.dataDir, 'backups');
    const old = autoBackupName(dir, t.clock.now(), `${EVENT}-results.publish`);
    await writeBackup(t.office.store.db, t.dataDir, old, { reason: 'results.publish', actor: 'serve', now: t.clock.now() });
    const lines: string[] = [];
    const s = scheduledErasure(t.office, t.dataDir, (l) => lines.push(l));
    try {
      await s.tick(); // 2026-06-01: 19 days ahead, not yet warned (14 days)
      expect(lines).toEqual([]);
      t.clock.advance(7 * 86_400_000); // 06-08: within the warning period
      await s.tick();
      await s.tick();
      expect(lines).toEqual([expect.stringMatching(/^WARNING: the personal data of zlj2020 will be erased on 2026-06-20 \(in 12 day/)]);
      expect((await t.office.store.repos.privacy.erasure(EVENT)).erased).toBe(0);
      t.clock.advance(12 * 86_400_000); // 06-20, 09:00 UTC
      await s.tick();
    } finally {
      s.stop();
    }
    expect(lines.slice(1)[0]).toMatch(/retention date 2026-06-20 of zlj2020: erased the personal data of \d+ applicant/);
    const e = await t.office.store.repos.privacy.erasure(EVENT);
    expect(e.held).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/-zlj2020-applicants\.erase\.tar$/)]);
    const log = await t.office.store.repos.audit.list(EVENT);
    expect(log[log.length - 1]).toMatchObject({ action: 'applicants.erase', actor: 'system:retention' });
    expect((log[log.length - 1]!.details as { scheduled: boolean }).scheduled).toBe(true);
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
  });
});

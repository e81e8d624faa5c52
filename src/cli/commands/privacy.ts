/**
 * `fairdraw erase --event E`: erases the children's personal data of an event whose results are
 * published (src/office/privacy/erase.ts), then the automatic backups that held it.
 * `fairdraw privacy settings --event E [--collect birthDate,guardian,…] [--retain-until DATE]`:
 * what the event collects and until when it keeps it.
 */
import { FairDrawError } from '../../core/errors.js';
import { eraseEvent } from '../../office/privacy/erase.js';
import { COLUMN_NAMES, privacySettingsOf, updatePrivacySettings } from '../../office/privacy/settings.js';
import { parseFlags, required } from '../args.js';
import { purgeBackups, purgeReport } from '../erase-backups.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export async function erase(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' } });
  const event = required(values, 'event');
  return withOffice(values, async (office) => {
    const r = await eraseEvent(office, event, actorOf(values));
    io.out(`erased the personal data of ${r.erased} applicant(s) of ${r.eventId} / 已删除 ${r.erased} 名报名者的个人信息`);
    io.out(`kept: registration numbers, masked names, choices, results, commitments / 保留：报名号、脱敏姓名、志愿、结果、承诺值`);
    io.out(`audit entry 审计记录 ${r.seq}, personsRoot ${r.personsRoot}`);
    for (const line of purgeReport(await purgeBackups(office, office.dataDir, event, r.at))) io.out(line);
    return 0;
  });
}

export async function privacy(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'settings') {
    throw new FairDrawError('cli.command', `未知子命令 privacy ${sub ?? ''}`, `unknown command: privacy ${sub ?? ''} (settings)`, {});
  }
  const { values } = parseFlags(rest, {
    ...officeFlags,
    event: { type: 'string' },
    collect: { type: 'string' },
    'retain-until': { type: 'string' },
  });
  const event = required(values, 'event');
  return withOffice(values, async (office) => {
    const collect = values.collect;
    const retain = values['retain-until'];
    const s =
      typeof collect === 'string' || typeof retain === 'string'
        ? await updatePrivacySettings(
            office,
            event,
            {
              ...(typeof collect === 'string'
                ? {
                    columns: collect
                      .split(',')
                      .map((c) => c.trim())
                      .filter((c) => c !== ''),
                  }
                : {}),
              ...(typeof retain === 'string' ? { retainUntil: retain === '' || retain === 'none' ? null : retain } : {}),
            },
            actorOf(values),
          )
        : await privacySettingsOf(office.store.repos, event);
    const cols = ['姓名 name', '身份证号 ID-card number', ...s.columns.map((c) => `${COLUMN_NAMES[c].zh} ${c}`)];
    io.out(`collects 采集: ${cols.join(', ')}`);
    io.out(`retain until 保存至: ${s.retainUntil ?? '(not set / 未设置)'}`);
    return 0;
  });
}

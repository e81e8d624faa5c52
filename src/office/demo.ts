/**
 * The demo event: the seed case of 2020 — 檀木林小学 and 塘坎上小学, 30 surplus places each — with
 * the project's invented applicants (demo/applicants.xlsx), so a newcomer can click through
 * publish → freeze → draw → results within minutes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent } from './create-event.js';
import { addUnit } from './add-unit.js';
import { importApplicants } from './import-applicants.js';
import type { Office } from './ports.js';
import { DEMO_SETTINGS, updateDocumentSettings } from './documents/settings.js';

export const DEMO_EVENT = 'zlj-2020-demo';

export async function loadDemo(office: Office, demoDir: string): Promise<boolean> {
  if ((await office.store.repos.events.list()).length > 0) return false;
  const actor = 'system:demo';
  await createEvent(
    office,
    {
      id: DEMO_EVENT,
      title: '2020年自流井区义务教育阶段学校富余学位电脑随机摇号（演示）',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: [
        { kind: 'witness', label: '家长代表（檀木林小学）' },
        { kind: 'witness', label: '家长代表（塘坎上小学）' },
        { kind: 'witness', label: '公证员' },
      ],
    },
    actor,
  );
  await addUnit(office, { event: DEMO_EVENT, id: 'TML', name: '檀木林小学', seats: 30 }, actor);
  await addUnit(office, { event: DEMO_EVENT, id: 'TKS', name: '塘坎上小学', seats: 30 }, actor);
  const file = join(demoDir, 'applicants.xlsx');
  await importApplicants(office, DEMO_EVENT, new Uint8Array(readFileSync(file)), 'applicants.xlsx', actor);
  // The documents' fields (文书信息), so the demo yields every document once drawn.
  await updateDocumentSettings(office, DEMO_EVENT, DEMO_SETTINGS, actor);
  return true;
}

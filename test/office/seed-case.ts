/**
 * The seed case as tests set it up: the 2020 event with 檀木林小学 and 塘坎上小学, 30 surplus places
 * each, witnesses 家长代表 and 公证员, and the birth-date window of that school year.
 */
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import type { Office } from '../../src/office/ports.js';

export const SEED_TITLE = '2020年自流井区义务教育阶段学校富余学位电脑随机摇号';
export const SEED_WITNESSES = [
  { label: '家长代表', value: '418305' },
  { label: '公证员', value: '3,6,1,5,2,4' },
];

/** Creates the event and its two units (no applicants yet). */
export async function createSeedCase(office: Office, id = 'zlj2020', title = SEED_TITLE, actor = 'operator'): Promise<void> {
  await createEvent(
    office,
    {
      id,
      title,
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: SEED_WITNESSES.map(({ label }) => ({ kind: 'witness' as const, label })),
    },
    actor,
  );
  await addUnit(office, { event: id, id: 'TML', name: '檀木林小学', seats: 30 }, actor);
  await addUnit(office, { event: id, id: 'TKS', name: '塘坎上小学', seats: 30 }, actor);
}

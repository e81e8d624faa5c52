/**
 * A demo event taken as far as a test needs: the sample applicants.xlsx (105 invented families,
 * one pair of twins) through publish → freeze → draw → results → one decline.
 */
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw } from '../../src/office/run-draw.js';
import { changeOffer, publishResults } from '../../src/office/offers.js';
import type { Office } from '../../src/office/ports.js';
import { sample, type TestClock } from '../office/harness.js';

export const EVENT = 'zlj2020';
export const WITNESSES = [
  { label: '家长代表', value: '418305' },
  { label: '公证员', value: '3,6,1,5,2,4' },
];

export type Stage = 'draft' | 'published' | 'frozen' | 'drawn' | 'results' | 'declined';
const ORDER: Stage[] = ['draft', 'published', 'frozen', 'drawn', 'results', 'declined'];

export interface Demo {
  /** The applicant who declined (stage "declined"). */
  declined?: string;
}

/** Creates the event and walks it to `stage`; the clock moves an hour between steps. */
export async function demoEvent(office: Office, stage: Stage, clock?: TestClock): Promise<Demo> {
  const step = (): void => clock?.advance(3600_000);
  const at = (s: Stage): boolean => ORDER.indexOf(stage) >= ORDER.indexOf(s);
  await createEvent(
    office,
    {
      id: EVENT,
      title: '2020年自流井区义务教育阶段学校富余学位电脑随机摇号',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: [
        { kind: 'witness', label: '家长代表' },
        { kind: 'witness', label: '公证员' },
      ],
    },
    'operator',
  );
  await addUnit(office, { event: EVENT, id: 'TML', name: '檀木林小学', seats: 30 }, 'operator');
  await addUnit(office, { event: EVENT, id: 'TKS', name: '塘坎上小学', seats: 30 }, 'operator');
  await importApplicants(office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
  const out: Demo = {};
  if (!at('published')) return out;
  step();
  await publishEvent(office, EVENT, 'operator');
  if (!at('frozen')) return out;
  step();
  await freezeEvent(office, EVENT, 'operator');
  if (!at('drawn')) return out;
  step();
  await runDraw(office, EVENT, WITNESSES, 'operator');
  if (!at('results')) return out;
  step();
  await publishResults(office, EVENT, 'operator');
  if (!at('declined')) return out;
  step();
  const offers = await office.store.repos.offers.listByEvent(EVENT);
  const first = offers.find((o) => o.unit_id === 'TML')!;
  await changeOffer(office, EVENT, first.reg_no, 'decline', '家长书面申请放弃学位', 'operator');
  out.declined = first.reg_no;
  return out;
}

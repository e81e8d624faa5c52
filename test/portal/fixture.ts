/**
 * A demo event taken as far as a test needs: the sample applicants.xlsx (105 invented families,
 * one pair of twins) through publish → freeze → draw → results → one decline.
 */
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { changeOffer, publishResults } from '../../src/office/offers.js';
import type { Office } from '../../src/office/ports.js';
import { sample, type TestClock } from '../office/harness.js';
import { createSeedCase } from '../office/seed-case.js';

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
  await createSeedCase(office, EVENT);
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
  await drawByCeremony(office, EVENT, WITNESSES, 'operator');
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

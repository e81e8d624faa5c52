/**
 * A frozen event ready for its ceremony: the seed case (檀木林小学 and 塘坎上小学, 30 places each, the
 * 105 invented applicants), declaring three witnesses and drand quicknet round 1000. Declaring a
 * past round is refused, so the office runs on a test clock set before round 1000 was produced
 * (2023-08-23T15:59:24Z).
 */
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { setRoster } from '../../src/office/ceremony/roster.js';
import { DRAND_QUICKNET, drandRoundTime } from '../../src/core/drand.js';
import type { DeclaredSource } from '../../src/core/rules.js';
import type { Office } from '../../src/office/ports.js';
import { sample, TestClock } from '../office/harness.js';

/** drand quicknet round 1000, from the contract's known answers (test/fixtures/contract/known-answers.md). */
export const ROUND_1000 = {
  round: 1000,
  signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
} as const;

/** As the drand HTTP API returns it. */
export const beaconJson = (b: { round: number; randomness: string; signature: string } = ROUND_1000): string =>
  JSON.stringify({ round: b.round, randomness: b.randomness, signature: b.signature });

/** A moment well before round 1000 existed. */
export function beforeRound1000(): TestClock {
  return new TestClock(new Date((drandRoundTime(1000) - 3600) * 1000));
}

/** Moves a test clock just past the moment round 1000 was produced (the beacon may be imported). */
export function afterRound1000(clock: TestClock): void {
  const t = (drandRoundTime(1000) + 1) * 1000;
  if (clock.now().getTime() < t) clock.t = new Date(t);
}

export const EVENT = 'zlj2020';
export const LABELS = ['家长代表（檀木林小学）', '家长代表（塘坎上小学）', '公证员'] as const;
/** The three witnesses' values in the tests, in declared order. */
export const VALUES = ['418305', '3,6,1,5,2,4', '公证员摇出 27 号球'] as const;

export interface EventOptions {
  id?: string;
  drandRound?: number | null;
  /** A public number declared after the witnesses (before the beacon), by its label. */
  publicLabel?: string;
  /** Witness roster set before freezing: [witness, alternate] per witness label. */
  roster?: [string, string | null][];
  /** The witnesses' labels, in declared order (default: LABELS). */
  witnesses?: readonly string[];
}

export async function frozenEvent(office: Office, options: EventOptions = {}): Promise<string> {
  const id = options.id ?? EVENT;
  const round = options.drandRound === undefined ? 1000 : options.drandRound;
  const declared: DeclaredSource[] = (options.witnesses ?? LABELS).map((label) => ({ kind: 'witness', label }));
  if (options.publicLabel) declared.push({ kind: 'public', label: options.publicLabel });
  if (round !== null) declared.push({ kind: 'drand', chain: DRAND_QUICKNET.chainHash, round });
  await createEvent(
    office,
    {
      id,
      title: '2020年自流井区义务教育阶段学校富余学位电脑随机摇号',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: declared,
    },
    'operator:operator',
  );
  await addUnit(office, { event: id, id: 'TML', name: '檀木林小学', seats: 30 }, 'operator:operator');
  await addUnit(office, { event: id, id: 'TKS', name: '塘坎上小学', seats: 30 }, 'operator:operator');
  await importApplicants(office, id, sample('applicants.xlsx'), 'applicants.xlsx', 'operator:operator');
  if (options.roster) {
    await setRoster(
      office,
      id,
      options.roster.map(([witness, alternate], index) => ({ index, witness, alternate })),
      'operator:operator',
    );
  }
  await publishEvent(office, id, 'operator:operator');
  await freezeEvent(office, id, 'operator:operator');
  return id;
}

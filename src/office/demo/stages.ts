/**
 * The demo event, one step per stage, each through the use case the bureau itself runs: nothing here
 * writes to the store directly, so a clerk training on the demo sees what a real event goes through,
 * and tests and benchmarks that start from it start from a real event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent } from '../create-event.js';
import { addUnit } from '../add-unit.js';
import { importApplicants } from '../import-applicants.js';
import { DEMO_SETTINGS, updateDocumentSettings } from '../documents/settings.js';
import { publishEvent } from '../publish-event.js';
import { freezeEvent } from '../freeze-event.js';
import { publishResults } from '../offers.js';
import { openCeremony } from '../ceremony/open-ceremony.js';
import { addWitness, recordMeeting } from '../ceremony/meeting.js';
import { setRoster } from '../ceremony/roster.js';
import { startCeremonyDraw } from '../ceremony/ceremony-draw.js';
import { revealNext } from '../ceremony/reveal.js';
import { FairDrawError } from '../../core/errors.js';
import type { Actor, Office } from '../ports.js';
import { inventedApplicantsCsv } from './applicants.js';
import { DEMO_SOURCES, DEMO_WITNESSES, witnessesGiveValues, type Roll } from './witnesses.js';

export const DEMO_TITLE = '2020年自流井区义务教育阶段学校富余学位电脑随机摇号（演示）';
export const DEMO_UNITS = [
  { id: 'TML', name: '檀木林小学', seats: 30 },
  { id: 'TKS', name: '塘坎上小学', seats: 30 },
] as const;
export const DEMO_PLACE = '自流井区教育和体育局三楼会议室（演示）';

/** Where the applicants come from: the project's 105 invented applicants, or `count` made up on the spot. */
export type DemoApplicants = { file: string } | { count: number };

/** 草稿 (draft): the event, its two schools with 30 places each, and the applicants imported. */
export async function createDemoEvent(office: Office, eventId: string, applicants: DemoApplicants, actor: Actor): Promise<number> {
  await createEvent(
    office,
    {
      id: eventId,
      title: DEMO_TITLE,
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: DEMO_SOURCES,
    },
    actor,
  );
  for (const u of DEMO_UNITS) await addUnit(office, { event: eventId, ...u }, actor);
  const [bytes, name] =
    'file' in applicants
      ? [new Uint8Array(readFileSync(applicants.file)), applicants.file.split(/[\\/]/).pop()!]
      : [inventedApplicantsCsv(applicants.count), `demo-${applicants.count}.csv`];
  const outcome = await importApplicants(office, eventId, bytes, name, actor);
  // The documents' fields (文书信息), so the demo yields every document once drawn.
  await updateDocumentSettings(office, eventId, DEMO_SETTINGS, actor);
  return outcome.imported;
}

/** 公示 (published). */
export async function publishDemo(office: Office, eventId: string, actor: Actor): Promise<void> {
  await publishEvent(office, eventId, actor);
}

/** 冻结 (frozen): the witness roster and its alternates are named, then the list is frozen. */
export async function freezeDemo(office: Office, eventId: string, actor: Actor): Promise<void> {
  await setRoster(
    office,
    eventId,
    DEMO_WITNESSES.map((w, index) => ({ index, witness: w.name, alternate: w.alternate })),
    actor,
  );
  await freezeEvent(office, eventId, actor);
}

/**
 * 摇号 (drawn): the public ceremony. The meeting is opened (digests checked, place and time, the
 * witnesses present), each witness gives their value, the official draw runs inside the ceremony,
 * and the results are revealed school by school up to the summary.
 */
export async function ceremonyDemo(office: Office, eventId: string, actor: Actor, roll: Roll): Promise<void> {
  const opened = await openCeremony(office, eventId, actor);
  if (opened.phase === 'halted') {
    throw new FairDrawError(
      'demo.halted',
      '演示批次的仪式已中止（公示文件与冻结文本不符）',
      'the demo ceremony halted: the frozen texts do not match what was published',
      {
        field: 'event',
      },
    );
  }
  await recordMeeting(office, eventId, { place: DEMO_PLACE, startedAt: office.clock.now().toISOString() }, actor);
  for (const w of DEMO_WITNESSES) await addWitness(office, eventId, { name: w.name, role: w.role }, actor);
  await witnessesGiveValues(office, eventId, actor, roll);
  await startCeremonyDraw(office, eventId, actor);
  for (;;) if ((await revealNext(office, eventId, actor, true)).done) break;
}

/** 公布结果 (results): offers for everyone admitted. */
export async function resultsDemo(office: Office, eventId: string, actor: Actor): Promise<void> {
  await publishResults(office, eventId, actor);
}

/** The project's invented applicants (demo/applicants.xlsx under the project root). */
export function bundledApplicants(demoDir: string): DemoApplicants {
  return { file: join(demoDir, 'applicants.xlsx') };
}

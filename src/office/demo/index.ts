/**
 * `fairdraw demo`: the 2020 seed case (檀木林小学 and 塘坎上小学, 30 places each) taken to any stage
 * through the bureau's own use cases — for training clerks, and as the starting point of tests and
 * benchmarks. `serve --demo` loads it as a draft.
 */
import { FairDrawError } from '../../core/errors.js';
import type { Actor, Office } from '../ports.js';
import { MAX_INVENTED } from './applicants.js';
import { bundledApplicants, ceremonyDemo, createDemoEvent, freezeDemo, publishDemo, resultsDemo, type DemoApplicants } from './stages.js';
import type { Roll } from './witnesses.js';

export { DEMO_WITNESSES, DEMO_SOURCES, witnessesGiveValues } from './witnesses.js';
export { DEMO_TITLE, DEMO_UNITS, DEMO_PLACE } from './stages.js';
export { inventedApplicantsCsv } from './applicants.js';

export const DEMO_EVENT = 'zlj-2020-demo';
export const DEMO_STAGES = ['draft', 'published', 'frozen', 'drawn', 'results'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

export interface DemoOptions {
  /** The folder holding applicants.xlsx (the project's demo/ folder); used unless `applicants` is given. */
  demoDir: string;
  eventId?: string;
  stage?: DemoStage;
  /** Invent this many applicants instead of the project's 105. */
  applicants?: number;
  actor?: Actor;
  /** How a simulated witness makes their value; the office's random port by default. */
  roll?: Roll;
}

export interface DemoOutcome {
  eventId: string;
  stage: DemoStage;
  applicants: number;
}

export function isDemoStage(s: string): s is DemoStage {
  return (DEMO_STAGES as readonly string[]).includes(s);
}

/** Creates the demo event and takes it to `stage` (default: results). */
export async function runDemo(office: Office, options: DemoOptions): Promise<DemoOutcome> {
  const eventId = options.eventId ?? DEMO_EVENT;
  const stage = options.stage ?? 'results';
  const actor = options.actor ?? 'system:demo';
  const roll = options.roll ?? (() => office.random.rehearsalValue());
  if (!isDemoStage(stage)) {
    throw new FairDrawError(
      'demo.stage',
      `未知阶段“${String(stage)}”，可选：${DEMO_STAGES.join('、')}`,
      `unknown stage "${String(stage)}"; one of ${DEMO_STAGES.join(', ')}`,
      {
        field: '--stage',
      },
    );
  }
  let source: DemoApplicants = bundledApplicants(options.demoDir);
  if (options.applicants !== undefined) {
    const n = options.applicants;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_INVENTED) {
      throw new FairDrawError(
        'demo.applicants',
        `报名人数须为 1 到 ${MAX_INVENTED} 之间的整数`,
        `the number of applicants must be a whole number from 1 to ${MAX_INVENTED}`,
        { field: '--applicants' },
      );
    }
    source = { count: n };
  }
  const upTo = DEMO_STAGES.indexOf(stage);
  const applicants = await createDemoEvent(office, eventId, source, actor);
  if (upTo >= 1) await publishDemo(office, eventId, actor);
  if (upTo >= 2) await freezeDemo(office, eventId, actor);
  if (upTo >= 3) await ceremonyDemo(office, eventId, actor, roll);
  if (upTo >= 4) await resultsDemo(office, eventId, actor);
  return { eventId, stage, applicants };
}

/**
 * `serve --demo` (and so `npm start`): on an empty data directory, the demo event as a draft, for a
 * newcomer to click through publish → freeze → ceremony → results. False when events exist already.
 */
export async function loadDemo(office: Office, demoDir: string): Promise<boolean> {
  if ((await office.store.repos.events.list()).length > 0) return false;
  await runDemo(office, { demoDir, stage: 'draft' });
  return true;
}

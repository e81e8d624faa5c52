/** A drawn event for the document tests: the seed case (檀木林小学, 塘坎上小学) with the sample file. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { setRoster } from '../../src/office/ceremony/roster.js';
import { publishResults } from '../../src/office/offers.js';
import { DEMO_SETTINGS, updateDocumentSettings } from '../../src/office/documents/settings.js';
import { repoRoot } from '../spec-files.js';
import { sample, testOffice } from '../office/harness.js';
import { createSeedCase } from '../office/seed-case.js';

export const EVENT = 'zlj2020';
export const TITLE = '2020年自流井区义务教育阶段学校富余学位电脑随机摇号';
export const BASE_URL = 'https://yaohao.example.gov.cn';

export type Drawn = Awaited<ReturnType<typeof testOffice>>;

/** Where the ceremony met, as it recorded the meeting: what every document must print. */
export const MEETING_PLACE = '自流井区教育和体育局三楼会议室';

/** The witnesses' full names on the roster (见证人名单), by declared source: 家长代表, 公证员. */
export const ROSTER = ['刘建华', '王淑芬'] as const;

/**
 * Every document setting, as a bureau would enter them. drawPlace and drawTime are the fallback for
 * a draw without the ceremony screens, deliberately not the meeting's: a document that prints them
 * for a recorded meeting is wrong.
 */
export const SETTINGS: Readonly<Record<string, string>> = {
  ...DEMO_SETTINGS,
  drawPlace: '区政务服务中心二楼大厅（备用）',
  drawTime: '2026-06-09T09:30',
  attendees: '人大代表、政协委员、家长代表',
  publicUrl: BASE_URL,
};

/**
 * Creates, imports the 105 sample applicants, publishes, freezes, draws through the ceremony at
 * MEETING_PLACE; optionally names the witnesses on the roster first and publishes results.
 */
export async function drawnEvent(options: { results?: boolean; settings?: boolean; roster?: boolean } = {}): Promise<Drawn> {
  const t = await testOffice();
  const { office, clock } = t;
  await createSeedCase(office, EVENT, TITLE);
  clock.advance(3600_000);
  await importApplicants(office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
  clock.advance(86400_000);
  await publishEvent(office, EVENT, 'operator');
  clock.advance(7 * 86400_000);
  await freezeEvent(office, EVENT, 'operator');
  clock.advance(1800_000);
  if (options.roster) {
    await setRoster(
      office,
      EVENT,
      ROSTER.map((witness, index) => ({ index, witness })),
      'operator',
    );
  }
  await drawByCeremony(
    office,
    EVENT,
    [
      { label: '家长代表', value: '418305' },
      { label: '公证员', value: '3,6,1,5,2,4' },
    ],
    'operator',
    { place: MEETING_PLACE },
  );
  if (options.results) {
    clock.advance(3600_000);
    await publishResults(office, EVENT, 'operator');
  }
  if (options.settings !== false) await updateDocumentSettings(office, EVENT, SETTINGS, 'operator');
  return t;
}

export const artifactsDir = join(repoRoot, 'test-artifacts', 'documents');

/** Runs a poppler tool; a missing tool fails the test (the test command installs poppler-utils). */
export function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdftoppm' | 'pdfinfo' | 'pdfimages', args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Saves the PDF and its pages as PNG at 60 dpi under test-artifacts/documents/; returns the PDF path. */
export function keepArtifact(name: string, pdf: Uint8Array): { pdf: string; pngs: string[] } {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.pdf`);
  writeFileSync(path, pdf);
  poppler('pdftoppm', ['-r', '60', '-png', path, join(artifactsDir, name)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))?.[1] ?? 0);
  const width = String(pages).length;
  const pngs = Array.from({ length: pages }, (_, i) => join(artifactsDir, `${name}-${String(i + 1).padStart(width, '0')}.png`));
  return { pdf: path, pngs };
}

/** The text of a PDF, as pdftotext gives it (layout kept, so table rows stay on one line). */
export function pdfText(path: string): string {
  return poppler('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
}

/**
 * Every page of the product, with data behind it, for the checks that must hold on all of them
 * (Chinese throughout, accessibility): an event through its results (the ceremony held, offers
 * made, one declined), a frozen event whose ceremony is open with a witness link, and a draft.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runDemo } from '../../src/office/demo/index.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { issueWitnessLink } from '../../src/office/ceremony/witness-links.js';
import { repoRoot } from '../spec-files.js';
import type { Running } from './harness.js';

export const DONE = 'zlj-2020-demo';
export const FROZEN = 'zlj-2020-hall';
export const DRAFT = 'zlj-2020-draft';

export interface Stop {
  /** A short name for messages and screenshots. */
  name: string;
  /** The path on the server. */
  path: string;
  /** Signed in as (the console's and control panel's pages); none for the public pages. */
  as?: 'admin' | 'operator';
}

/** Builds the three events and returns the stops of the tour. */
export async function tourStops(run: Running): Promise<Stop[]> {
  const { office } = run;
  const demoDir = join(repoRoot, 'demo');
  await runDemo(office, { demoDir, eventId: DONE, stage: 'results', actor: 'operator:operator' });
  await runDemo(office, { demoDir, eventId: FROZEN, stage: 'frozen', actor: 'operator:operator' });
  await runDemo(office, { demoDir, eventId: DRAFT, stage: 'draft', actor: 'operator:operator' });
  await openCeremony(office, FROZEN, 'operator:operator');
  await recordMeeting(office, FROZEN, { place: '自流井区教育和体育局三楼会议室', startedAt: '2020-07-20T09:30' }, 'operator:operator');
  const link = await issueWitnessLink(office, FROZEN, 0, 'operator:operator');
  const reg = (await office.store.repos.applicants.listByEvent(DONE))[0]!.reg_no;
  const e = encodeURIComponent;
  const tabs = ['overview', 'import', 'publish', 'draw', 'results', 'documents', 'audit', 'exports'];
  return [
    { name: 'console-login', path: '/console/' },
    { name: 'console-events', path: '/console/', as: 'admin' },
    { name: 'console-new-event', path: '/console/events/new', as: 'operator' },
    { name: 'console-accounts', path: '/console/accounts', as: 'admin' },
    { name: 'console-access-log', path: '/console/access-log', as: 'admin' },
    { name: 'console-password', path: '/console/password', as: 'admin' },
    ...tabs.map((tab) => ({ name: `console-done-${tab}`, path: `/console/events/${e(DONE)}/${tab}`, as: 'operator' as const })),
    { name: 'console-draft-overview', path: `/console/events/${e(DRAFT)}/overview`, as: 'operator' },
    { name: 'console-draft-import', path: `/console/events/${e(DRAFT)}/import`, as: 'operator' },
    { name: 'console-frozen-draw', path: `/console/events/${e(FROZEN)}/draw`, as: 'operator' },
    { name: 'ceremony-display-summary', path: `/ceremony/${e(DONE)}` },
    { name: 'ceremony-display-check', path: `/ceremony/${e(FROZEN)}` },
    { name: 'ceremony-live', path: `/ceremony/${e(DONE)}/live` },
    { name: 'ceremony-control', path: `/ceremony/${e(FROZEN)}/control`, as: 'operator' },
    { name: 'ceremony-control-done', path: `/ceremony/${e(DONE)}/control`, as: 'operator' },
    { name: 'ceremony-witness', path: `/ceremony/${e(FROZEN)}/witness#${link.token}` },
    { name: 'ceremony-reps', path: `/ceremony/${e(DONE)}/reps` },
    { name: 'portal-events', path: '/portal/' },
    { name: 'portal-event', path: `/portal/${e(DONE)}` },
    { name: 'portal-results', path: `/portal/${e(DONE)}/results` },
    { name: 'portal-applicant', path: `/portal/${e(DONE)}/applicant/${e(reg)}` },
    { name: 'portal-privacy', path: `/portal/${e(DONE)}/privacy` },
    { name: 'portal-frozen', path: `/portal/${e(FROZEN)}` },
    { name: 'verify', path: `/verify/${e(DONE)}` },
  ];
}

/** Opens a stop and waits until the page's text has stopped changing (data loaded, checks run). */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(300);
    const now = await page.locator('body').innerText();
    if (now === last && now.trim().length > 0) return;
    last = now;
  }
}

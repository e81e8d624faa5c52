/** The demo event through the office's own use cases: each stage, the ceremony's witnesses, the audit after it. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_EVENT, DEMO_STAGES, DEMO_WITNESSES, inventedApplicantsCsv, loadDemo, runDemo } from '../../src/office/demo/index.js';
import { mailingAddress } from '../../src/office/documents/notice.js';
import { parseIdCard } from '../../src/office/import/id-card.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { repoRoot } from '../spec-files.js';
import { refusal, testOffice } from './harness.js';

const demoDir = join(repoRoot, 'demo');
const dirs: string[] = [];
const offices: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of offices) await o.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function fresh() {
  const t = await testOffice();
  offices.push(t.office);
  dirs.push(t.dataDir);
  return t;
}

describe('the demo event', () => {
  it('reaches each stage with that status', async () => {
    for (const stage of DEMO_STAGES) {
      const { office } = await fresh();
      const r = await runDemo(office, { demoDir, stage });
      expect(r).toEqual({ eventId: DEMO_EVENT, stage, applicants: 105 });
      expect((await office.store.repos.events.getById(DEMO_EVENT))?.status, stage).toBe(stage);
    }
  });

  it('is drawn in the ceremony: meeting, roster and witnesses logged, each value given on the witness’s own link, in order', async () => {
    const { office } = await fresh();
    const rolls = ['418305', '3,6,1,5,2,4', '公证员摇出 27 号球'];
    let n = 0;
    await runDemo(office, { demoDir, stage: 'results', roll: () => rolls[n++]! });
    const log = await office.store.repos.audit.list(DEMO_EVENT);
    const actions = log.map((e) => e.action);
    for (const a of [
      'ceremony.roster',
      'ceremony.open',
      'ceremony.meeting',
      'ceremony.witness',
      'ceremony.draw',
      'ceremony.close',
      'results.publish',
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(actions.indexOf('ceremony.roster')).toBeLessThan(actions.indexOf('event.freeze'));
    expect(actions.indexOf('ceremony.meeting')).toBeLessThan(actions.indexOf('ceremony.draw'));
    // Each value was sealed and revealed by its own witness (by link), never typed by the operator,
    // and every seal came before the first reveal.
    const commits = log.filter((e) => e.action === 'ceremony.commit');
    const reveals = log.filter((e) => e.action === 'ceremony.reveal');
    expect(commits.map((e) => e.actor)).toEqual(DEMO_WITNESSES.map((w) => `witness:${w.label}`));
    expect(reveals.map((e) => e.actor)).toEqual(DEMO_WITNESSES.map((w) => `witness:${w.label}`));
    expect(commits.map((e) => (e.details as { via: string }).via)).toEqual(['phone', 'phone', 'phone']);
    expect(Math.max(...commits.map((e) => e.seq))).toBeLessThan(Math.min(...reveals.map((e) => e.seq)));
    expect(reveals.map((e) => (e.details as { value: string }).value)).toEqual(rolls);
    expect(log.filter((e) => e.action === 'ceremony.value')).toEqual([]);
    const official = (await office.store.repos.draws.official(DEMO_EVENT))!;
    expect(JSON.parse(official.sources_text)).toEqual(DEMO_WITNESSES.map((w, i) => ({ kind: 'witness', label: w.label, value: rolls[i] })));
    expect(await office.store.repos.offers.listByEvent(DEMO_EVENT)).toHaveLength(60);
    expect(await verifyAudit(office, DEMO_EVENT)).toMatchObject({ ok: true });
  });

  it('invents N applicants over the two schools, each with a valid ID number and a distinct one', async () => {
    const text = new TextDecoder().decode(inventedApplicantsCsv(500));
    const rows = text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r[2])).size).toBe(500);
    for (const r of rows) expect(parseIdCard(r[2]!), r[2]).toMatchObject({ ok: true, birthDate: r[3] });
    expect(rows.filter((r) => r[6] === 'TML')).toHaveLength(250);
    expect(rows.filter((r) => r[6] === 'TKS')).toHaveLength(250);

    const { office } = await fresh();
    expect(await runDemo(office, { demoDir, stage: 'drawn', applicants: 500 })).toMatchObject({ applicants: 500 });
    const imported = await office.store.repos.applicants.listByEvent(DEMO_EVENT);
    expect(imported).toHaveLength(500);
    // Each has a mailing address and postcode for the window envelope of its notice.
    for (const a of imported)
      expect(mailingAddress(a)).toMatchObject({ address: expect.stringMatching(/^自流井区.+号.+栋.+单元$/), postcode: '643000' });
    expect(await verifyAudit(office, DEMO_EVENT)).toMatchObject({ ok: true });
  });

  it('refuses an unknown stage or a bad count before it changes anything', async () => {
    const { office } = await fresh();
    expect((await refusal(runDemo(office, { demoDir, stage: 'closed' as never }))).code).toBe('demo.stage');
    for (const applicants of [0, -1, 1.5, Number.NaN]) {
      expect((await refusal(runDemo(office, { demoDir, applicants }))).code).toBe('demo.applicants');
    }
    expect(await office.store.repos.events.list()).toEqual([]);
  });

  it('loads as a draft for serve --demo, once', async () => {
    const { office } = await fresh();
    expect(await loadDemo(office, demoDir)).toBe(true);
    expect((await office.store.repos.events.getById(DEMO_EVENT))?.status).toBe('draft');
    expect(await loadDemo(office, demoDir)).toBe(false);
  });
});

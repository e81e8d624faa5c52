import { afterEach, describe, expect, it } from 'vitest';
import { testOffice, type TestClock } from '../../../test/office/harness.js';
import { demoEvent, EVENT, type Stage } from '../../../test/portal/fixture.js';
import { FairDrawError } from '../../core/errors.js';
import { verifyInclusion } from '../../core/merkle.js';
import { fromHex, utf8 } from '../../core/bytes.js';
import { singleTicket } from '../../core/ticket.js';
import { announcement, publicEvents } from './announcement.js';
import { allUnitResults, unitResults } from './unit-results.js';
import { allApplicantPages, applicantPage } from './applicant-page.js';
import { publicBundleFile } from './bundle-files.js';
import { siteFiles } from './site.js';
import { shardName, shardPrefixLength, sitePath } from './site-paths.js';
import type { Office } from '../ports.js';
import type { ApplicantPage } from '../../api/public.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

async function at(stage: Stage): Promise<{ office: Office; clock: TestClock; declined?: string }> {
  const t = await testOffice();
  open.push(t);
  const d = await demoEvent(t.office, stage, t.clock);
  return { office: t.office, clock: t.clock, declined: d.declined };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FairDrawError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('public views', () => {
  it('shows nothing of a draft, answering as for an event that does not exist', async () => {
    const { office } = await at('draft');
    expect(await publicEvents(office)).toEqual([]);
    expect(await code(announcement(office, EVENT))).toBe('event.missing');
    expect(await code(announcement(office, 'no-such-event'))).toBe('event.missing');
    expect(await code(publicBundleFile(office, EVENT, 'rules.json'))).toBe('event.missing');
  });

  it('announces a published event: units, counts, schedule, digests, key; no results yet', async () => {
    const { office } = await at('frozen');
    const a = await announcement(office, EVENT);
    expect(a.status).toBe('frozen');
    expect(a.resultsPublished).toBe(false);
    expect(a.units.map((u) => [u.id, u.name, u.seats, u.applicants, u.firstChoice, u.lotteryNeeded])).toEqual([
      ['TML', '檀木林小学', 30, 47, 47, true],
      ['TKS', '塘坎上小学', 30, 58, 58, true],
    ]);
    expect(a.applicants).toBe(105);
    expect(a.groups).toEqual({ count: 1, members: 2 });
    expect(a.schedule.map((s) => s.action)).toEqual(['publish', 'freeze']);
    expect(a.publications).toHaveLength(1);
    expect(a.publications[0]!.listSize).toBe(105);
    expect(a.draw).toBeNull();
    expect(a.bundle).toEqual(['rules.json', 'list.jsonl']);
    expect(a.organiserPublicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.rules).toMatchObject({ mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' });
    expect(await code(allUnitResults(office, EVENT))).toBe('event.status');
    expect(await code(publicBundleFile(office, EVENT, 'record.json'))).toBe('export.file');
    expect((await publicBundleFile(office, EVENT, 'list.jsonl')).immutable).toBe(true);
  });

  it('keeps results, sources and seed back after the draw until results are published', async () => {
    const { office } = await at('drawn');
    const a = await announcement(office, EVENT);
    expect(a.schedule.map((s) => s.action)).toEqual(['publish', 'freeze', 'draw']);
    expect(a.draw).toBeNull();
    expect(a.bundle).toEqual(['rules.json', 'list.jsonl']);
    const page = (await allApplicantPages(office, EVENT))[0]!;
    expect(page.result).toBeNull();
    expect(await code(unitResults(office, EVENT, 'TML'))).toBe('event.status');
  });

  it('gives each family a receipt that proves its line is in the published list', async () => {
    const { office } = await at('published');
    const a = await announcement(office, EVENT);
    const pages = await allApplicantPages(office, EVENT);
    expect(pages).toHaveLength(105);
    for (const p of pages) {
      expect(p.receipt.listRoot).toBe(a.publications[0]!.listRoot);
      expect(verifyInclusion(utf8(p.receipt.line), p.receipt.proof, fromHex(a.publications[0]!.listRoot)!)).toBe(true);
      expect(p.name).toMatch(/\*/);
    }
    const twins = pages.filter((p) => p.group);
    expect(twins.map((p) => p.group!.size)).toEqual([2, 2]);
  });

  it('finds a registration number as typed, in lower case or full width, and says nothing else of a miss', async () => {
    const { office } = await at('results');
    const reg = (await allApplicantPages(office, EVENT))[5]!.regNo;
    expect((await applicantPage(office, EVENT, reg)).regNo).toBe(reg);
    expect((await applicantPage(office, EVENT, ` ${reg.toLowerCase()} `)).regNo).toBe(reg);
    const fullWidth = [...reg].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect((await applicantPage(office, EVENT, fullWidth)).regNo).toBe(reg);
    const misses = await Promise.all(
      ['ZZZZZZZZZZ', reg.slice(0, 9), '../../etc', '报名号', ''].map((r) => applicantPage(office, EVENT, r).catch((e: unknown) => e)),
    );
    for (const m of misses) {
      expect(m).toBeInstanceOf(FairDrawError);
      expect((m as FairDrawError).toJSON()).toEqual({
        code: 'receipt.missing',
        zh: '没有找到这个报名号，请核对后重新输入',
        en: 'no applicant has this registration number; check it and try again',
        where: { field: 'regNo' },
      });
    }
  });

  it('publishes results by unit with masked names, and applicant pages that agree with them', async () => {
    const { office } = await at('results');
    const a = await announcement(office, EVENT);
    expect(a.draw?.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(a.bundle).toContain('record.json');
    const units = await allUnitResults(office, EVENT);
    const pages = new Map((await allApplicantPages(office, EVENT)).map((p) => [p.regNo, p]));
    for (const u of units) {
      expect(u.admitted).toHaveLength(30);
      expect(u.admitted.length + u.waitlist.length).toBe(u.unit.applicants);
      u.admitted.forEach((r, k) => {
        expect(r.position).toBe(k + 1);
        expect(r.status).toBe('offered');
        expect(r.name).toMatch(/\*/);
        const p = pages.get(r.regNo)!;
        expect(p.result!.assigned?.unit).toBe(u.unit.id);
        expect(p.result!.choices[0]!.outcome).toBe('admitted');
      });
      u.waitlist.forEach((r, k) => {
        const c = pages.get(r.regNo)!.result!.choices[0]!;
        expect(c.outcome).toBe('waitlist');
        expect(c.waitlistPosition).toBe(k + 1);
        expect(r.status).toBe('waiting');
      });
      // With one choice each, the rank at the unit is the order admitted ++ waitlist.
      [...u.admitted, ...u.waitlist].forEach((r, k) => expect(pages.get(r.regNo)!.result!.choices[0]!.rank).toBe(k + 1));
    }
  });

  it('lets a family recompute its own ticket from the published seed', async () => {
    const { office } = await at('results');
    for (const p of await allApplicantPages(office, EVENT)) {
      const r = p.result!;
      expect(singleTicket(fromHex(r.seed)!, '', r.entrant.kind, r.entrant.name)).toBe(r.choices[0]!.ticket);
    }
  });

  it('shows a decline and the waitlist offer it caused', async () => {
    const { office, declined } = await at('declined');
    const tml = await unitResults(office, EVENT, 'TML');
    expect(tml.admitted.find((r) => r.regNo === declined)!.status).toBe('declined');
    expect(tml.waitlist[0]!.status).toBe('offered');
    // The current lists: the promoted child is admitted (递补) and waits no longer; the decliner is gone.
    const promoted = tml.waitlist[0]!.regNo;
    expect(tml.current.admitted.find((r) => r.regNo === promoted)).toEqual({
      regNo: promoted,
      name: tml.waitlist[0]!.name,
      status: 'offered',
      promoted: true,
    });
    expect(tml.current.admitted.map((r) => r.regNo)).not.toContain(declined);
    expect(tml.current.waitlist.map((r) => r.regNo)).toEqual(tml.waitlist.slice(1).map((r) => r.regNo));
    expect(tml.current.counts).toEqual({
      admitted: tml.unit.seats,
      promoted: 1,
      free: 0,
      waiting: tml.waitlist.length - 1,
      history: 1,
    });
    const next = await applicantPage(office, EVENT, tml.waitlist[0]!.regNo);
    expect(next.result!.offer).toMatchObject({ unit: 'TML', status: 'offered', origin: 'waitlist' });
    const gone = await applicantPage(office, EVENT, declined!);
    expect(gone.result!.offer).toMatchObject({ unit: 'TML', status: 'declined', origin: 'draw' });
    const a = await announcement(office, EVENT);
    expect(a.schedule.map((s) => s.action)).toEqual(['publish', 'freeze', 'draw', 'results']);
  });

  it('writes a static site: manifest, views, shards covering every applicant, and the bundle', async () => {
    const { office } = await at('results');
    const files = await siteFiles(office, EVENT);
    const manifest = JSON.parse(files.get('site.json')!) as { events: { id: string; shardPrefix: number }[] };
    expect(manifest.events).toEqual([{ id: EVENT, title: expect.any(String) as string, shardPrefix: 1 }]);
    for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json'])
      expect(files.has(sitePath.bundle(EVENT, f))).toBe(true);
    expect(files.has(sitePath.results(EVENT, 'TML'))).toBe(true);
    const pages = await allApplicantPages(office, EVENT);
    for (const p of pages) {
      const shard = JSON.parse(files.get(sitePath.shard(EVENT, p.regNo, 1))!) as { applicants: Record<string, ApplicantPage> };
      expect(shard.applicants[p.regNo]).toEqual(p);
    }
  });
});

describe('static site before results', () => {
  it('holds the announcement and receipts only', async () => {
    const { office } = await at('frozen');
    const files = [...(await siteFiles(office, EVENT)).keys()];
    expect(files.filter((f) => f.includes('/bundle/'))).toEqual([
      sitePath.bundle(EVENT, 'rules.json'),
      sitePath.bundle(EVENT, 'list.jsonl'),
    ]);
    expect(files.some((f) => f.includes('/results/'))).toBe(false);
    const shard = JSON.parse((await siteFiles(office, EVENT)).get(files.find((f) => f.includes('/shards/'))!)!) as {
      applicants: Record<string, ApplicantPage>;
    };
    for (const p of Object.values(shard.applicants)) expect(p.result).toBeNull();
  });
});

describe('site paths', () => {
  it('shards about a hundred applicants per file, by case-folded prefix in hex', () => {
    expect(shardPrefixLength(105)).toBe(1);
    expect(shardPrefixLength(100_000)).toBe(2);
    expect(shardPrefixLength(1_000_000)).toBe(3);
    expect(shardName('K7ABCDEFGH', 2)).toBe('6b37.json');
    expect(shardName('k7abcdefgh', 2)).toBe('6b37.json');
    expect(sitePath.announcement('..')).not.toContain('/../');
  });
});

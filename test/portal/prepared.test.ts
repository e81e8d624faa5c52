/**
 * Result day: every public answer is sent again from the bytes first prepared, with a strong ETag
 * from those bytes, for as long as nothing public has changed — and never once something has: a
 * decline and the promotion it causes, a change made by another process on the same database, a
 * correction, a withdrawal, a settings change. Real server (inject), real SQLite.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { openOffice } from '../../src/app.js';
import { changeOffer } from '../../src/office/offers.js';
import { withdrawEvent } from '../../src/office/withdraw-event.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { JoinedReads, matchPrepared, PreparedAnswers, PreparedFront } from '../../src/server/prepared.js';
import { seededRandom, testOffice } from '../office/harness.js';
import { demoEvent, EVENT, type Stage } from './fixture.js';

let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

async function server(stage: Stage, limits?: Parameters<typeof buildServer>[0]['limits']) {
  const t = await testOffice();
  await demoEvent(t.office, stage, t.clock);
  open.push(t.office);
  let answers!: PreparedAnswers;
  const app = await buildServer({ office: t.office, limits, onPrepared: (a) => (answers = a) });
  open.push(app);
  return { t, app, answers };
}

let ip = 0;
const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
  app.inject({ method: 'GET', url, headers, remoteAddress: remoteAddress ?? `10.2.${Math.floor(++ip / 250)}.${ip % 250}` });

const base = `/api/public/events/${EVENT}`;
const sha = (body: string) => `"sha256-${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

async function regNos(app: FastifyInstance): Promise<string[]> {
  return [...(await get(app, `${base}/bundle/list.jsonl`)).body.matchAll(/"id":"(\w+)"/g)].map((m) => m[1]!);
}

function everyAnswer(regs: string[]): string[] {
  return [
    '/api/public/events',
    base,
    `${base}/privacy-notice`,
    `${base}/results/TML`,
    `${base}/results/TKS`,
    ...regs.map((r) => `${base}/applicants/${r}`),
    ...['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'].map((f) => `${base}/bundle/${f}`),
  ];
}

describe('prepared answers after results', () => {
  it('give every answer a strong ETag of its bytes, the same on every request and from every server', async () => {
    const { t, app } = await server('results');
    const other = await buildServer({ office: t.office });
    open.push(other);
    const regs = (await regNos(app)).slice(0, 3);
    for (const url of everyAnswer(regs)) {
      const first = await get(app, url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers.etag, url).toBe(sha(first.body)); // strong (no W/), from the bytes alone
      const again = await get(app, url);
      expect(again.body, url).toBe(first.body);
      expect(again.headers.etag, url).toBe(first.headers.etag);
      expect(again.headers['content-type'], url).toBe(first.headers['content-type']);
      expect(again.headers['access-control-allow-origin'], url).toBe('*');
      expect((await get(other, url)).headers.etag, url).toBe(first.headers.etag);
    }
  });

  it('answer If-None-Match with 304 and no body, from the prepared answer too', async () => {
    const { t, app } = await server('results');
    const regs = (await regNos(app)).slice(0, 2);
    for (const url of everyAnswer(regs)) {
      const etag = (await get(app, url)).headers.etag as string;
      for (let i = 0; i < 2; i++) {
        const r = await get(app, url, { 'if-none-match': etag });
        expect(r.statusCode, url).toBe(304);
        expect(r.body, url).toBe('');
        expect(r.headers.etag, url).toBe(etag);
      }
      expect((await get(app, url, { 'if-none-match': `"x", W/${etag}` })).statusCode, url).toBe(304);
      expect((await get(app, url, { 'if-none-match': '"sha256-other"' })).statusCode, url).toBe(200);
    }
    // A fresh server has nothing prepared: the same tag still gives a 304 (the tag is of the bytes).
    const other = await buildServer({ office: t.office });
    open.push(other);
    const etag = (await get(app, `${base}/results/TML`)).headers.etag as string;
    expect((await get(other, `${base}/results/TML`, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('tell caches to ask again for what can still change, and to keep for good what cannot', async () => {
    const { app } = await server('results');
    const [reg] = await regNos(app);
    for (const url of [
      '/api/public/events',
      base,
      `${base}/privacy-notice`,
      `${base}/results/TML`,
      `${base}/applicants/${reg}`,
      `${base}/bundle/audit.json`,
    ])
      for (let i = 0; i < 2; i++) expect((await get(app, url)).headers['cache-control'], url).toBe('public, no-cache');
    for (const f of ['rules.json', 'list.jsonl', 'sources.json', 'record.json'])
      for (let i = 0; i < 2; i++)
        expect((await get(app, `${base}/bundle/${f}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('are sent again without the work: past the global bound that protects the server from work', async () => {
    // Two answers that need work a minute; the prepared ones are sent however many are asked for.
    const { app, answers } = await server('results', { publicTotalPerMinute: 2 });
    for (const url of [base, `${base}/results/TML`]) expect((await get(app, url)).statusCode).toBe(200);
    expect(answers.stats().entries).toBe(2);
    for (let i = 0; i < 20; i++) {
      expect((await get(app, base, {}, '10.3.0.1')).statusCode).toBe(200);
      expect((await get(app, `${base}/results/TML`, {}, '10.3.0.1')).statusCode).toBe(200);
    }
    // An answer not prepared yet needs work, and meets the bound.
    expect((await get(app, `${base}/results/TKS`)).statusCode).toBe(429);
    expect((await get(app, `${base}/applicants/ZZZZZZZZZZ`)).statusCode).toBe(429);
  });

  it('are built once when many ask at the same moment: the others wait for the same bytes', async () => {
    // One answer's worth of work a minute: twenty families at once still all get it.
    const { app, answers } = await server('results', { publicTotalPerMinute: 1 });
    const url = `${base}/results/TKS`;
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => get(app, url, {}, `10.4.0.${i}`)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(all.map((r) => r.body)).size).toBe(1);
    expect(new Set(all.map((r) => r.headers.etag)).size).toBe(1);
    expect(answers.stats().entries).toBe(1);
  });

  it('change with a decline and the promotion it causes: body, ETag and 304 all follow', async () => {
    const { t, app } = await server('results');
    const url = `${base}/results/TML`;
    const before = await get(app, url);
    const beforeTag = before.headers.etag as string;
    const decliner = before.json().current.admitted[0].regNo as string;
    const waiting = before.json().current.waitlist.map((w: { regNo: string }) => w.regNo) as string[];
    const annTag = (await get(app, base)).headers.etag;
    const declinerPage = (await get(app, `${base}/applicants/${decliner}`)).body;
    const auditTag = (await get(app, `${base}/bundle/audit.json`)).headers.etag;
    expect((await get(app, url, { 'if-none-match': beforeTag })).statusCode).toBe(304);

    const changes = await changeOffer(t.office, EVENT, decliner, 'decline', '家长书面申请放弃学位', 'operator');
    expect(changes.map((c) => c.status)).toContain('offered'); // the seat was passed on
    const promoted = changes.find((c) => c.status === 'offered')!.regNo;

    const after = await get(app, url, { 'if-none-match': beforeTag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(beforeTag);
    expect(after.headers.etag).toBe(sha(after.body));
    const now = after.json();
    expect(now.current.admitted.map((a: { regNo: string }) => a.regNo)).not.toContain(decliner);
    expect(now.current.admitted).toContainEqual(expect.objectContaining({ regNo: promoted, promoted: true }));
    expect(now.admitted.find((r: { regNo: string }) => r.regNo === decliner).status).toBe('declined');
    expect(waiting).toContain(promoted); // someone waiting before, whoever the rule picked
    expect((await get(app, url, { 'if-none-match': after.headers.etag as string })).statusCode).toBe(304);
    // The decliner's own page and the log changed; the announcement's bytes did not, nor its tag.
    const page = await get(app, `${base}/applicants/${decliner}`);
    expect(page.body).not.toBe(declinerPage);
    expect(page.json().result.offer.status).toBe('declined');
    expect((await get(app, `${base}/applicants/${promoted}`)).json().result.offer).toMatchObject({ status: 'offered', origin: 'waitlist' });
    expect((await get(app, `${base}/bundle/audit.json`)).headers.etag).not.toBe(auditTag);
    expect((await get(app, base)).headers.etag).toBe(annTag);
  });

  it('change when another process changes the database (the command line, or a second server)', async () => {
    const { t, app } = await server('results');
    const url = `${base}/results/TKS`;
    const before = await get(app, url);
    const decliner = before.json().current.admitted[0].regNo as string;
    expect((await get(app, url)).headers.etag).toBe(before.headers.etag); // prepared
    const cli = await openOffice({ dataDir: t.dataDir, clock: t.clock, random: seededRandom(7) });
    try {
      await changeOffer(cli, EVENT, decliner, 'decline', '已入读民办学校', 'operator');
    } finally {
      await cli.close();
    }
    const after = await get(app, url);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().current.admitted.map((a: { regNo: string }) => a.regNo)).not.toContain(decliner);
  });

  it('change with the privacy settings and with a revocation of a confirmed place', async () => {
    const { t, app } = await server('results');
    const notice = await get(app, `${base}/privacy-notice`);
    await updatePrivacySettings(t.office, EVENT, { retainUntil: '2099-09-30' }, 'admin');
    const after = await get(app, `${base}/privacy-notice`);
    expect(after.headers.etag).not.toBe(notice.headers.etag);
    expect(after.json().retention.until).toBe('2099-09-30');

    const tml = (await get(app, `${base}/results/TML`)).json();
    const reg = tml.current.admitted[1].regNo as string;
    await changeOffer(t.office, EVENT, reg, 'confirm', undefined, 'operator');
    expect((await get(app, `${base}/results/TML`)).json().current.admitted[1]).toMatchObject({ regNo: reg, status: 'confirmed' });
    await changeOffer(t.office, EVENT, reg, 'revoke', '提供虚假材料', 'operator');
    expect((await get(app, `${base}/applicants/${reg}`)).json().result.offer.status).toBe('revoked');
  });

  it('hold no personal data: every prepared byte has names masked and no ID-card or phone number', async () => {
    const { t, app, answers } = await server('declined');
    const regs = await regNos(app);
    for (const url of everyAnswer(regs)) expect((await get(app, url)).statusCode, url).toBe(200);
    const kept = [...answers.answers()].map(([, a]) => a.body.toString('utf8'));
    expect(kept.length).toBe(everyAnswer(regs).length);
    const people = await t.office.store.repos.applicants.listByEvent(EVENT);
    expect(people).toHaveLength(105);
    const all = kept.join('\n');
    for (const p of people) {
      expect(all).toContain(p.reg_no);
      for (const secret of [p.name, p.id_number, p.phone, p.guardian].filter((s) => s && s.length >= 2)) expect(all).not.toContain(secret);
    }
  });

  it('stay within their memory: answers and bytes bounded, least recently used out first', async () => {
    const t = await testOffice();
    await demoEvent(t.office, 'results', t.clock);
    open.push(t.office);
    let answers!: PreparedAnswers;
    const app = await buildServer({ office: t.office, prepared: { maxEntries: 5, maxBytes: 1_000_000 }, onPrepared: (a) => (answers = a) });
    open.push(app);
    const regs = (await regNos(app)).slice(0, 10);
    for (const r of regs) await get(app, `${base}/applicants/${r}`);
    expect(answers.stats().entries).toBe(5);
    const keys = [...answers.answers()].map(([k]) => k);
    expect(keys.at(-1)).toContain(regs[9]);
    expect(keys.some((k) => k.includes(regs[0]!))).toBe(false);

    const small = new PreparedAnswers({ maxEntries: 100, maxBytes: 10 });
    const put = (k: string, n: number) =>
      small.put(k, { stamp: 's', body: Buffer.alloc(n), etag: '"e"', contentType: 'x', cacheControl: 'c', headers: {} });
    put('a', 4);
    put('b', 4);
    put('c', 4);
    expect([...small.answers()].map(([k]) => k)).toEqual(['b', 'c']);
    expect(small.stats()).toEqual({ entries: 2, bytes: 8 });
    put('big', 11); // larger than all the memory: not kept
    expect(small.stats()).toEqual({ entries: 2, bytes: 8 });
    expect(small.get('b', 'other stamp')).toBeUndefined(); // stale: let go
    expect(small.stats()).toEqual({ entries: 1, bytes: 4 });
  });
});

describe('the HTTP front', () => {
  it('sends a current prepared answer itself, byte for byte and header for header as first sent', async () => {
    const t = await testOffice();
    await demoEvent(t.office, 'results', t.clock);
    open.push(t.office);
    const app = await buildServer({ office: t.office });
    let framework = 0;
    app.addHook('onRequest', async () => void framework++);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    open.push(app);
    const fetchNow = async (path: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`${url}${path}`, { headers });
      return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
    };
    const path = `${base}/results/TML`;
    const first = await fetchNow(path);
    expect(first.status).toBe(200);
    expect(framework).toBe(1);
    const second = await fetchNow(path);
    expect(framework).toBe(1); // the framework never saw it
    expect(second.body).toBe(first.body);
    const { date: _d1, 'x-ratelimit-limit': _l, 'x-ratelimit-remaining': _r, 'x-ratelimit-reset': _s, ...firstHeaders } = first.headers;
    const { date: _d2, ...secondHeaders } = second.headers;
    expect(secondHeaders).toEqual(firstHeaders);
    expect(secondHeaders['content-security-policy']).toMatch(/script-src 'self'/);
    expect(secondHeaders.etag).toBe(sha(first.body));

    const notModified = await fetchNow(path, { 'if-none-match': first.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['cache-control']).toBe('public, no-cache');
    expect(framework).toBe(1);

    // Anything to decode, or any other route, is the framework's: the same answer still.
    expect((await fetchNow(`${base}/results/%54ML`)).body).toBe(first.body);
    expect((await fetchNow(`${path}?x=1`)).body).toBe(first.body); // the query plays no part
    expect((await fetchNow(`${base}/results/NOPE`)).status).toBe(404);
    const seen = framework;

    // A decline: the stamp moves, the front lets the framework build the new answer, then sends that.
    const decliner = JSON.parse(first.body).current.admitted[0].regNo as string;
    await changeOffer(t.office, EVENT, decliner, 'decline', '家长书面申请放弃学位', 'operator');
    const after = await fetchNow(path, { 'if-none-match': first.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(JSON.parse(after.body).current.admitted.map((a: { regNo: string }) => a.regNo)).not.toContain(decliner);
    expect(framework).toBe(seen + 1);
    expect((await fetchNow(path)).body).toBe(after.body);
    expect(framework).toBe(seen + 1);
  });
});

describe('prepared answers before results', () => {
  it('change with a correction and with a withdrawal, in the list of events too', async () => {
    const { t, app } = await server('published');
    const list = await get(app, '/api/public/events');
    const ann = await get(app, base);
    const rules = await get(app, `${base}/bundle/rules.json`);
    expect(rules.headers['cache-control']).toBe('public, no-cache'); // a correction may still replace it
    const list1 = await get(app, `${base}/bundle/list.jsonl`);
    const victim = (await t.office.store.repos.applicants.listByEvent(EVENT))[0]!;
    expect((await get(app, `${base}/applicants/${victim.reg_no}`)).statusCode).toBe(200); // prepared
    await t.office.store.repos.applicants.deleteByRegNo(EVENT, victim.reg_no);
    await publishEvent(t.office, EVENT, 'operator', '重复报名，经核实撤销');
    const corrected = await get(app, base);
    expect(corrected.headers.etag).not.toBe(ann.headers.etag);
    expect(corrected.json().publications).toHaveLength(2);
    expect(corrected.json().applicants).toBe(104);
    const list2 = await get(app, `${base}/bundle/list.jsonl`);
    expect(list2.headers.etag).not.toBe(list1.headers.etag);
    expect(list2.body).not.toContain(victim.reg_no);
    expect((await get(app, `${base}/applicants/${victim.reg_no}`)).statusCode).toBe(404);
    expect((await get(app, '/api/public/events')).json().events[0].applicants).toBe(104);

    await withdrawEvent(t.office, EVENT, '招生计划调整，本批次作废', 'operator');
    const events = await get(app, '/api/public/events', { 'if-none-match': list.headers.etag as string });
    expect(events.statusCode).toBe(200);
    expect(events.json().events[0].withdrawn).toMatchObject({ reason: '招生计划调整，本批次作废' });
    expect((await get(app, base)).json().withdrawn).toMatchObject({ reason: '招生计划调整，本批次作废' });
  });
});

describe('the front', () => {
  it('never lets an event id share the list of events’ stamp read', async () => {
    const asked: (string | undefined)[] = [];
    const front = new PreparedFront(async (id) => (asked.push(id), id === undefined ? 'list' : `event ${id}`));
    const [list, star, events] = await Promise.all([front.stamp(), front.stamp('*'), front.stamp('events')]);
    expect([list, star, events]).toEqual(['list', 'event *', 'event events']);
    expect(asked).toEqual([undefined, '*', 'events']);
  });
});

describe('the front’s routes', () => {
  it('answers only the routes served before any limit, with plain parameters; the rest is the framework’s', () => {
    expect(matchPrepared('/api/public/events')).toEqual({ url: '/api/public/events', params: {} });
    expect(matchPrepared('/api/public/events?x=1')).toEqual({ url: '/api/public/events', params: {} });
    expect(matchPrepared('/api/public/events/e1')).toEqual({ url: '/api/public/events/:id', params: { id: 'e1' } });
    expect(matchPrepared('/api/public/events/e1/privacy-notice')?.url).toBe('/api/public/events/:id/privacy-notice');
    expect(matchPrepared('/api/public/events/e1/results/TML?a=b')).toEqual({
      url: '/api/public/events/:id/results/:unit',
      params: { id: 'e1', unit: 'TML' },
    });
    expect(matchPrepared('/api/public/events/e1/applicants/AB12')?.params).toEqual({ id: 'e1', reg: 'AB12' });
    for (const u of [
      '/api/public/events/e1/bundle/rules.json', // after its download limit
      '/api/public/events/e1/results/%54ML', // to decode
      '/api/public/events/e1/results/TML/x',
      '/api/public/events/e1/',
      '/api/public/events/',
      '/api/public/events/e1/results/',
      '/api/public/eventsX',
      '/api/ceremony/e1/stream',
      '/api/public/events/e1/audit',
    ])
      expect(matchPrepared(u), u).toBeUndefined();
  });
});

describe('joined reads', () => {
  it('share one read among the requests that arrive together, and start a new one after it began', async () => {
    const reads = new JoinedReads<number>();
    let n = 0;
    const load = async () => ++n;
    const together = await Promise.all([reads.read('e', load), reads.read('e', load), reads.read('e', load)]);
    expect(together).toEqual([1, 1, 1]);
    expect(await reads.read('e', load)).toBe(2);
    expect(await Promise.all([reads.read('a', load), reads.read('b', load)])).toEqual([3, 4]);
    // A request that comes while a read is under way waits for a read of its own.
    let release!: () => void;
    const slow = reads.read('s', () => new Promise<number>((r) => (release = () => r(++n))));
    await new Promise((r) => setImmediate(r));
    const later = reads.read('s', load);
    release();
    expect(await slow).toBe(5);
    expect(await later).toBe(6);
  });
});

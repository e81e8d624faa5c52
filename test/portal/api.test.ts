/** /api/public: what each stage shows, cache headers and ETags, rate limits, and uniform misses. */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT, type Stage } from './fixture.js';
import { updateDocumentSettings } from '../../src/office/documents/settings.js';
import { allApplicantPages, applicantPage } from '../../src/office/public/applicant-page.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: { t: T; app: FastifyInstance }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.app.close();
    await o.t.office.close();
  }
  open = [];
});

async function server(stage: Stage, limits?: Parameters<typeof buildServer>[0]['limits']): Promise<FastifyInstance> {
  const t = await testOffice();
  await demoEvent(t.office, stage, t.clock);
  const app = await buildServer({ office: t.office, limits });
  open.push({ t, app });
  return app;
}

let ip = 0;
/** A GET from its own address, so these tests never meet the rate limit by accident. */
async function get(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers, remoteAddress: `10.1.${Math.floor(++ip / 250)}.${ip % 250}` });
}

const base = `/api/public/events/${EVENT}`;

describe('public API by stage', () => {
  it('shows nothing of a draft: 404 exactly as for an unknown event', async () => {
    const app = await server('draft');
    expect((await get(app, '/api/public/events')).json()).toEqual({ events: [] });
    const a = await get(app, base);
    const b = await get(app, '/api/public/events/no-such-event');
    expect(a.statusCode).toBe(404);
    expect(a.json().error.code).toBe(b.json().error.code);
    expect((await get(app, `${base}/bundle/rules.json`)).statusCode).toBe(404);
  });

  it('while published: announcement, rules and list (short cache), receipts; no results, sources or record', async () => {
    const app = await server('published');
    const ann = await get(app, base);
    expect(ann.statusCode).toBe(200);
    expect(ann.json()).toMatchObject({ status: 'published', resultsPublished: false, draw: null, bundle: ['rules.json', 'list.jsonl'] });
    const rules = await get(app, `${base}/bundle/rules.json`);
    expect(rules.statusCode).toBe(200);
    expect(rules.headers['cache-control']).toBe('public, no-cache'); // a correction may still replace it
    for (const f of ['sources.json', 'record.json', 'audit.json']) {
      const r = await get(app, `${base}/bundle/${f}`);
      expect(r.statusCode).toBe(404);
      expect(r.headers['cache-control']).toBe('no-store');
    }
    expect((await get(app, `${base}/bundle/../../etc/passwd`)).statusCode).toBe(404);
    expect((await get(app, `${base}/results/TML`)).statusCode).toBe(409);
    const regNo = (await get(app, `${base}/bundle/list.jsonl`)).body.split('\n')[0]!.match(/"id":"(\w+)"/)![1]!;
    const page = await get(app, `${base}/applicants/${regNo}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().result).toBeNull();
    expect(page.json().receipt.proof.size).toBe(105);
  });

  it('from the freeze on, the rules and the list are cached for good', async () => {
    const app = await server('drawn');
    for (const f of ['rules.json', 'list.jsonl'])
      expect((await get(app, `${base}/bundle/${f}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(app, `${base}/bundle/record.json`)).statusCode).toBe(404); // drawn, but results not published
    expect((await get(app, base)).json().draw).toBeNull();
  });

  it('after results: every file, results by unit, and pages with results', async () => {
    const app = await server('declined');
    const ann = (await get(app, base)).json();
    expect(ann.bundle).toEqual(['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub']);
    const record = await get(app, `${base}/bundle/record.json`);
    expect(record.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(record.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(record.headers['access-control-allow-origin']).toBe('*');
    expect((await get(app, `${base}/bundle/audit.json`)).headers['cache-control']).toBe('public, no-cache'); // it grows with offers
    const tml = (await get(app, `${base}/results/TML`)).json();
    expect(tml.admitted).toHaveLength(30);
    expect(Object.keys(tml.admitted[0]).sort()).toEqual(['name', 'position', 'regNo', 'status']);
    expect((await get(app, `${base}/results/NOPE`)).statusCode).toBe(404);
  });
});

describe('what to do next', () => {
  it('carries the public arrangements from the document settings, and nothing of a setting not entered', async () => {
    const t = await testOffice();
    await demoEvent(t.office, 'results', t.clock);
    const app = await buildServer({ office: t.office });
    open.push({ t, app });
    const regNo = (await get(app, `${base}/bundle/list.jsonl`)).body.split('\n')[0]!.match(/"id":"(\w+)"/)![1]!;
    expect((await get(app, `${base}/applicants/${regNo}`)).json().nextSteps).toEqual({});

    await updateDocumentSettings(
      t.office,
      EVENT,
      {
        issuer: '自流井区教育和体育局',
        notaryCertNo: '（2020）川自证字第 1234 号',
        confirmBy: '2020-08-20T17:00',
        reportDate: '2020-08-28',
        reportDocuments: '户口簿、房产证明',
        contactPhone: '0813-2205678',
      },
      'operator',
    );
    const expected = {
      confirmBy: '2020-08-20T17:00',
      reportDate: '2020-08-28',
      reportDocuments: '户口簿、房产证明',
      contactPhone: '0813-2205678',
    };
    const page = await get(app, `${base}/applicants/${regNo}`);
    expect(page.statusCode).toBe(200);
    // reportPlace was never entered: absent, not an empty string; issuer and notary stay off the family page.
    expect(page.json().nextSteps).toEqual(expected);
    // The same from the office itself and in the static site's pages (no response schema to strip extras there).
    expect((await applicantPage(t.office, EVENT, regNo)).nextSteps).toEqual(expected);
    for (const p of await allApplicantPages(t.office, EVENT)) expect(p.nextSteps).toEqual(expected);
  });
});

describe('caching', () => {
  it('answers a repeat request with its ETag by 304 and no body', async () => {
    const app = await server('results');
    for (const url of [base, `${base}/results/TKS`, `${base}/bundle/list.jsonl`, '/api/public/events']) {
      const first = await get(app, url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"sha256-[\w-]{27}"$/);
      const again = await get(app, url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await get(app, url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
  });
});

describe('abuse', () => {
  it('limits lookups per address, each route on its own count', async () => {
    // (The default is a generous 300 a minute, for families behind one carrier NAT; 60 here keeps the test short.)
    const app = await server('results', { publicPerAddressPerMinute: 60 });
    const inject = (url: string, remoteAddress: string) => app.inject({ method: 'GET', url, remoteAddress });
    const codes: number[] = [];
    for (let i = 0; i < 61; i++)
      codes.push((await inject(`${base}/applicants/ZZZZZZZZ${String(i).padStart(2, '0')}`, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 404)).toBe(true);
    const limited = await inject(`${base}/applicants/ZZZZZZZZZZ`, '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate.limited');
    expect((await inject(`${base}/applicants/ZZZZZZZZZZ`, '10.9.9.10')).statusCode).toBe(404); // another family
    expect((await inject(base, '10.9.9.9')).statusCode).toBe(200); // the announcement has its own count
  });

  it('answers every miss the same way, revealing nothing', async () => {
    const app = await server('results');
    const list = (await get(app, `${base}/bundle/list.jsonl`)).body;
    const real = list.split('\n')[0]!.match(/"id":"(\w+)"/)![1]!;
    const bodies = new Set<string>();
    for (const reg of [`${real.slice(0, 9)}Z`, real.slice(0, 5), 'ZZZZZZZZZZ', '%E6%8A%A5', 'A.B_-', `${real}X`]) {
      const r = await get(app, `${base}/applicants/${reg}`);
      expect(r.statusCode).toBe(404);
      expect(r.headers['cache-control']).toBe('no-store');
      bodies.add(r.body);
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toContain(real.slice(0, 5));
  });

  it('issues registration numbers that are random, not counters', async () => {
    const app = await server('published');
    const ids = [...(await get(app, `${base}/bundle/list.jsonl`)).body.matchAll(/"id":"(\w+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(105);
    for (const id of ids) expect(id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    // Sorted, neighbours share almost no prefix: nothing to count through.
    const shared = ids.slice(1).map((id, i) => [...id].findIndex((c, k) => c !== ids[i]![k]));
    expect(Math.max(...shared)).toBeLessThanOrEqual(3);
  });
});

/**
 * 报名回执 on paper: each family's receipt followed by the privacy notice, from publication on
 * (real SQLite, the sample's 105 families; PDFs read back with poppler).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { updateDocumentSettings } from '../../src/office/documents/settings.js';
import { receiptsPdf } from '../../src/office/documents/receipts.js';
import { receiptsOf } from '../../src/office/receipts.js';
import { maskName } from '../../src/office/masking.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { refusal, sample, testOffice } from '../office/harness.js';
import { createSeedCase } from '../office/seed-case.js';
import { BASE_URL, EVENT, TITLE, keepArtifact, pdfText, poppler } from './drawn.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
const ISSUER = '自贡市自流井区教育和体育局';
type T = Awaited<ReturnType<typeof testOffice>>;

let t: T;
let people: ApplicantRow[];
let app: FastifyInstance;
let cookie: string;

/** An event published (not drawn), its 105 families imported, the public site and issuer set. */
async function published(): Promise<T> {
  const o = await testOffice();
  await createSeedCase(o.office, EVENT, TITLE);
  await importApplicants(o.office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
  o.clock.advance(86400_000);
  await publishEvent(o.office, EVENT, 'operator');
  await updateDocumentSettings(o.office, EVENT, { publicUrl: BASE_URL, issuer: ISSUER, contactPhone: '0813-2205678' }, 'operator');
  return o;
}

beforeAll(async () => {
  t = await published();
  people = await t.office.store.repos.applicants.listByEvent(EVENT);
  await createAccount(t.office, { username: 'the-operator', role: 'operator', password: PASSWORD });
  app = await buildServer({ office: t.office });
  await app.ready();
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'the-operator', password: PASSWORD } });
  const c = r.cookies.find((k) => k.name === 'fairdraw_session')!;
  cookie = `${c.name}=${c.value}`;
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

const compact = (s: string): string => s.replace(/\s+/g, '');
const pages = (path: string): number => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))![1]);

/** What no receipt may print: the full name, the ID number, the birth date, the guardian, the phone. */
function expectNoPersonalData(text: string, who: readonly ApplicantRow[]): void {
  const c = compact(text);
  for (const a of who) {
    for (const secret of [a.name, a.id_number, a.guardian, a.phone]) {
      if (secret) expect(c, a.reg_no).not.toContain(secret);
    }
  }
}

describe('one family’s receipt', () => {
  it('gives the number, masked name, choices, list root, proof, salt and QR address, then the privacy notice', async () => {
    const receipts = await receiptsOf(t.office.store.repos, EVENT);
    const r = receipts[7]!;
    const a = people.find((p) => p.reg_no === r.regNo)!;
    const kept = keepArtifact('receipt', await receiptsPdf(t.office, EVENT, { reg: r.regNo }));
    const text = compact(pdfText(kept.pdf));
    expect(text).toContain('报名回执');
    expect(text).toContain(r.regNo);
    expect(text).toContain(maskName(a.name));
    expect(maskName(a.name)).not.toBe(a.name);
    expect(text).toContain('檀木林小学');
    expect(text).toContain(r.listRoot);
    expect(text).toContain(`共${r.listSize}人，本人为第${r.proof.index + 1}行`);
    for (const h of r.proof.path) expect(text).toContain(h);
    expect(r.person).toBeDefined();
    expect(text).toContain(r.person!.salt);
    expect(text).toContain(r.person!.commitment);
    expect(text).toContain(r.person!.personsRoot);
    for (const h of r.person!.proof.path) expect(text).toContain(h);
    expect(text).toContain(`${BASE_URL}/portal/${EVENT}/applicant/${r.regNo}`);
    // The privacy notice follows, in full.
    for (const s of [
      '个人信息告知书',
      '一、收集的信息',
      '二、使用目的',
      '三、谁能看到',
      '四、保存期限',
      '五、您的权利与联系方式',
      '咨询电话：0813-2205678',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(ISSUER);
    expect(text).toMatch(/第1页共[23]页/);
    expectNoPersonalData(pdfText(kept.pdf), people);
  });
});

describe('a batch', () => {
  it('of one unit holds each family whose first choice it is, each receipt followed by the notice', async () => {
    const firsts = people.filter((a) => (JSON.parse(a.choices) as { unit: string }[])[0]!.unit === 'TML');
    const others = people.filter((a) => !firsts.includes(a));
    expect(firsts.length).toBeGreaterThan(10);
    expect(others.length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(tmpdir(), 'fairdraw-receipts-'));
    const file = join(dir, 'unit.pdf');
    const done: number[] = [];
    await receiptsPdf(t.office, EVENT, { unit: 'TML', file, onProgress: (n) => done.push(n) });
    expect(done.at(-1)).toBe(firsts.length);
    const raw = pdfText(file);
    const text = compact(raw);
    const root = (await receiptsOf(t.office.store.repos, EVENT))[0]!.listRoot;
    for (const a of firsts) expect(text).toContain(`报名号${a.reg_no}`);
    for (const a of others) expect(text).not.toContain(a.reg_no);
    // One receipt and one notice a family: the title of each as often as there are families.
    expect(text.split('报名回执Applicationreceipt').length - 1).toBe(firsts.length);
    expect(text.split('个人信息告知书Privacynoticetofamilies').length - 1).toBe(firsts.length);
    expect(text.split(root).length - 1).toBe(firsts.length);
    expect(pages(file) % firsts.length).toBe(0);
    expectNoPersonalData(raw, people);
  });

  it('refuses a unit that does not exist, and a number not in the list', async () => {
    const e = await refusal(receiptsPdf(t.office, EVENT, { unit: 'nosuch' }));
    expect(e.code).toBe('document.no-unit');
    const m = await refusal(receiptsPdf(t.office, EVENT, { reg: 'NOSUCHREG1' }));
    expect(m.code).toBe('receipt.missing');
    expect(m.zh).toContain('NOSUCHREG1');
  });
});

describe('before publication', () => {
  it('is refused in both languages', async () => {
    const o = await testOffice();
    try {
      await createSeedCase(o.office, EVENT, TITLE);
      await importApplicants(o.office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
      await updateDocumentSettings(o.office, EVENT, { publicUrl: BASE_URL }, 'operator');
      const e = await refusal(receiptsPdf(o.office, EVENT));
      expect(e.code).toBe('receipt.unpublished');
      expect(e.zh).toContain('尚未公示');
      expect(e.en).toContain('not published');
    } finally {
      await o.office.close();
    }
  });
});

describe('GET /api/events/:id/documents/receipts.pdf', () => {
  const url = `/api/events/${EVENT}/documents/receipts.pdf`;
  const get = (q: string, headers: Record<string, string> = { cookie }) => app.inject({ method: 'GET', url: `${url}${q}`, headers });

  it('asks a reason, then sends the PDF and records the look with the number of families', async () => {
    const before = await t.office.store.repos.privacy.accessLog({ eventId: EVENT, limit: 50 });
    const refused = await get('?unit=TML');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('privacy.reason');
    expect(await t.office.store.repos.privacy.accessLog({ eventId: EVENT, limit: 50 })).toEqual(before);

    const reg = people[3]!.reg_no;
    const one = await get(`?reg=${reg}&reason=${encodeURIComponent('家长补领回执')}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(one.headers['content-disposition']))).toContain(`${EVENT}-${reg}-报名回执.pdf`);
    const dir = mkdtempSync(join(tmpdir(), 'fairdraw-receipts-'));
    writeFileSync(join(dir, 'one.pdf'), one.rawPayload);
    const text = compact(pdfText(join(dir, 'one.pdf')));
    expect(text).toContain(reg);
    expect(text).toContain('个人信息告知书');

    const firsts = people.filter((a) => (JSON.parse(a.choices) as { unit: string }[])[0]!.unit === 'TKS');
    const unit = await get(`?unit=TKS&reason=${encodeURIComponent('塘坎上小学报名点发放')}`);
    expect(unit.statusCode).toBe(200);
    const after = await t.office.store.repos.privacy.accessLog({ eventId: EVENT, limit: 50 });
    expect(after.slice(0, 2).map((e) => [e.actor, e.what, e.families, e.reason, e.details])).toEqual([
      ['operator:the-operator', 'document.receipts', firsts.length, '塘坎上小学报名点发放', { unit: 'TKS', regNo: null }],
      ['operator:the-operator', 'document.receipts', 1, '家长补领回执', { unit: null, regNo: reg }],
    ]);
  });

  it('needs a staff session', async () => {
    expect((await get(`?reason=${encodeURIComponent('家长补领回执')}`, {})).statusCode).toBe(401);
  });
});

describe('fairdraw document receipts', () => {
  it('writes one unit’s receipts with the notice', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const file = join(t.dataDir, 'receipts-TML.pdf');
    const code = await main(['document', 'receipts', '--event', EVENT, '--unit', 'TML', '--out', file, '--data', t.dataDir], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('报名回执（附个人信息告知书）已写入');
    const text = compact(pdfText(file));
    expect(text).toContain('报名回执');
    expect(text).toContain('个人信息告知书');
  });
});

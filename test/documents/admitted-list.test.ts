/**
 * 录取名单 per school, read back with poppler: the current admitted and waitlist by 报名号 and
 * masked name, before and after a decline passes a seat down the waitlist, with the hashes and date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { admittedListPdf } from '../../src/office/documents/admitted-list.js';
import type { StoredRecord } from '../../src/office/documents/drawn-event.js';
import { changeOffer } from '../../src/office/offers.js';
import { maskName } from '../../src/office/masking.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { EVENT, drawnEvent, keepArtifact, pdfText, poppler, type Drawn } from './drawn.js';

let t: Drawn;
let people: ApplicantRow[];
let record: StoredRecord;
let recordSha: string;

beforeAll(async () => {
  t = await drawnEvent({ results: true });
  people = await t.office.store.repos.applicants.listByEvent(EVENT);
  const draw = (await t.office.store.repos.draws.official(EVENT))!;
  record = JSON.parse(draw.record_text) as StoredRecord;
  recordSha = draw.record_sha256;
});
afterAll(async () => {
  await t.office.close();
});

/** The text in reading order without white space, cut into the list's three sections. */
function read(name: string, pdf: Uint8Array): { all: string; admitted: string; waitlist: string; history: string; pages: number } {
  const kept = keepArtifact(name, pdf);
  const all = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', kept.pdf, '-']).replace(/\s+/g, '');
  const a = all.indexOf('一、当前录取名单');
  const w = all.indexOf('二、当前候补名单');
  const h = all.indexOf('三、摇号后的变动');
  const v = all.indexOf('四、核验信息');
  expect([a, w, h, v].every((i) => i >= 0)).toBe(true);
  expect(a < w && w < h && h < v).toBe(true);
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [kept.pdf]))![1]);
  return { all, admitted: all.slice(a, w), waitlist: all.slice(w, h), history: all.slice(h, v), pages };
}

const masked = (reg: string): string => maskName(people.find((p) => p.reg_no === reg)!.name);

describe('录取名单 (admitted list per school)', () => {
  it('lists the admitted and the waitlist of one school by 报名号 and masked name, with the hashes', async () => {
    const unit = record.units[0]!;
    const doc = read('admitted-TML', await admittedListPdf(t.office, EVENT, unit.id));
    expect(doc.all).toContain('檀木林小学（TML）录取名单');
    expect(doc.all).not.toContain('塘坎上小学（TKS）录取名单');
    for (const reg of unit.admitted) expect(doc.admitted).toContain(`${reg}${masked(reg)}摇号录取`);
    for (const [i, reg] of unit.waitlist.entries()) expect(doc.waitlist).toContain(`${i + 1}${reg}${masked(reg)}第${i + 1}位`);
    for (const reg of unit.waitlist) expect(doc.admitted).not.toContain(reg);
    expect(doc.history).toContain('摇号后没有放弃或撤销的学位');
    expect(doc.all).toContain(record.listRoot);
    expect(doc.all).toContain(recordSha);
    expect(doc.all).toContain(`当前录取${unit.admitted.length}人`);
    for (const a of people) {
      expect(doc.all).not.toContain(a.name);
      expect(doc.all).not.toContain(a.id_number);
    }
  });

  it('prints every school on its own pages when no unit is named', async () => {
    const doc = read('admitted-all', await admittedListPdf(t.office, EVENT));
    for (const u of record.units) expect(doc.all).toContain(`（${u.id}）录取名单`);
    expect(doc.pages).toBeGreaterThanOrEqual(record.units.length);
  });

  it('after a decline, shows who was promoted as admitted and no longer waiting, and the decline beside', async () => {
    const unit = record.units[1]!;
    const declined = unit.admitted[0]!;
    const changes = await changeOffer(t.office, EVENT, declined, 'decline', '已选择民办学校', 'operator');
    const promoted = changes.filter((c) => c.status === 'offered' && c.unit === unit.id).map((c) => c.regNo);
    expect(promoted.length).toBeGreaterThan(0);
    const doc = read('admitted-TKS-after-decline', await admittedListPdf(t.office, EVENT, unit.id));
    expect(doc.admitted).not.toContain(declined);
    expect(doc.history).toContain(`${declined}${masked(declined)}放弃摇号录取`);
    // Reasons stay in the office.
    expect(doc.all).not.toContain('已选择民办学校');
    for (const reg of promoted) {
      const place = unit.waitlist.indexOf(reg) + 1;
      expect(doc.admitted).toContain(`${reg}${masked(reg)}候补递补（原候补第${place}位）`);
      expect(doc.waitlist).not.toContain(reg);
    }
    const admittedNow = unit.admitted.length - 1 + promoted.length;
    expect(doc.all).toContain(`当前录取${admittedNow}人（其中候补递补${promoted.length}人`);
    // The rest of the waitlist keeps its order, numbered afresh.
    const waiting = unit.waitlist.filter((r) => !promoted.includes(r));
    for (const [i, reg] of waiting.entries()) expect(doc.waitlist).toContain(`${i + 1}${reg}${masked(reg)}`);
  });

  it('refuses an unknown unit and an event not yet drawn', async () => {
    await expect(admittedListPdf(t.office, EVENT, 'XYZ')).rejects.toMatchObject({ code: 'document.no-unit' });
    await expect(admittedListPdf(t.office, 'nope')).rejects.toMatchObject({ code: 'event.missing' });
  });
});

describe('from the console and the command line', () => {
  it('is served to staff per unit, with no reason asked, and refused to anyone else', async () => {
    await createAccount(t.office, { username: 'sup', role: 'supervisor', password: 'Lantern-harbour-quiet-41' });
    const app = await buildServer({ office: t.office });
    await app.ready();
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'sup', password: 'Lantern-harbour-quiet-41' },
      });
      const c = login.cookies.find((x) => x.name === 'fairdraw_session')!;
      const r = await app.inject({
        method: 'GET',
        url: `/api/events/${EVENT}/documents/admitted.pdf?unit=TML`,
        headers: { cookie: `${c.name}=${c.value}` },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toContain(encodeURIComponent('TML-录取名单.pdf'));
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const bad = await app.inject({
        method: 'GET',
        url: `/api/events/${EVENT}/documents/admitted.pdf?unit=XYZ`,
        headers: { cookie: `${c.name}=${c.value}` },
      });
      expect(bad.statusCode).toBe(400);
      const anon = await app.inject({ method: 'GET', url: `/api/events/${EVENT}/documents/admitted.pdf` });
      expect(anon.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('is written by `fairdraw document admitted`', async () => {
    const out = join(t.dataDir, 'admitted-TML.pdf');
    const lines: string[] = [];
    const code = await main(['document', 'admitted', '--event', EVENT, '--unit', 'TML', '--out', out, '--data', t.dataDir], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('录取名单');
    expect(pdfText(out).replace(/\s+/g, '')).toContain('檀木林小学（TML）录取名单');
  });
});

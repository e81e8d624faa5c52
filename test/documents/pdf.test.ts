/**
 * The printed documents of a drawn event, read back with poppler: the text a reader sees, the
 * embedded fonts, and a PNG of every page kept under test-artifacts/documents/ for a human look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announcementPdf } from '../../src/office/documents/announcement.js';
import { ceremonyRecordPdf } from '../../src/office/documents/ceremony.js';
import { applicantNoticePdf, noticesPdf, recipientsByUnit } from '../../src/office/documents/notice.js';
import { loadDrawnEvent, type StoredRecord } from '../../src/office/documents/drawn-event.js';
import { resolveFonts } from '../../src/office/documents/fonts.js';
import { logAction } from '../../src/office/audit-trail.js';
import { maskName } from '../../src/office/masking.js';
import { FairDrawError } from '../../src/core/errors.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { BASE_URL, EVENT, TITLE, drawnEvent, keepArtifact, pdfText, poppler, type Drawn } from './drawn.js';

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

/** Keeps the PDF and its PNG pages; returns the text (reading order) and the layout text. */
function read(name: string, pdf: Uint8Array): { text: string; compact: string; layout: string; path: string; pngs: string[] } {
  const kept = keepArtifact(name, pdf);
  for (const png of kept.pngs) {
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5_000);
  }
  const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', kept.pdf, '-']);
  return { text, compact: text.replace(/\s+/g, ''), layout: pdfText(kept.pdf), path: kept.pdf, pngs: kept.pngs };
}

/** Every font is embedded as a CID font (Type 0 with CFF or TrueType outlines), never Type 3. */
function expectCidFonts(path: string): string[] {
  const lines = poppler('pdffonts', [path]).trim().split('\n').slice(2);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).not.toMatch(/Type 3/);
    expect(line).toMatch(/CID (Type 0C|TrueType)\s+Identity-H\s+yes\s+yes\s+yes/);
  }
  return lines.map((l) => l.split(/\s+/)[0]!);
}

function pages(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))![1]);
}

/** Raster images on the pages (a PNG's alpha channel is listed as an smask and not counted). */
function images(path: string): number {
  return poppler('pdfimages', ['-list', path])
    .trim()
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}

describe('摇号结果公告 (announcement)', () => {
  let pdf: Uint8Array;
  let doc: ReturnType<typeof read>;
  beforeAll(async () => {
    pdf = await announcementPdf(t.office, EVENT, { baseUrl: BASE_URL });
    doc = read('announcement', pdf);
  });

  it('names the event, the units, the rules and every hash', () => {
    for (const s of [
      TITLE,
      '摇号结果公示',
      '檀木林小学',
      '塘坎上小学',
      '平行志愿',
      '单一随机号',
      '多胞胎',
      '类别 1 优先',
      '公平性自检',
      '特此公示',
    ]) {
      expect(doc.compact).toContain(s.replace(/\s+/g, ''));
    }
    for (const h of [record.paramsSha256, record.listRoot, record.sourcesSha256, record.seed, recordSha]) expect(doc.compact).toContain(h);
    expect(doc.compact).toContain(`${BASE_URL}/portal/${EVENT}`);
    expect(doc.text).toMatch(/第 1 页 共 \d+ 页/);
    expect(images(doc.path)).toBe(0); // the QR code is drawn as vector squares
  });

  it('lists every admitted and waitlisted applicant by 报名号 and masked name', () => {
    const byReg = new Map(people.map((a) => [a.reg_no, a]));
    for (const u of record.units) {
      for (const reg of [...u.admitted, ...u.waitlist]) {
        // Cells are drawn 序号, 报名号, 姓名: in reading order the masked name follows the number.
        expect(doc.compact).toContain(`${reg}${maskName(byReg.get(reg)!.name)}`);
      }
    }
  });

  it('never prints a full name, an ID number, a guardian or a phone number', () => {
    for (const a of people) {
      for (const secret of [a.name, a.id_number, a.guardian, a.phone]) {
        expect(doc.text).not.toContain(secret);
        expect(doc.compact).not.toContain(secret);
        expect(doc.layout).not.toContain(secret);
      }
    }
  });

  it('embeds CID fonts, not Type 3', () => {
    expect(expectCidFonts(doc.path).some((f) => f.endsWith('NotoSerifCJKsc-Regular'))).toBe(true);
  });

  it('is the same bytes every time, dated by the office clock', async () => {
    const again = await announcementPdf(t.office, EVENT, { baseUrl: BASE_URL });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const stamp = t.clock.now().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expect(Buffer.from(pdf).toString('latin1')).toContain(`(D:${stamp}Z)`);
  });

  it('refuses an unusable base address and an event that has not been drawn', async () => {
    for (const bad of ['yaohao.example.gov.cn', 'ftp://x.cn', 'https://x.cn/?q=1']) {
      await expect(announcementPdf(t.office, EVENT, { baseUrl: bad })).rejects.toMatchObject({ code: 'document.base-url' });
    }
    const e = await announcementPdf(t.office, 'nope', { baseUrl: BASE_URL }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FairDrawError);
    expect((e as FairDrawError).code).toBe('event.missing');
  });
});

describe('摇号现场记录 (ceremony record)', () => {
  it('records time, place, sources, timeline, hashes and signatures, with blank lines for the witnesses', async () => {
    const doc = read('ceremony', await ceremonyRecordPdf(t.office, EVENT, { place: '自流井区教育局三楼会议室' }));
    for (const s of [
      '摇号现场记录',
      '自流井区教育局三楼会议室',
      '系统中未逐一登记到场人员',
      '公证员',
      '监督员',
      '经办人（操作员）',
      '家长代表',
      '盖章处',
      '正式摇号',
      '冻结名单',
      '现场见证人“家长代表”',
      '418305',
      '3,6,1,5,2,4',
      '审计日志核验通过',
    ]) {
      expect(doc.compact).toContain(s);
    }
    for (const h of [record.seed, recordSha, record.sourcesSha256, record.listRoot]) expect(doc.compact).toContain(h);
    const checkpoints = await t.office.store.repos.audit.checkpoints(EVENT);
    for (const c of checkpoints) for (const s of c.signatures) expect(doc.compact).toContain(s.signature);
    expect(doc.compact).toContain(await t.office.keys.publicKey());
    for (const a of people) expect(doc.compact).not.toContain(a.name);
    expectCidFonts(doc.path);
  });

  it('lists the witnesses the log registered', async () => {
    await t.office.store.tx(async (repos) => {
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.witness', { name: '李公正', role: '公证员' });
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.witness', { name: '周监督', role: '监督员' });
    });
    const doc = read('ceremony-witnesses', await ceremonyRecordPdf(t.office, EVENT, { time: '2026-06-09T10:00' }));
    // The log names people masked; the record prints what the log holds.
    expect(doc.compact).toContain('李*正');
    expect(doc.compact).toContain('周*督');
    expect(doc.compact).not.toContain('李公正');
    expect(doc.compact).toContain('登记到场人员');
    expect(doc.compact).toContain('2026-06-0910:00');
    expect(doc.compact).not.toContain('系统中未逐一登记到场人员');
  });
});

describe('录取通知书 / 未录取及候补告知书 (notices)', () => {
  it('tells an admitted family the school, with the full name, 报名号, ticket and their own page', async () => {
    const reg = record.units[0]!.admitted[0]!;
    const a = people.find((p) => p.reg_no === reg)!;
    const doc = read('notice-admitted', await applicantNoticePdf(t.office, EVENT, reg, { baseUrl: BASE_URL }));
    for (const s of [
      '录取通知书',
      a.name,
      `${a.guardian}（${a.name}同学家长）`,
      reg,
      '檀木林小学',
      `${BASE_URL}/portal/${EVENT}/applicant/${reg}`,
    ]) {
      expect(doc.compact).toContain(s);
    }
    expect(doc.compact).toContain(record.applicants.find((x) => x.id === reg)!.tickets.TML!);
    expect(doc.compact).not.toContain(a.id_number);
    expect(pages(doc.path)).toBe(1);
    expect(images(doc.path)).toBe(0);
    expectCidFonts(doc.path);
  });

  it('tells a waitlisted family its place on the waitlist', async () => {
    const unit = record.units[1]!;
    const reg = unit.waitlist[0]!;
    const a = people.find((p) => p.reg_no === reg)!;
    const doc = read('notice-waitlist', await applicantNoticePdf(t.office, EVENT, reg, { baseUrl: BASE_URL }));
    for (const s of ['未录取及候补告知书', a.name, reg, '塘坎上小学', '候补', '第1位']) expect(doc.compact).toContain(s);
    expect(doc.compact).not.toContain('录取通知书');
  });

  it('prints one page per family for a unit, every family of the event exactly once over all units', async () => {
    const d = await loadDrawnEvent(t.office, EVENT, { zh: '', en: '' });
    const offers = await t.office.store.repos.offers.listByEvent(EVENT);
    const seen: string[] = [];
    const byUnit = recipientsByUnit(d, people, offers);
    for (const u of record.units) {
      const recipients = byUnit.get(u.id)!;
      seen.push(...recipients.map((r) => r.applicant.reg_no));
      expect(recipients.slice(0, u.admitted.length).map((r) => r.applicant.reg_no)).toEqual(u.admitted);
    }
    expect(seen.sort()).toEqual(people.map((p) => p.reg_no).sort());

    const recipients = byUnit.get('TML')!;
    const doc = read('notices-TML', await noticesPdf(t.office, EVENT, 'TML', { baseUrl: BASE_URL }));
    expect(pages(doc.path)).toBe(recipients.length);
    for (const r of recipients) {
      expect(doc.compact).toContain(r.applicant.name);
      expect(doc.compact).toContain(r.applicant.reg_no);
    }
    // Each letter is numbered on its own.
    expect(doc.text.split('第 1 页 共 1 页').length - 1).toBe(recipients.length);
    expect(doc.text).not.toContain('第 2 页');
    expect(doc.compact.split('录取通知书').length - 1).toBe(record.units[0]!.admitted.length);
  });

  it('refuses an unknown 报名号 or unit', async () => {
    await expect(applicantNoticePdf(t.office, EVENT, 'NOSUCHREG1', { baseUrl: BASE_URL })).rejects.toMatchObject({
      code: 'document.no-applicant',
    });
    await expect(noticesPdf(t.office, EVENT, 'XYZ', { baseUrl: BASE_URL })).rejects.toMatchObject({ code: 'document.no-unit' });
  });

  it('stops a batch written to a file that cannot be written, before laying out every letter', async () => {
    let done = 0;
    const file = join(tmpdir(), `fairdraw-no-such-folder-${process.pid}`, 'notices.pdf');
    await expect(noticesPdf(t.office, EVENT, undefined, { baseUrl: BASE_URL, file, onProgress: (n) => (done = n) })).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(done).toBeLessThanOrEqual(50);
    expect(existsSync(file)).toBe(false);
  });
});

describe('fonts', () => {
  it('uses the font named by FAIRDRAW_CJK_FONT for everything', async () => {
    const fonts = resolveFonts({ FAIRDRAW_CJK_FONT: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' });
    expect(fonts.body).toEqual({ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' });
    const reg = record.units[0]!.admitted[1]!;
    const doc = read('notice-sans', await applicantNoticePdf(t.office, EVENT, reg, { baseUrl: BASE_URL, fonts }));
    const used = expectCidFonts(doc.path);
    expect(new Set(used.map((f) => f.replace(/^[A-Z]{6}\+/, '')))).toEqual(new Set(['NotoSansCJKsc-Regular']));
  });

  it('says how to fix a missing font', () => {
    expect(() => resolveFonts({ FAIRDRAW_CJK_FONT: '/nonexistent/font.otf' })).toThrow(/FAIRDRAW_CJK_FONT/);
    expect(() => resolveFonts({}, '/nonexistent')).toThrow(/fonts-noto-cjk/);
    expect(() => resolveFonts({ FAIRDRAW_CJK_FONT: '/usr/share/fonts/x/Other.ttc' })).toThrow(/PostScriptName/);
  });
});

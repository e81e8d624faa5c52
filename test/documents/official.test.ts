/**
 * The official-file fields of issue 16, read back from the PDFs with poppler (pdftotext for the
 * words, pdftoppm for a PNG of every page kept in test-artifacts/documents/), the settings that
 * feed them, and the console's routes that serve them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { announcementPdf } from '../../src/office/documents/announcement.js';
import { ceremonyRecordPdf } from '../../src/office/documents/ceremony.js';
import { applicantNoticePdf, mailingAddress, noticesPdf } from '../../src/office/documents/notice.js';
import { SETTING_FIELDS, checkSetting, documentSettings, updateDocumentSettings } from '../../src/office/documents/settings.js';
import { looksLikePhone } from '../../src/office/documents/phone.js';
import type { StoredRecord } from '../../src/office/documents/drawn-event.js';
import { logAction } from '../../src/office/audit-trail.js';
import { ACTION_ZH } from '../../src/office/documents/facts.js';
import { changeOffer } from '../../src/office/offers.js';
import { FairDrawError } from '../../src/core/errors.js';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { refusal } from '../office/harness.js';
import { EVENT, MEETING_PLACE, ROSTER, SETTINGS, drawnEvent, keepArtifact, poppler, type Drawn } from './drawn.js';

let t: Drawn;
let people: ApplicantRow[];
let record: StoredRecord;

beforeAll(async () => {
  t = await drawnEvent({ results: true, settings: false, roster: true });
  people = await t.office.store.repos.applicants.listByEvent(EVENT);
  record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
});
afterAll(async () => {
  await t.office.close();
});

/** Keeps the PDF and PNGs; returns the text of each page (pdftotext, reading order). */
function pagesOf(name: string, pdf: Uint8Array): string[] {
  const kept = keepArtifact(name, pdf);
  return poppler('pdftotext', ['-raw', '-enc', 'UTF-8', kept.pdf, '-']).split('\f').slice(0, kept.pngs.length);
}

const compact = (s: string): string => s.replace(/\s+/g, '');

/** No line may begin with closing punctuation (禁则). */
function expectNoBadLineStarts(pages: readonly string[]): void {
  for (const p of pages) for (const line of p.split('\n')) expect(line.trimStart()).not.toMatch(/^[，。、；：？！）》」』”’]/);
}

describe('document settings (文书信息)', () => {
  it('refuses each document until its settings are entered, naming every missing one in both languages', async () => {
    const e = await refusal(announcementPdf(t.office, EVENT));
    expect(e.code).toBe('document.settings-missing');
    for (const s of ['发布单位（issuer）', '文号（docNumber）', '公示开始日期', '异议投诉电话', '公证处']) expect(e.zh).toContain(s);
    expect(e.en).toContain('issuing body (issuer)');
    expect(e.where.field).toContain('docNumber');
    const c = await refusal(ceremonyRecordPdf(t.office, EVENT));
    expect(c.zh).toContain('公证词（notaryStatement）');
    const n = await refusal(noticesPdf(t.office, EVENT, undefined));
    expect(n.zh).toContain('报到地点（reportPlace）');
  });

  it('checks every value and stores nothing when one is wrong', async () => {
    for (const [key, bad] of [
      ['objectionPhone', '请打电话'],
      ['noticeFrom', '2026-02-30'],
      ['confirmBy', '明天'],
      ['copies', '0'],
      ['publicUrl', 'ftp://x.cn'],
      ['issuer', '甲\n乙'],
      ['nope', 'x'],
    ] as const) {
      const e = await refusal(updateDocumentSettings(t.office, EVENT, { issuer: '某区教育局', [key]: bad }, 'operator'));
      expect(e).toBeInstanceOf(FairDrawError);
      expect(e.where.field).toBe(key);
    }
    expect(await documentSettings(t.office, EVENT)).toEqual({});
    await expect(
      updateDocumentSettings(t.office, EVENT, { noticeFrom: '2026-06-10', noticeTo: '2026-06-01' }, 'operator'),
    ).rejects.toMatchObject({ code: 'settings.invalid' });
  });

  it('stores, logs, and clears with an empty value', async () => {
    await updateDocumentSettings(t.office, EVENT, SETTINGS, 'operator');
    expect(await documentSettings(t.office, EVENT)).toMatchObject({ issuer: SETTINGS.issuer, copies: '3' });
    const log = await t.office.store.repos.audit.list(EVENT);
    expect(log.at(-1)!.action).toBe('event.settings');
    await updateDocumentSettings(t.office, EVENT, { attendees: '' }, 'operator');
    expect((await documentSettings(t.office, EVENT)).attendees).toBeUndefined();
    await updateDocumentSettings(t.office, EVENT, { attendees: SETTINGS.attendees! }, 'operator');
    expect(SETTING_FIELDS.every((f) => f.example.length > 0)).toBe(true);
  });

  it('tells a phone number from text', () => {
    for (const ok of ['13800000000', '138 0000 0000', '+86 13800000000', '0813-2201234', '(0813)2201234', '2201234', '400-123-4567']) {
      expect(looksLikePhone(ok)).toBe(true);
    }
    for (const bad of ['=1+2', '请打电话', '12345', '1380000000', '23800000000', '@cmd']) expect(looksLikePhone(bad)).toBe(false);
    expect(checkSetting('contactPhone', ' 0813-2205678 ')).toBe('0813-2205678');
  });
});

describe('摇号结果公示', () => {
  let pages: string[];
  beforeAll(async () => {
    pages = pagesOf('official-announcement', await announcementPdf(t.office, EVENT));
  });

  it('carries issuer, 文号, publication date, policy basis, the draw, the 公示 period and where to object', () => {
    const all = compact(pages.join(''));
    for (const s of [
      SETTINGS.issuer!,
      SETTINGS.docNumber!,
      '2020年8月12日', // publishedOn, not the draw time
      SETTINGS.policyBasis!,
      SETTINGS.policyDocNumber!,
      MEETING_PLACE,
      '2026年6月9日18:30', // the meeting's time as the ceremony recorded it (10:30 UTC), not the settings' drawTime
      SETTINGS.notaryOffice!,
      '公示期为2020年8月12日至2020年8月18日（共7天）',
      SETTINGS.objectionPhone!,
      compact(SETTINGS.objectionAddress!),
      '规则文件哈希',
      'paramsSha256',
      '每人每校只计一次',
    ]) {
      expect(all).toContain(compact(s));
    }
  });

  it('prints the meeting as the ceremony recorded it, never the settings’ fallback place and time', () => {
    const all = compact(pages.join(''));
    expect(all).toContain(`于2026年6月9日18:30（北京时间）在${MEETING_PLACE}公开进行`);
    expect(SETTINGS.drawPlace).not.toBe(MEETING_PLACE);
    expect(all).not.toContain(compact(SETTINGS.drawPlace!));
    // drawTime is 2026-06-09T09:30: in any of the forms a date and time are printed.
    for (const form of ['09:30', '9:30', '9时30分', '2026-06-09T09:30', '2026-06-09 09:30']) expect(all).not.toContain(form);
  });

  it('keeps the witnesses’ names masked: the roster’s full names are for the internal record only', () => {
    const all = compact(pages.join(''));
    for (const name of ROSTER) expect(all).not.toContain(name);
  });

  it('numbers its pages and never starts a line with closing punctuation', () => {
    pages.forEach((p, i) => expect(p).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`));
    expectNoBadLineStarts(pages);
  });

  it('never starts a page with a list whose caption stayed on the page before', () => {
    for (const p of pages.slice(1)) {
      const body = compact(p)
        .replace(compact(SETTINGS.issuer!), '')
        .replace(/^摇号结果公示/, '');
      expect(body).not.toMatch(/^(序号|候补)报名号姓名/);
    }
  });
});

describe('a table continued on a new page', () => {
  it('repeats its caption, marked 续, above the repeated header', async () => {
    const { Sheet } = await import('../../src/office/documents/sheet.js');
    const sheet = new Sheet({ title: '续表', createdAt: t.clock.now() });
    sheet.table(
      [
        { header: '序号', width: 1 },
        { header: '报名号', width: 2 },
      ],
      Array.from({ length: 120 }, (_, i) => [String(i + 1), `R${i}`]),
      { continued: '檀木林小学（TML）录取名单（续）' },
    );
    const pages = pagesOf('table-continued', await sheet.finish());
    expect(pages.length).toBeGreaterThan(1);
    expect(compact(pages[0]!)).not.toContain('（续）');
    for (const p of pages.slice(1)) expect(compact(p)).toMatch(/^檀木林小学（TML）录取名单（续）序号报名号/);
  });
});

describe('摇号现场记录', () => {
  it('prints place and time as recorded, witnesses beside values, commitments, recording hash, notary text, signatures and copies', async () => {
    const recording = 'cd'.repeat(32);
    await t.office.store.tx(async (repos) => {
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.witness', { name: '王公证', role: '公证员' });
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.witness', { name: '陈代表', role: '人大代表' });
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.witness', { name: '刘家长', role: '家长代表' });
      await logAction(repos, t.office, EVENT, 'operator', 'ceremony.recording', {
        fileName: '现场录像.mp4',
        sha256: recording,
        size: 123456,
      });
    });
    // The commitments the witnesses sealed in the ceremony (drawnEvent runs it), as the log holds them.
    const commitments = (await t.office.store.repos.audit.list(EVENT))
      .filter((e) => e.action === 'ceremony.commit')
      .map((e) => (e.details as { commitment: string }).commitment);
    expect(commitments).toHaveLength(2);
    const pages = pagesOf('official-ceremony', await ceremonyRecordPdf(t.office, EVENT));
    const all = compact(pages.join(''));
    for (const s of [
      MEETING_PLACE,
      ...commitments,
      recording,
      '现场录像.mp4',
      SETTINGS.notaryCertNo!,
      compact(SETTINGS.notaryStatement!),
      '一式3份',
      // Names come from the log, where people stand masked.
      '王*证',
      '陈*表',
      '刘*长',
      '经办人（操作员）operator',
      '监督员（人大代表）陈*表',
      '家长代表刘*长',
      '见证人提交密封值（承诺）',
      '登记录音录像文件哈希',
      '填写文书信息',
    ]) {
      expect(all).toContain(compact(s));
    }
    // Each revealed value stands beside the witness who sealed it on their own phone: the full name
    // from the roster (this record is internal), then the slot.
    expect(all).toContain(`${ROSTER[1]}公证员（本人手机录入）3,6,1,5,2,4`);
    expect(all).toContain(`${ROSTER[0]}家长代表（本人手机录入）418305`);
    // The log, which is published, holds the roster masked; the full names are nowhere in it.
    const log = await t.office.store.repos.audit.list(EVENT);
    const roster = log.find((e) => e.action === 'ceremony.roster');
    expect(JSON.stringify(roster?.details)).toContain('刘*华');
    expect(JSON.stringify(roster?.details)).toContain('王*芬');
    for (const name of ROSTER) expect(JSON.stringify(log)).not.toContain(name);
    // No raw entry codes: every action is described in Chinese.
    for (const code of Object.keys(ACTION_ZH)) expect(all).not.toContain(code);
    pages.forEach((p, i) => expect(p).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`));
    expectNoBadLineStarts(pages);
  });
});

describe('family notices', () => {
  it('numbers each letter on its own, tells the family what to do by when, and explains 类别', async () => {
    const pages = pagesOf('official-notices-all', await noticesPdf(t.office, EVENT, undefined));
    expect(pages).toHaveLength(people.length);
    for (const p of pages) {
      expect(p).toContain('第 1 页 共 1 页');
      expect(compact(p)).toContain('第1类优先于第2类');
      expect(compact(p)).toContain(compact(SETTINGS.contactPhone!));
    }
    const admitted = pages.filter((p) => compact(p).includes('录取通知书'));
    expect(admitted.length).toBe(60);
    for (const p of admitted) {
      for (const s of ['2020年8月20日17:00前', SETTINGS.reportPlace!, SETTINGS.reportDocuments!, '2020年8月28日'])
        expect(compact(p)).toContain(compact(s));
    }
    expectNoBadLineStarts(pages);
  });

  it('tells no family on no waitlist about 递补, and gives a declined family a letter whose title and table agree', async () => {
    const onNoList = people.find((a) => !record.units.some((u) => u.admitted.includes(a.reg_no) || u.waitlist.includes(a.reg_no)));
    if (onNoList) {
      const text = compact(pagesOf('official-notice-none', await applicantNoticePdf(t.office, EVENT, onNoList.reg_no)).join(''));
      expect(text).not.toContain('递补');
    }
    const reg = record.units[1]!.admitted[0]!;
    await changeOffer(t.office, EVENT, reg, 'decline', '已在外区入学', 'operator');
    const text = compact(pagesOf('official-notice-declined', await applicantNoticePdf(t.office, EVENT, reg)).join(''));
    expect(text).toContain('放弃学位确认通知书');
    expect(text).toContain('已放弃');
    expect(text).not.toContain('录取通知书');
    expect(text).not.toMatch(/塘坎上小学（TKS）第1类录取/);
  });

  it('puts the guardian and the mailing address where a window envelope shows them', async () => {
    const a = people.find((p) => record.units[0]!.admitted.includes(p.reg_no))!;
    const text = compact(pagesOf('official-notice-admitted', await applicantNoticePdf(t.office, EVENT, a.reg_no)).join(''));
    expect(text).toContain(`${a.guardian}收`);
    expect(mailingAddress({ ...a, extra: JSON.stringify({ 家庭住址: '自流井区汇东路 1 号', 邮编: '643000' }) })).toEqual({
      address: '自流井区汇东路 1 号',
      postcode: '643000',
    });
    expect(mailingAddress({ ...a, extra: '{}' })).toEqual({ address: undefined, postcode: undefined });
  });
});

describe('the console routes', () => {
  let app: FastifyInstance;
  let cookie: string;
  let csrf: string;
  beforeAll(async () => {
    await createAccount(t.office, { username: 'op', role: 'operator', password: 'Lantern-harbour-quiet-41' });
    app = await buildServer({ office: t.office });
    await app.ready();
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'op', password: 'Lantern-harbour-quiet-41' },
    });
    const c = r.cookies.find((x) => x.name === 'fairdraw_session')!;
    cookie = `${c.name}=${c.value}`;
    csrf = (r.json() as { csrf: string }).csrf;
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads and changes the settings, refusing a bad value with its field', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/events/${EVENT}/settings`, headers: { cookie } });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { fields: { key: string; value: string | null }[]; required: Record<string, string[]> };
    expect(body.fields.find((f) => f.key === 'issuer')!.value).toBe(SETTINGS.issuer);
    expect(body.required.announcement).toContain('docNumber');
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/events/${EVENT}/settings`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { settings: { contactPhone: '没有电话' } },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { where: { field: string } } }).error.where.field).toBe('contactPhone');
    const ok = await app.inject({
      method: 'PUT',
      url: `/api/events/${EVENT}/settings`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { settings: { contactPhone: '0813-2209999' } },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('serves every document to staff', async () => {
    for (const [file, type] of [
      ['announcement.pdf', 'application/pdf'],
      ['ceremony.pdf', 'application/pdf'],
      [`notices.pdf?unit=TML&reason=${encodeURIComponent('寄送录取通知')}`, 'application/pdf'],
      [`notice.pdf?reg=${record.units[0]!.admitted[1]}&reason=${encodeURIComponent('家长补领通知书')}`, 'application/pdf'],
      [`workbook.xlsx?reason=${encodeURIComponent('区局存档核对')}`, 'spreadsheetml'],
    ]) {
      const r = await app.inject({ method: 'GET', url: `/api/events/${EVENT}/documents/${file}`, headers: { cookie } });
      expect(r.statusCode, file).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(r.rawPayload.length).toBeGreaterThan(1000);
    }
    const anon = await app.inject({ method: 'GET', url: `/api/events/${EVENT}/documents/announcement.pdf` });
    expect(anon.statusCode).toBe(401);
  });
});

/** 个人信息告知书: made from the event's privacy and document settings, holding no personal data (real SQLite). */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { siteFiles } from '../../src/office/public/site.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { pdfText } from '../documents/drawn.js';
import { buildServer } from '../../src/server/app.js';
import { demoEvent, EVENT, type Stage } from '../portal/fixture.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { updateDocumentSettings } from '../../src/office/documents/settings.js';
import { privacyNotice } from '../../src/office/privacy/notice.js';
import { privacySettingsOf, updatePrivacySettings } from '../../src/office/privacy/settings.js';
import { sample, testOffice } from '../office/harness.js';
import { createSeedCase } from '../office/seed-case.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

async function seedCase(): Promise<T> {
  const t = await testOffice();
  open.push(t);
  await createSeedCase(t.office);
  return t;
}

describe('the privacy notice', () => {
  it('lists name, sex and ID-card number always, and exactly the optional columns the event chose', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: ['phone', 'address'] }, 'admin');
    const n = await privacyNotice(office, 'zlj2020');
    expect(n.collected.map((c) => c.column)).toEqual(['name', 'sex', 'idNumber', 'phone', 'address', 'choices']);
    expect(n.collected.map((c) => c.name.zh)).toEqual(['儿童姓名', '性别', '身份证号', '联系电话', '家庭住址', '志愿、类别、多胞胎组']);
    for (const c of n.collected) {
      expect(c.why.zh.length).toBeGreaterThan(4);
      expect(c.why.en.length).toBeGreaterThan(4);
    }
    await updatePrivacySettings(office, 'zlj2020', { columns: [] }, 'admin');
    const none = await privacyNotice(office, 'zlj2020');
    expect(none.collected.map((c) => c.column)).toEqual(['name', 'sex', 'idNumber', 'choices']);
  });

  it('an event that never chose lists what the import has always taken: birth date, guardian, phone', async () => {
    const { office } = await seedCase();
    const n = await privacyNotice(office, 'zlj2020');
    expect(n.collected.map((c) => c.column)).toEqual(['name', 'sex', 'idNumber', 'birthDate', 'guardian', 'phone', 'choices']);
  });

  it('says who sees it: staff by role, the public only registration numbers and masked names', async () => {
    const { office } = await seedCase();
    const n = await privacyNotice(office, 'zlj2020');
    const zh = n.access.map((a) => a.zh).join('\n');
    expect(zh).toContain('操作员');
    expect(zh).toContain('监督员');
    expect(zh).toContain('管理员');
    expect(zh).toContain('只能看到报名号和遮挡后的姓名');
    expect(n.access.map((a) => a.en).join('\n')).toContain('registration numbers and masked names');
  });

  it('gives the retention date when set, and 由教育局确定 when not', async () => {
    const { office } = await seedCase();
    const before = await privacyNotice(office, 'zlj2020');
    expect(before.retention.until).toBeNull();
    expect(before.retention.text.zh).toContain('保存期限由教育局确定');
    await updatePrivacySettings(office, 'zlj2020', { retainUntil: '2026-09-30' }, 'admin');
    const after = await privacyNotice(office, 'zlj2020');
    expect(after.retention.until).toBe('2026-09-30');
    expect(after.retention.text.zh).toContain('保存至2026年9月30日');
    expect(after.retention.text.en).toContain('2026-09-30');
    expect(after.retention.text.zh).not.toContain('由教育局确定');
  });

  it('names the issuer and the contacts set, and leaves out the ones not set (never blank)', async () => {
    const { office } = await seedCase();
    const bare = await privacyNotice(office, 'zlj2020');
    expect(bare.issuer).toBeNull();
    expect(bare.contacts).toEqual([]);
    expect(bare.intro.zh).toContain('教育局需要收集');
    await updateDocumentSettings(
      office,
      'zlj2020',
      { issuer: '自贡市自流井区教育和体育局', objectionPhone: '0813-2201234', objectionAddress: '汇东路 100 号 305 室' },
      'admin',
    );
    const n = await privacyNotice(office, 'zlj2020');
    expect(n.issuer).toBe('自贡市自流井区教育和体育局');
    expect(n.intro.zh).toContain('自贡市自流井区教育和体育局需要收集');
    expect(n.contacts).toEqual([
      { key: 'objectionPhone', label: { zh: '异议投诉电话', en: 'objections and complaints' }, value: '0813-2201234' },
      { key: 'objectionAddress', label: { zh: '异议投诉地址', en: 'address for objections' }, value: '汇东路 100 号 305 室' },
    ]);
    await updateDocumentSettings(office, 'zlj2020', { contactPhone: '0813-2205678', objectionAddress: '' }, 'admin');
    const m = await privacyNotice(office, 'zlj2020');
    expect(m.contacts.map((c) => [c.key, c.value])).toEqual([
      ['contactPhone', '0813-2205678'],
      ['objectionPhone', '0813-2201234'],
    ]);
  });

  it('holds no personal data of the imported families', async () => {
    const { office } = await seedCase();
    await importApplicants(office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    const people = await office.store.repos.applicants.listByEvent('zlj2020');
    expect(people.length).toBeGreaterThan(50);
    const text = JSON.stringify(await privacyNotice(office, 'zlj2020'));
    const leaks = people.flatMap((a) =>
      [a.name, a.id_number, a.phone, a.guardian, a.birth_date, a.reg_no].filter((v) => v && text.includes(v)),
    );
    expect(leaks).toEqual([]);
  });
});

describe('GET /api/public/events/:id/privacy-notice', () => {
  async function server(stage: Stage): Promise<{ app: FastifyInstance; t: T }> {
    const t = await testOffice();
    open.push(t);
    await demoEvent(t.office, stage, t.clock);
    const app = await buildServer({ office: t.office });
    apps.push(app);
    return { app, t };
  }
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });
  const url = `/api/public/events/${EVENT}/privacy-notice`;

  it('answers a draft exactly like an unknown event', async () => {
    const { app } = await server('draft');
    const r = await app.inject({ method: 'GET', url });
    const unknown = await app.inject({ method: 'GET', url: '/api/public/events/nosuch/privacy-notice' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe(unknown.json().error.code);
  });

  it('shows a published event its notice, from its settings, with no family data in it', async () => {
    const { app, t } = await server('published');
    await updatePrivacySettings(t.office, EVENT, { retainUntil: '2026-12-31' }, 'admin');
    await updateDocumentSettings(t.office, EVENT, { objectionPhone: '0813-2201234', contactPhone: '' }, 'admin');
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, no-cache');
    const n = r.json() as Awaited<ReturnType<typeof privacyNotice>>;
    const chosen = await privacySettingsOf(t.office.store.repos, EVENT);
    expect(n.collected.map((c) => c.column)).toEqual(['name', 'sex', 'idNumber', ...chosen.columns, 'choices']);
    expect(n.retention.until).toBe('2026-12-31');
    expect(n.contacts.find((c) => c.key === 'objectionPhone')?.value).toBe('0813-2201234');
    expect(n.contacts.map((c) => c.key)).not.toContain('contactPhone');
    expect(n.contacts.every((c) => c.value.trim() !== '')).toBe(true);
    const people = await t.office.store.repos.applicants.listByEvent(EVENT);
    expect(people.length).toBeGreaterThan(10);
    const leaks = people.flatMap((a) => [a.name, a.id_number, a.phone, a.guardian, a.birth_date].filter((v) => v && r.body.includes(v)));
    expect(leaks).toEqual([]);
  });

  it('is written into the static site beside the announcement, equal to the API answer', async () => {
    const { app, t } = await server('published');
    const files = await siteFiles(t.office, EVENT);
    const api = (await app.inject({ method: 'GET', url })).json();
    expect(JSON.parse(files.get(`data/events/${EVENT}/privacy-notice.json`)!)).toEqual(api);
  });

  it("the console's 文书 tab downloads it as PDF for a draft too, with no reason asked and no look recorded", async () => {
    const { app, t } = await server('draft');
    await createAccount(t.office, { username: 'the-supervisor', role: 'supervisor', password: 'Lantern-harbour-quiet-41' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'the-supervisor', password: 'Lantern-harbour-quiet-41' },
    });
    const c = login.cookies.find((k) => k.name === 'fairdraw_session')!;
    const r = await app.inject({
      method: 'GET',
      url: `/api/events/${EVENT}/documents/privacy-notice.pdf`,
      headers: { cookie: `${c.name}=${c.value}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(`${EVENT}-个人信息告知书.pdf`);
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await t.office.store.repos.privacy.accessLog({ eventId: EVENT, limit: 10 })).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/events/${EVENT}/documents/privacy-notice.pdf` })).statusCode).toBe(401);
  });
});

describe('fairdraw document privacy-notice', () => {
  async function run(dataDir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['document', ...args, '--data', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the notice as PDF: the sections, the chosen columns, the retention date and the contacts set', async () => {
    const { office, dataDir } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: ['guardian', 'address'], retainUntil: '2026-10-31' }, 'admin');
    await updateDocumentSettings(office, 'zlj2020', { issuer: '自贡市自流井区教育和体育局', objectionPhone: '0813-2201234' }, 'admin');
    const file = join(dataDir, 'privacy.pdf');
    const r = await run(dataDir, 'privacy-notice', '--event', 'zlj2020', '--out', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('个人信息告知书已写入');
    const text = pdfText(file).replace(/\s+/g, '');
    for (const s of ['个人信息告知书', '一、收集的信息', '二、使用目的', '三、谁能看到', '四、保存期限', '五、您的权利与联系方式']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('身份证号');
    expect(text).toContain('监护人');
    expect(text).toContain('家庭住址');
    expect(text).not.toContain('出生日期');
    expect(text).not.toContain('联系电话');
    expect(text).toContain('保存至2026年10月31日');
    expect(text).toContain('异议投诉电话：0813-2201234');
    expect(text).not.toContain('咨询电话');
    expect(text).not.toContain('异议投诉地址');
    expect(text).toContain('自贡市自流井区教育和体育局');
    expect(text).toContain('registrationnumbersandmaskednames');
  });

  it('without document settings prints no empty contact line and says the bureau sets the retention', async () => {
    const { dataDir } = await seedCase();
    const file = join(dataDir, 'bare.pdf');
    expect((await run(dataDir, 'privacy-notice', '--event', 'zlj2020', '--out', file)).code).toBe(0);
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('保存期限由教育局确定');
    expect(text).not.toMatch(/电话：|地址：/);
  });
});

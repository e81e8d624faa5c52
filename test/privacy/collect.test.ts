/** Collect the least: the import refuses a personal column the event did not choose (real SQLite). */
import { afterEach, describe, expect, it } from 'vitest';
import { importApplicants } from '../../src/office/import-applicants.js';
import { updatePrivacySettings } from '../../src/office/privacy/settings.js';
import ExcelJS from 'exceljs';
import { eventImportTemplate } from '../../src/office/documents/import-template.js';
import { fakeId } from '../../src/office/import/test-support.js';
import { refusal, sample, testOffice } from '../office/harness.js';
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

/** The sample CSV with a 家庭住址 column added after 联系电话. */
function withAddress(): Uint8Array {
  const text = new TextDecoder().decode(sample('applicants.utf8.csv')).replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).map((l, i) => {
    if (l === '') return l;
    const cells = l.split(',');
    cells.splice(6, 0, i === 0 ? '家庭住址' : `幸福路${i}号`);
    return cells.join(',');
  });
  return new TextEncoder().encode(lines.join('\n'));
}

describe('the import collects only the chosen personal columns', () => {
  it('refuses the sample workbook when the event collects no optional column, naming the sheet and the columns; nothing is stored', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: [] }, 'admin');
    const e = await refusal(importApplicants(office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator'));
    expect(e.code).toBe('import.column-not-collected');
    expect(e.zh).toMatch(/^工作表“[^”]+”的“出生日期”（第 D 列）、“监护人”（第 E 列）、“联系电话”（第 F 列）是本批次不采集的个人信息/);
    expect(e.zh).toContain('请从文件中删除该列后重新导入');
    expect(e.zh).toContain('个人信息设置中选择采集出生日期、监护人、联系电话');
    expect(e.en).toMatch(/^the sheet "[^"]+" carries "出生日期" \(column D, birth date\)/);
    expect(e.en).toContain('privacy settings');
    expect(e.where).toMatchObject({ file: 'applicants.xlsx', line: 1, field: '出生日期' });
    expect(await office.store.repos.applicants.countByEvent('zlj2020')).toBe(0);
  });

  it('refuses only the column not chosen', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: ['birthDate', 'guardian'] }, 'admin');
    const e = await refusal(importApplicants(office, 'zlj2020', sample('applicants.utf8.csv'), 'applicants.utf8.csv', 'operator'));
    expect(e.zh).toMatch(/^“联系电话”（第 F 列）是本批次不采集的个人信息/);
    expect(e.zh).not.toContain('监护人');
    expect(e.en).toMatch(/^the file carries "联系电话" \(column F, phone\)/);
    expect(await office.store.repos.applicants.countByEvent('zlj2020')).toBe(0);
  });

  it('imports the full sample files when the event chooses their columns', async () => {
    for (const file of ['applicants.xlsx', 'applicants.gbk.csv']) {
      const { office } = await seedCase();
      await updatePrivacySettings(office, 'zlj2020', { columns: ['birthDate', 'guardian', 'phone'] }, 'admin');
      const r = await importApplicants(office, 'zlj2020', sample(file), file, 'operator');
      expect(r.imported).toBe(105);
    }
  });

  it('refuses a home address column unless the address is chosen, and keeps it when it is', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: ['birthDate', 'guardian', 'phone'] }, 'admin');
    const e = await refusal(importApplicants(office, 'zlj2020', withAddress(), 'with-address.csv', 'operator'));
    expect(e.code).toBe('import.column-not-collected');
    expect(e.zh).toMatch(/^“家庭住址”（第 G 列）是本批次不采集的个人信息/);
    expect(e.zh).toContain('选择采集家庭住址');
    expect(await office.store.repos.applicants.countByEvent('zlj2020')).toBe(0);

    await updatePrivacySettings(office, 'zlj2020', { columns: ['birthDate', 'guardian', 'phone', 'address'] }, 'admin');
    const r = await importApplicants(office, 'zlj2020', withAddress(), 'with-address.csv', 'operator');
    expect(r.imported).toBe(105);
    const rows = await office.store.repos.applicants.listByEvent('zlj2020');
    expect(JSON.parse(rows[0]!.extra)).toMatchObject({ 家庭住址: expect.stringMatching(/^幸福路\d+号$/) });
  });

  it('an event that never chose takes every column the import has always taken (address included)', async () => {
    const { office } = await seedCase();
    const r = await importApplicants(office, 'zlj2020', withAddress(), 'with-address.csv', 'operator');
    expect(r.imported).toBe(105);
  });
});

async function headerRow(bytes: Uint8Array): Promise<{ wb: ExcelJS.Workbook; headers: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const values = wb.getWorksheet('报名名单')!.getRow(1).values as unknown[];
  return { wb, headers: values.slice(1).map(String) };
}

describe('the import template offers only the chosen personal columns', () => {
  it('an event that never chose gets the columns the import has always taken', async () => {
    const { office } = await seedCase();
    const { headers } = await headerRow(await eventImportTemplate(office, 'zlj2020'));
    expect(headers).toEqual(['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '类别', '多胞胎组']);
  });

  it('an event collecting the guardian and the address gets those and no others, and the filled template imports', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: ['address', 'guardian'] }, 'admin');
    const { wb, headers } = await headerRow(await eventImportTemplate(office, 'zlj2020'));
    expect(headers).toEqual(['姓名', '性别', '身份证号', '监护人', '家庭住址', '志愿1', '志愿2', '类别', '多胞胎组']);
    const sheet = wb.getWorksheet('报名名单')!;
    const example = sheet.getRow(2).values as ExcelJS.CellValue[];
    expect(example.slice(1, 6)).toEqual(['示例儿童', '男', expect.stringMatching(/^510302/), '示例家长', '示例路1号']);
    const real = sheet.getRow(3);
    example.forEach((v, k) => (real.getCell(k).value = v ?? null));
    real.getCell(1).value = '王小明';
    real.getCell(3).value = fakeId('2014-03-02', 7);
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importApplicants(office, 'zlj2020', filled, 'template.xlsx', 'operator');
    expect(r.imported).toBe(1);
    const stored = await office.store.repos.applicants.listByEvent('zlj2020');
    expect(stored[0]).toMatchObject({ name: '王小明', guardian: '示例家长', phone: '' });
  });

  it('an event collecting nothing optional gets name, sex and ID-card number only', async () => {
    const { office } = await seedCase();
    await updatePrivacySettings(office, 'zlj2020', { columns: [] }, 'admin');
    const { headers } = await headerRow(await eventImportTemplate(office, 'zlj2020'));
    expect(headers).toEqual(['姓名', '性别', '身份证号', '志愿1', '志愿2', '类别', '多胞胎组']);
    const help = (await headerRow(await eventImportTemplate(office, 'zlj2020'))).wb.getWorksheet('填写说明')!;
    const lines = (help.getColumn(1).values as unknown[]).map(String);
    expect(lines).toContain('4. 性别（男/女）可以留空；如填写，须与身份证号一致。本批次不采集出生日期（由身份证号得出）。');
  });
});

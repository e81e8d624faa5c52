/** The import template and the per-event workbook, read back with ExcelJS and with the importer itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FairDrawError } from '../../src/core/errors.js';
import {
  EXAMPLE_NAME,
  eventImportTemplate,
  exampleIdNumber,
  importTemplateWorkbook,
  templateHeaders,
  validationsOf,
} from '../../src/office/documents/import-template.js';
import { importApplicantsFile, parseIdCard, readTable } from '../../src/office/import/index.js';
import { safeText, unitWorkbook } from '../../src/office/exports/unit-workbooks.js';
import { changeOffer } from '../../src/office/offers.js';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import type { StoredRecord } from '../../src/office/documents/drawn-event.js';
import { sample, testOffice } from '../office/harness.js';
import { createSeedCase, SEED_WITNESSES } from '../office/seed-case.js';
import { fakeId } from '../../src/office/import/test-support.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { EVENT, artifactsDir, drawnEvent, type Drawn } from './drawn.js';

const units = [
  { id: 'TML', name: '檀木林小学', seats: 30 },
  { id: 'TKS', name: '塘坎上小学', seats: 30 },
];

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb;
}

function values(ws: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => ws.getRow(row).getCell(i + 1).value);
}

function keep(name: string, bytes: Uint8Array): void {
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, name), bytes);
}

describe('报名名单导入模板 (import template)', () => {
  it('has the importer’s columns, an example row, text ID cells and input checks', async () => {
    const bytes = await importTemplateWorkbook(units);
    keep('import-template.xlsx', bytes);
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报名名单', '招生单元', '填写说明']);
    const ws = wb.getWorksheet('报名名单')!;
    const headers = templateHeaders(2);
    expect(headers).toEqual(['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '类别', '多胞胎组']);
    expect(values(ws, 1, headers.length)).toEqual(headers);
    const example = values(ws, 2, headers.length);
    expect(example).toEqual([
      EXAMPLE_NAME,
      '男',
      exampleIdNumber('2014-03-15'),
      '2014-03-15',
      '示例家长',
      '13800000000',
      '檀木林小学',
      '塘坎上小学',
      '1',
      null,
    ]);
    expect(parseIdCard(example[2] as string)).toMatchObject({ ok: true, birthDate: '2014-03-15', sex: '男' });
    expect(ws.getRow(3).cellCount).toBe(0);
    // Marked as an example: a note on the first cell and a fill across the row.
    expect(JSON.stringify(ws.getCell('A2').note)).toContain('填写示例（虚构数据）');
    expect(ws.getCell('J2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFF2CC' } });
    // The ID column is text, so Excel keeps all 18 digits.
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(ws.getCell('C2').numFmt).toBe('@');
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);

    const v = validationsOf(ws);
    for (const cell of ['G2', 'H2', 'G500', 'H10001']) {
      expect(v.find(cell)).toMatchObject({ type: 'list', formulae: ["'招生单元'!$B$2:$B$3"], showErrorMessage: true });
    }
    expect(v.find('B2')).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(v.find('I77')).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 99] });
    expect(v.find('C2')).toBeUndefined();

    const us = wb.getWorksheet('招生单元')!;
    expect([values(us, 1, 3), values(us, 2, 3), values(us, 3, 3)]).toEqual([
      ['编号', '名称', '学位'],
      ['TML', '檀木林小学', 30],
      ['TKS', '塘坎上小学', 30],
    ]);
    expect(String(wb.getWorksheet('填写说明')!.getCell('A3').value)).toContain('示例');
  });

  it('never imports its worked example: a file holding only the example row is refused, naming it', async () => {
    const e = await importApplicantsFile(await importTemplateWorkbook(units), 'template.xlsx', { units }).then(
      () => undefined,
      (x: unknown) => x as FairDrawError,
    );
    expect(e).toBeInstanceOf(FairDrawError);
    expect(e).toMatchObject({ code: 'import.no-rows', where: { file: 'template.xlsx' } });
    expect(e!.zh).toContain('填写示例');
  });

  it('imports real rows typed over the example, ID numbers intact', async () => {
    const wb = await load(await importTemplateWorkbook(units));
    const ws = wb.getWorksheet('报名名单')!;
    const given = await readTable(sample('applicants.xlsx'), 'applicants.xlsx');
    const rows = given.rows.slice(0, 3).map((r) => r.cells);
    // Sample columns: 姓名 性别 身份证号 出生日期 监护人 联系电话 志愿1 类别 多胞胎组.
    rows.forEach((c, i) => {
      const row = ws.getRow(2 + i);
      [c[0], c[1], c[2], c[3], c[4], c[5], c[6], null, c[7], c[8] || null].forEach((v, k) => (row.getCell(k + 1).value = v ?? null));
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importApplicantsFile(bytes, 'filled.xlsx', { units, ageWindow: { bornFrom: '2013-09-01', bornTo: '2014-08-31' } });
    expect(r.errors).toEqual([]);
    expect(r.applicants.map((a) => a.idNumber)).toEqual(rows.map((c) => c[2]));
    expect(r.applicants.map((a) => a.name)).toEqual(rows.map((c) => c[0]));
  });

  it('fits an event: its units and a birth date inside its window, and the office imports it', async () => {
    const t = await testOffice();
    try {
      await createEvent(
        t.office,
        {
          id: 'tpl',
          title: '模板测试',
          mechanism: 'deferred-acceptance',
          tieBreak: 'single',
          groupFit: 'strict',
          bornFrom: '2019-09-01',
          bornTo: '2020-08-31',
          declaredSources: [{ kind: 'witness', label: '公证员' }],
        },
        'operator',
      );
      for (const u of units) await addUnit(t.office, { event: 'tpl', ...u }, 'operator');
      const bytes = await eventImportTemplate(t.office, 'tpl');
      const ws = (await load(bytes)).getWorksheet('报名名单')!;
      expect(ws.getCell('D2').value).toBe('2020-03-01');
      // The example row left in place beside one real child: the child is imported, the example skipped.
      const wb = await load(bytes);
      const sheet = wb.getWorksheet('报名名单')!;
      const example = sheet.getRow(2).values as ExcelJS.CellValue[];
      const real = sheet.getRow(3);
      example.forEach((v, k) => (real.getCell(k).value = v ?? null));
      real.getCell(1).value = '王小明';
      real.getCell(3).value = fakeId('2020-03-02', 7);
      real.getCell(4).value = '2020-03-02';
      const filled = new Uint8Array(await wb.xlsx.writeBuffer());
      const r = await importApplicants(t.office, 'tpl', filled, 'template.xlsx', 'operator');
      expect(r.imported).toBe(1);
      expect(r.skipped).toHaveLength(1);
      const stored = await t.office.store.repos.applicants.listByEvent('tpl');
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ name: '王小明', id_number: fakeId('2020-03-02', 7) });
      expect(stored.some((a) => a.name === EXAMPLE_NAME || a.id_number === exampleIdNumber('2020-03-01'))).toBe(false);
    } finally {
      await t.office.close();
    }
  });
});

describe('内部名单 (unit workbook)', () => {
  let t: Drawn;
  let declined: string;
  let promoted: string;
  beforeAll(async () => {
    t = await drawnEvent({ results: true });
    const record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
    declined = record.units[0]!.admitted[0]!;
    const changes = await changeOffer(t.office, EVENT, declined, 'decline', '家庭搬迁', 'operator');
    promoted = changes.find((c) => c.status === 'offered')!.regNo;
  });
  afterAll(async () => {
    await t.office.close();
  });

  it('round-trips through ExcelJS with every admitted and waitlisted applicant as stored, and the state after declines', async () => {
    const bytes = await unitWorkbook(t.office, EVENT);
    keep('unit-workbook.xlsx', bytes);
    const wb = await load(bytes);
    const record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
    const people = new Map((await t.office.store.repos.applicants.listByEvent(EVENT)).map((a) => [a.reg_no, a]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '檀木林小学', '塘坎上小学']);
    const summary = wb.getWorksheet('汇总')!;
    expect(values(summary, 1, 13)).toEqual([
      '招生单元编号',
      '招生单元',
      '学位',
      '报名人数',
      '摇号录取',
      '候补',
      '当前占用学位',
      '已放弃',
      '递补录取',
      '已确认',
      '空余学位',
      '当前候补',
      '变动记录',
    ]);
    expect(values(summary, 2, 13)).toEqual(['TML', '檀木林小学', 30, 47, 30, 17, 30, 1, 1, 0, 0, 16, 1]);
    expect(values(summary, 3, 13)).toEqual(['TKS', '塘坎上小学', 30, 58, 30, 28, 30, 0, 0, 0, 0, 28, 0]);
    for (const [i, u] of record.units.entries()) {
      const ws = wb.worksheets[i + 1]!;
      const expected = [...u.admitted.map((r, k) => ['录取', k + 1, r]), ...u.waitlist.map((r, k) => ['候补', k + 1, r])];
      // Below the record: the current state and the history (checked in the next test).
      expect(values(ws, expected.length + 2, 1)).toEqual(['当前录取']);
      expect(values(ws, 1, 14)).toEqual([
        '摇号结果',
        '序号',
        '报名号',
        '姓名',
        '性别',
        '出生日期',
        '身份证号',
        '监护人',
        '联系电话',
        '类别',
        '志愿',
        '多胞胎组',
        '当前状态',
        '随机号',
      ]);
      expect(ws.getColumn(7).numFmt).toBe('@');
      expected.forEach(([kind, n, reg], k) => {
        const a = people.get(reg as string)!;
        const row = values(ws, k + 2, 14);
        expect(row.slice(0, 9)).toEqual([kind, n, reg, a.name, a.sex, a.birth_date, a.id_number, a.guardian, a.phone]);
        expect(row[10]).toMatch(/^第[1-9]志愿$/);
        expect(row[13]).toBe(record.applicants.find((x) => x.id === reg)!.tickets[u.id]);
        const state =
          reg === declined ? '已放弃' : reg === promoted ? '递补录取（已录取，待确认）' : kind === '录取' ? '已录取，待确认' : '候补中';
        expect(row[12]).toBe(state);
      });
    }
  });

  it('lists below the record who holds a seat now (递补 marked), who still waits, and the history; the promoted child no longer waits', async () => {
    const wb = await load(await unitWorkbook(t.office, EVENT));
    const record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
    const [tml, tks] = record.units as [StoredRecord['units'][0], StoredRecord['units'][0]];
    const section = (ws: ExcelJS.Worksheet, label: string) => {
      const rows: unknown[][] = [];
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === label) rows.push(values(ws, n, 14));
      });
      return rows;
    };
    const sheet = wb.getWorksheet('檀木林小学')!;
    const admitted = section(sheet, '当前录取');
    expect(admitted.map((r) => r[2])).toEqual([...tml.admitted.filter((r) => r !== declined), promoted]);
    expect(admitted.map((r) => r[1])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(admitted.at(-1)![12]).toBe('递补录取（已录取，待确认，原候补第 1 位）');
    expect(admitted[0]![12]).toBe('已录取，待确认');
    const waiting = section(sheet, '当前候补');
    expect(tml.waitlist[0]).toBe(promoted);
    expect(waiting.map((r) => r[2])).toEqual(tml.waitlist.slice(1));
    expect(waiting[0]![12]).toMatch(/^候补中（原候补第 2 位/);
    const history = section(sheet, '变动记录');
    expect(history).toHaveLength(1);
    expect(history[0]![2]).toBe(declined);
    expect(history[0]![12]).toMatch(/^已放弃：家庭搬迁（\d{4}-\d\d-\d\dT[^）]+）$/);
    expect(sheet.rowCount).toBe(1 + tml.admitted.length + tml.waitlist.length + 30 + 16 + 1);

    const other = wb.getWorksheet('塘坎上小学')!;
    expect(section(other, '当前录取').map((r) => r[2])).toEqual(tks.admitted);
    expect(section(other, '当前候补').map((r) => r[2])).toEqual(tks.waitlist);
    expect(section(other, '变动记录')).toEqual([]);
  });

  it('prints landscape with the header row on every page, and filters', async () => {
    const wb = await load(await unitWorkbook(t.office, EVENT));
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.printTitlesRow).toBe('1:1');
      expect(ws.autoFilter).toBeTruthy();
    }
  });
});

describe('formula injection', () => {
  it('writes a text that begins with = + - @ with a leading apostrophe, and leaves others alone', () => {
    expect(safeText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    for (const v of ['+86 138 0000 0000', '-1', '@SUM(A1)', '\t=1']) expect(safeText(v)).toBe(`'${v}`);
    for (const v of ['张三', '13800000000', 'a=b', '']) expect(safeText(v)).toBe(v);
  });

  it('neutralises a name that came in through the import, so saving as CSV keeps it text', async () => {
    const t = await testOffice();
    try {
      await createSeedCase(t.office, 'inj', '注入测试');
      const csv = [
        '姓名,身份证号,出生日期,监护人,联系电话,志愿1,类别',
        `=1+2,${fakeId('2013-10-01', 1)},2013-10-01,@cmd,13800000001,檀木林小学,1`,
        `-张三,${fakeId('2013-10-02', 2)},2013-10-02,+李四,13800000002,檀木林小学,1`,
        // The seed case's other school needs an applicant too: a unit nobody lists cannot be published.
        `王小五,${fakeId('2013-10-03', 3)},2013-10-03,王大五,13800000003,塘坎上小学,1`,
      ].join('\r\n');
      await importApplicants(t.office, 'inj', new TextEncoder().encode(`${csv}\r\n`), 'inj.csv', 'operator');
      await publishEvent(t.office, 'inj', 'operator');
      await freezeEvent(t.office, 'inj', 'operator');
      await drawByCeremony(t.office, 'inj', SEED_WITNESSES, 'operator');
      const wb = await load(await unitWorkbook(t.office, 'inj'));
      const ws = wb.getWorksheet('檀木林小学')!;
      const cells = [2, 3].flatMap((r) => [ws.getRow(r).getCell(4).value, ws.getRow(r).getCell(8).value]);
      expect(cells.sort()).toEqual(["'+李四", "'-张三", "'=1+2", "'@cmd"]);
      const text = Buffer.from(await wb.csv.writeBuffer({ sheetName: ws.name })).toString('utf8');
      expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
    } finally {
      await t.office.close();
    }
  });
});

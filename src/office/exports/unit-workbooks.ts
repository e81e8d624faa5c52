/**
 * 内部名单: one workbook per event, a sheet per unit with admitted and waitlisted applicants and
 * their full names, for the bureau and the schools (internal use; never published).
 */
import ExcelJS from 'exceljs';
import { loadEvent } from '../load-event.js';
import { checkedOfficialRecord } from './stored-record.js';
import type { Office } from '../ports.js';

export async function unitWorkbook(office: Office, eventId: string): Promise<Uint8Array> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId, ['drawn', 'results'], {
    zh: '导出名单（须先正式摇号）',
    en: 'export unit lists (after the official draw)',
  });
  const { record: rec } = await checkedOfficialRecord(repos, eventId);
  const units = await repos.events.listUnits(eventId);
  const people = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a]));
  const offers = await repos.offers.listByEvent(eventId);
  const tickets = new Map(rec.applicants.map((a) => [a.id, a.tickets]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'FairDraw';
  const summary = wb.addWorksheet('汇总');
  summary.addRow([ev.title]);
  summary.addRow(['招生单元编号', '招生单元', '学位', '报名人数', '录取', '候补']);
  for (const u of rec.units) {
    const unit = units.find((x) => x.id === u.id);
    const applicants = rec.applicants.filter((a) => u.id in a.tickets).length;
    summary.addRow([u.id, unit?.name ?? u.id, u.seats, applicants, u.admitted.length, u.waitlist.length]);
  }
  summary.getRow(2).font = { bold: true };
  summary.columns.forEach((c) => (c.width = 16));

  for (const u of rec.units) {
    const unit = units.find((x) => x.id === u.id);
    const ws = wb.addWorksheet(sheetName(unit?.name ?? u.id));
    ws.addRow(['结果', '序号', '报名号', '姓名', '性别', '身份证号', '监护人', '联系电话', '类别', '随机号', '录取状态']);
    ws.getRow(1).font = { bold: true };
    const add = (kind: string, list: string[]): void => {
      list.forEach((reg, i) => {
        const a = people.get(reg);
        const offer = offers.filter((o) => o.reg_no === reg && o.unit_id === u.id).pop();
        ws.addRow([
          kind,
          i + 1,
          reg,
          a?.name ?? '',
          a?.sex ?? '',
          a?.id_number ?? '',
          a?.guardian ?? '',
          a?.phone ?? '',
          a?.tier ?? '',
          tickets.get(reg)?.[u.id] ?? '',
          offer?.status ?? '',
        ]);
      });
    };
    add('录取', u.admitted);
    add('候补', u.waitlist);
    ws.columns.forEach((c) => (c.width = 14));
    ws.getColumn(6).width = 22;
    ws.getColumn(10).width = 66;
    // ID and phone numbers stay text when someone edits the sheet (a General cell keeps 15 digits).
    ws.getColumn(6).numFmt = '@';
    ws.getColumn(8).numFmt = '@';
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'unit';
}

/**
 * 内部名单: one workbook per event, a sheet per unit with admitted and waitlisted applicants, their
 * full names and the current state of each place after declines and promotions (递补), for the
 * bureau and the schools (internal use; never published). Below the record as drawn, each sheet
 * lists the current state (当前录取 with 递补 marked, 当前候补 in waitlist order) and the history
 * (变动记录: declines, revocations, releases with reason and time); the summary counts agree. Ready to print (landscape A4, the header
 * row repeated on every page) and to filter (autofilter on every sheet).
 *
 * Every text that came from outside (names, phones, addresses, anything imported) and begins with
 * = + - @ (or a tab or carriage return) is written with a leading apostrophe, so that neither
 * opening, nor editing a cell, nor saving the sheet as CSV turns it into a formula.
 */
import ExcelJS from 'exceljs';
import { choicesOf } from '../rules-and-list.js';
import { loadEvent } from '../load-event.js';
import { checkedOfficialRecord } from './stored-record.js';
import type { Office } from '../ports.js';
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import { currentResults } from '../current-results.js';

/** A text cell that no spreadsheet will read as a formula (OWASP "CSV injection"). */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const OFFER_ZH: Record<OfferRow['status'], string> = {
  offered: '已录取，待确认',
  confirmed: '已确认入学',
  declined: '已放弃',
  revoked: '已取消录取资格',
  released: '已释放（改录较高志愿）',
};

/** The current state of one applicant's place at one unit, in Chinese. */
export function currentState(kind: 'admitted' | 'waitlist', offer: OfferRow | undefined): string {
  if (offer) {
    const s = OFFER_ZH[offer.status];
    return offer.origin === 'waitlist' && (offer.status === 'offered' || offer.status === 'confirmed') ? `递补录取（${s}）` : s;
  }
  return kind === 'admitted' ? '已录取' : '候补中';
}

const HEADERS = [
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
] as const;

function printable(ws: ExcelJS.Worksheet, columns: number, rows: number): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&L&A&C第 &P 页 共 &N 页&R内部资料 注意保密' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows), column: columns } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function unitWorkbook(office: Office, eventId: string): Promise<Uint8Array> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId, ['drawn', 'results'], {
    zh: '导出名单（须先正式摇号）',
    en: 'export unit lists (after the official draw)',
  });
  const { record: rec } = await checkedOfficialRecord(repos, eventId);
  const units = await repos.events.listUnits(eventId);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const people = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a]));
  // The latest offer per applicant and unit (offers are listed in the order they were made).
  const latest = new Map<string, OfferRow>();
  for (const o of await repos.offers.listByEvent(eventId)) latest.set(`${o.reg_no}\u0000${o.unit_id}`, o);
  const tickets = new Map(rec.applicants.map((a) => [a.id, a.tickets]));
  const current = new Map((await currentResults(repos, eventId)).map((c) => [c.id, c]));
  const t = safeText;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'FairDraw';
  const summary = wb.addWorksheet('汇总');
  summary.addRow([
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
  summary.getRow(1).font = { bold: true };
  for (const u of rec.units) {
    const applicants = rec.applicants.filter((a) => u.id in a.tickets).length;
    const here = [...latest.values()].filter((o) => o.unit_id === u.id);
    const now = current.get(u.id)!.counts;
    summary.addRow([
      u.id,
      t(unitNames.get(u.id) ?? u.id),
      u.seats,
      applicants,
      u.admitted.length,
      u.waitlist.length,
      now.admitted,
      here.filter((o) => o.status === 'declined').length,
      now.promoted,
      now.confirmed,
      now.free,
      now.waiting,
      now.history,
    ]);
  }
  summary.addRow([]);
  summary.addRow([t(ev.title)]);
  summary.columns.forEach((c) => (c.width = 14));
  summary.getColumn(2).width = 22;
  printable(summary, 13, rec.units.length + 1);

  for (const u of rec.units) {
    const ws = wb.addWorksheet(sheetName(unitNames.get(u.id) ?? u.id));
    ws.addRow([...HEADERS]);
    ws.getRow(1).font = { bold: true };
    const add = (kind: 'admitted' | 'waitlist', list: string[]): void => {
      list.forEach((reg, i) =>
        row(kind === 'admitted' ? '录取' : '候补', i + 1, reg, currentState(kind, latest.get(`${reg}\u0000${u.id}`))),
      );
    };
    const row = (label: string, n: number, reg: string, state: string): void => {
      const a = people.get(reg);
      const choices = a ? choicesOf(a) : [];
      const rank = choices.findIndex((c) => c.unit === u.id);
      ws.addRow([
        label,
        n,
        reg,
        t(a?.name ?? ''),
        t(a?.sex ?? ''),
        a?.birth_date ?? '',
        t(a?.id_number ?? ''),
        t(a?.guardian ?? ''),
        t(a?.phone ?? ''),
        rank >= 0 ? `第 ${choices[rank]!.tier} 类` : '',
        rank >= 0 ? `第${rank + 1}志愿` : '',
        t(a?.group_label ?? ''),
        state,
        tickets.get(reg)?.[u.id] ?? '',
      ]);
    };
    add('admitted', u.admitted);
    add('waitlist', u.waitlist);
    const now = current.get(u.id)!;
    now.admitted.forEach((x, i) =>
      row(
        '当前录取',
        i + 1,
        x.regNo,
        x.promoted ? `递补录取（${OFFER_ZH[x.status]}，原候补第 ${x.waitlistPosition ?? '-'} 位）` : OFFER_ZH[x.status],
      ),
    );
    now.waitlist.forEach((x, i) =>
      row(
        '当前候补',
        i + 1,
        x.regNo,
        x.holds ? `候补中（原候补第 ${x.position} 位，暂录 ${unitNames.get(x.holds) ?? x.holds}）` : `候补中（原候补第 ${x.position} 位）`,
      ),
    );
    now.history.forEach((x, i) => row('变动记录', i + 1, x.regNo, `${OFFER_ZH[x.status]}：${x.reason ?? ''}（${x.at}）`));
    ws.columns.forEach((c) => (c.width = 12));
    ws.getColumn(4).width = 12;
    ws.getColumn(7).width = 22;
    ws.getColumn(9).width = 16;
    ws.getColumn(13).width = 40;
    ws.getColumn(14).width = 66;
    // ID and phone numbers stay text when someone edits the sheet (a General cell keeps 15 digits).
    for (const c of [3, 6, 7, 9]) ws.getColumn(c).numFmt = '@';
    printable(
      ws,
      HEADERS.length,
      u.admitted.length + u.waitlist.length + now.admitted.length + now.waitlist.length + now.history.length + 1,
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'unit';
}

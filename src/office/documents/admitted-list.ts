/**
 * 录取名单 per school, for printing and posting: the currently admitted (after declines, revocations
 * and promotions, from current-results.ts) and the current waitlist in its order, each applicant by
 * 报名号 and masked name only, with the changes since the draw (no reasons: those stay in the
 * office), the hashes that tie the list to the published record, and the date it was made. One
 * school per section, numbered on its own, so a batch of every school prints as separate lists.
 */
import { FairDrawError } from '../../core/errors.js';
import { currentResults, type CurrentUnit, type HistoryEntry } from '../current-results.js';
import { maskName } from '../masking.js';
import type { Office } from '../ports.js';
import { loadDrawnEvent, unitName, type DrawnEvent } from './drawn-event.js';
import type { CjkFonts } from './fonts.js';
import { beijingTime, chineseDate } from './format.js';
import { documentSettings } from './settings.js';
import { Sheet, type TableColumn } from './sheet.js';

export interface AdmittedListOptions {
  fonts?: CjkFonts;
}

const CHANGE_ZH: Record<HistoryEntry['status'], string> = { declined: '放弃', revoked: '撤销', released: '释放' };

/** The 录取名单 of one unit, or of every unit (one section each), as PDF bytes. */
export async function admittedListPdf(
  office: Office,
  eventId: string,
  unitId?: string,
  options: AdmittedListOptions = {},
): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, {
    zh: '生成录取名单（须先正式摇号）',
    en: 'print the admitted list (after the official draw)',
  });
  const repos = office.store.repos;
  const current = await currentResults(repos, eventId);
  if (unitId !== undefined && !current.some((u) => u.id === unitId)) {
    throw new FairDrawError('document.no-unit', `没有编号为 ${unitId} 的招生单元`, `there is no unit ${unitId}`, { field: 'unit' });
  }
  const settings = await documentSettings(office, eventId);
  const people = await repos.applicants.listByEvent(eventId);
  const masked = new Map(people.map((a) => [a.reg_no, maskName(a.name)]));
  const now = office.clock.now();
  const sheet = new Sheet({
    title: '录取名单',
    subject: `${d.event.title} 录取名单`,
    createdAt: now,
    fonts: options.fonts,
    header: settings.issuer ?? undefined,
  });
  for (const u of current.filter((x) => unitId === undefined || x.id === unitId)) {
    sheet.section(`${eventId} · ${u.id}`);
    unitList(sheet, d, u, masked, now);
  }
  return sheet.finish();
}

function unitList(sheet: Sheet, d: DrawnEvent, u: CurrentUnit, masked: ReadonlyMap<string, string>, now: Date): void {
  const school = `${unitName(d, u.id)}（${u.id}）`;
  const name = (reg: string): string => masked.get(reg) ?? '';
  /** A numbered part of the list: its heading, then its table, or a line saying it is empty. */
  const section = (title: string, room: number, empty: string, columns: TableColumn[], rows: string[][], continued: string): void => {
    sheet.heading(title, 1, room);
    if (rows.length === 0) sheet.paragraph(empty, { role: 'sans', size: 9 });
    else sheet.table(columns, rows, { size: 9, zebra: true, continued });
  };
  sheet.titleBlock(
    [
      { text: d.event.title, size: 13 },
      { text: `${school}录取名单`, size: 18 },
    ],
    6,
  );
  const c = u.counts;
  sheet.paragraph(
    `学位 ${u.seats} 个。摇号录取 ${u.drawn.admitted} 人、候补 ${u.drawn.waitlist} 人；截至${chineseDate(now.toISOString())}，当前录取 ${c.admitted} 人（其中候补递补 ${c.promoted} 人，已确认 ${c.confirmed} 人），空余学位 ${c.free} 个，当前候补 ${c.waiting} 人。`,
    { indent: 2, size: 10.5 },
  );
  sheet.paragraph('为保护儿童隐私，名单只列报名号和部分隐去的姓名。家长可凭报名号在公开查询网站核对本人的结果。', {
    role: 'sans',
    size: 8.5,
    color: '#404040',
  });

  section(
    '一、当前录取名单',
    80,
    '（无）',
    [
      { header: '序号', width: 0.6, align: 'right' },
      { header: '报名号', width: 1.5, role: 'mono' },
      { header: '姓名', width: 1 },
      { header: '来源', width: 1.8 },
      { header: '状态', width: 1 },
    ],
    u.admitted.map((a, i) => [
      String(i + 1),
      a.regNo,
      name(a.regNo),
      a.promoted ? `候补递补${a.waitlistPosition ? `（原候补第 ${a.waitlistPosition} 位）` : ''}` : '摇号录取',
      a.status === 'confirmed' ? '已确认' : '待确认',
    ]),
    `${school}当前录取名单（续）`,
  );

  section(
    '二、当前候补名单（按递补顺序）',
    80,
    '（无）',
    [
      { header: '候补顺序', width: 0.8, align: 'right' },
      { header: '报名号', width: 1.5, role: 'mono' },
      { header: '姓名', width: 1 },
      { header: '原候补位次', width: 1, align: 'right' },
      { header: '备注', width: 1.6 },
    ],
    u.waitlist.map((w, i) => [
      String(i + 1),
      w.regNo,
      name(w.regNo),
      `第 ${w.position} 位`,
      w.holds ? `已获 ${unitName(d, w.holds)} 学位` : '',
    ]),
    `${school}当前候补名单（续）`,
  );

  section(
    '三、摇号后的变动',
    60,
    '摇号后没有放弃或撤销的学位。',
    [
      { header: '报名号', width: 1.5, role: 'mono' },
      { header: '姓名', width: 1 },
      { header: '变动', width: 0.8 },
      { header: '原来源', width: 1 },
      { header: '时间（北京时间）', width: 1.6 },
    ],
    u.history.map((h) => [
      h.regNo,
      name(h.regNo),
      CHANGE_ZH[h.status],
      h.origin === 'waitlist' ? '候补递补' : '摇号录取',
      beijingTime(h.at, false),
    ]),
    `${school}摇号后的变动（续）`,
  );

  sheet.heading('四、核验信息', 1, 110);
  sheet.paragraph('本名单由正式摇号结果和此后的放弃、递补记录生成。以下数值与公开的摇号结果相同，可在公开查询网站核对。', {
    size: 9.5,
    indent: 2,
  });
  sheet.table(
    [
      { header: '', width: 1.3, size: 9, noteSize: 6.5 },
      { header: '', width: 2.9, role: 'mono', size: 8 },
    ],
    [
      ['名单根哈希\nlistRoot（Merkle 根）', d.record.listRoot],
      ['结果记录哈希\nrecord.json SHA-256', d.draw.record_sha256],
      ['生成时间', `${beijingTime(now.toISOString(), false)}（北京时间）`],
    ],
    { header: false, size: 9 },
  );
}

/**
 * 录取通知书 / 未录取告知书: the letter to one family. Unlike every public document it carries the
 * child's full name, because it is addressed to the family; it also gives the 报名号, what to do and
 * by when, the result at each choice, the waitlist place, the ticket, and a QR code to the family's
 * own page. The guardian's name and mailing address (when the import had one) sit where a window
 * envelope shows them.
 *
 * A batch (one unit, or the whole event) is one PDF whose letters are numbered each on its own
 * ("第 1 页 共 1 页"); written to a file, finished letters leave memory as it goes.
 */
import { FairDrawError } from '../../core/errors.js';
import type { ApplicantRow } from '../../store/repositories/applicants.repository.js';
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import { choicesOf } from '../rules-and-list.js';
import type { Office } from '../ports.js';
import { loadDrawnEvent, outcomeOf, unitName, type ApplicantOutcome, type ChoiceOutcome, type DrawnEvent } from './drawn-event.js';
import type { CjkFonts } from './fonts.js';
import { applicantUrl, checkBaseUrl, chineseDate } from './format.js';
import { documentSettings, requireSettings, type DocumentSettings } from './settings.js';
import { Sheet } from './sheet.js';

export interface NoticeOptions {
  /** The public site; default the event's `publicUrl` setting. A family's page is `<base>/portal/<event>/applicant/<reg>`. */
  baseUrl?: string;
  fonts?: CjkFonts;
  /** Write the PDF to this file as it is made (the bytes returned are then empty). */
  file?: string;
  /** Called after every letter of a batch with the letters done and the total. */
  onProgress?: (done: number, total: number) => void;
}

const ACT = { zh: '生成录取通知书（须先正式摇号）', en: 'print notices (after the official draw)' };

type NoticeSettings = ReturnType<typeof noticeSettings>;

function noticeSettings(settings: DocumentSettings) {
  return requireSettings(settings, 'notices');
}

/** The public site for the QR codes: given, or the event's setting; else refused naming the setting. */
export function publicBase(given: string | undefined, settings: DocumentSettings): string {
  if (given) return checkBaseUrl(given);
  if (settings.publicUrl) return checkBaseUrl(settings.publicUrl);
  throw new FairDrawError(
    'document.settings-missing',
    '请在文书信息中填写公开核验网址（publicUrl），或用 --base-url 给出，如 https://yaohao.example.gov.cn',
    'fill in the public site address (publicUrl) in the document settings, or give --base-url, e.g. https://yaohao.example.gov.cn',
    { field: 'publicUrl' },
  );
}

/** One family's notice as a PDF. */
export async function applicantNoticePdf(office: Office, eventId: string, regNo: string, options: NoticeOptions = {}): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, ACT);
  const settings = await documentSettings(office, eventId);
  const s = noticeSettings(settings);
  const baseUrl = publicBase(options.baseUrl, settings);
  const repos = office.store.repos;
  const applicant = await repos.applicants.getByRegNo(eventId, regNo);
  if (!applicant) {
    throw new FairDrawError(
      'document.no-applicant',
      `批次 ${eventId} 中没有报名号 ${regNo}`,
      `event ${eventId} has no registration number ${regNo}`,
      {
        field: 'reg',
      },
    );
  }
  const outcome = outcomeOf(d, applicant, await repos.offers.listByApplicant(eventId, regNo));
  const sheet = new Sheet({
    title: d.event.title,
    subject: `${noticeTitle(outcome)} ${regNo}`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    footer: `报名号 ${regNo}`,
    file: options.file,
  });
  sheet.section();
  renderNotice(sheet, d, applicant, outcome, s, baseUrl, office.clock.now().toISOString());
  return sheet.finish();
}

interface Recipient {
  applicant: ApplicantRow;
  outcome: ApplicantOutcome;
}

/**
 * The families whose letter belongs to each unit: those holding a seat there, and those without a
 * seat anywhere whose first choice it is. Over all units this is every applicant exactly once.
 * Order within a unit: seat holders in admission order, then by waitlist place, then by 报名号.
 */
export function recipientsByUnit(
  d: DrawnEvent,
  applicants: readonly ApplicantRow[],
  offers: readonly OfferRow[],
): Map<string, Recipient[]> {
  const byReg = new Map<string, OfferRow[]>();
  for (const o of offers) {
    const list = byReg.get(o.reg_no);
    if (list) list.push(o);
    else byReg.set(o.reg_no, [o]);
  }
  const out = new Map<string, Recipient[]>(d.record.units.map((u) => [u.id, []]));
  for (const applicant of applicants) {
    const outcome = outcomeOf(d, applicant, byReg.get(applicant.reg_no) ?? []);
    const unit = outcome.seatUnit ?? choicesOf(applicant)[0]?.unit;
    if (unit !== undefined) out.get(unit)?.push({ applicant, outcome });
  }
  for (const u of d.record.units) {
    const ranks = new Map<string, number>();
    u.admitted.forEach((reg, i) => ranks.set(reg, i));
    u.waitlist.forEach((reg, i) => ranks.set(reg, u.admitted.length + i));
    const rank = (reg: string): number => ranks.get(reg) ?? Number.MAX_SAFE_INTEGER;
    out.get(u.id)!.sort((x, y) => {
      const held = Number(y.outcome.seatUnit === u.id) - Number(x.outcome.seatUnit === u.id);
      return held || rank(x.applicant.reg_no) - rank(y.applicant.reg_no) || (x.applicant.reg_no < y.applicant.reg_no ? -1 : 1);
    });
  }
  return out;
}

/**
 * The notices of one unit's families, or (unit undefined) of every family, unit after unit: one
 * PDF, each letter numbered on its own.
 */
export async function noticesPdf(
  office: Office,
  eventId: string,
  unitId: string | undefined,
  options: NoticeOptions = {},
): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, ACT);
  const settings = await documentSettings(office, eventId);
  const s = noticeSettings(settings);
  const baseUrl = publicBase(options.baseUrl, settings);
  const repos = office.store.repos;
  const byUnit = recipientsByUnit(d, await repos.applicants.listByEvent(eventId), await repos.offers.listByEvent(eventId));
  if (unitId !== undefined && !byUnit.has(unitId)) {
    throw new FairDrawError('document.no-unit', `没有编号为 ${unitId} 的招生单元`, `there is no unit ${unitId}`, { field: 'unit' });
  }
  const units = unitId === undefined ? [...byUnit.keys()] : [unitId];
  const total = units.reduce((n, u) => n + byUnit.get(u)!.length, 0);
  if (total === 0) {
    throw new FairDrawError(
      'document.no-recipients',
      `${unitId ? unitName(d, unitId) : '本批次'}没有需要发放通知书的报名者`,
      `no family's notice belongs to ${unitId ? `unit ${unitId}` : 'this event'}`,
      { field: 'unit' },
    );
  }
  const sheet = new Sheet({
    title: d.event.title,
    subject: `${unitId ? unitName(d, unitId) : d.event.title} 录取通知书及未录取告知书`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    file: options.file,
  });
  const issuedAt = office.clock.now().toISOString();
  let done = 0;
  for (const u of units) {
    for (const r of byUnit.get(u)!) {
      sheet.section(`${unitName(d, u)}（${u}） 报名号 ${r.applicant.reg_no}`);
      renderNotice(sheet, d, r.applicant, r.outcome, s, baseUrl, issuedAt);
      options.onProgress?.(++done, total);
      // Finished letters go to the file as we go; wait whenever it is behind (backpressure).
      if (done % 25 === 0) await sheet.drained();
    }
  }
  return sheet.finish();
}

/** The letter's title, agreeing with its table. */
export function noticeTitle(o: ApplicantOutcome): string {
  if (o.seatUnit !== null) return '录取通知书';
  if (o.drawnUnit !== null && o.offerStatus === 'declined') return '放弃学位确认通知书';
  if (o.drawnUnit !== null && o.offerStatus === 'revoked') return '取消录取告知书';
  return o.choices.some((c) => c.result === 'waitlist') ? '未录取及候补告知书' : '未录取告知书';
}

/** The result at one choice as the table prints it. */
export function choiceResultZh(o: ApplicantOutcome, c: ChoiceOutcome): string {
  if (o.seatUnit === c.unit) return o.viaWaitlist || c.viaWaitlist ? '递补录取' : '录取';
  if (c.offerStatus === 'declined') return '已放弃';
  if (c.offerStatus === 'revoked') return '已取消';
  if (c.offerStatus === 'released') return '已释放（改录其他志愿）';
  if (c.result === 'admitted') return '录取';
  if (c.result === 'waitlist') return '候补';
  return o.seatUnit !== null || o.drawnUnit !== null ? '不再参与（已被其他志愿录取）' : '未录取';
}

/** Address columns an import may carry (kept in `extra` under the header as written). */
const ADDRESS_HEADERS = ['邮寄地址', '通讯地址', '通信地址', '联系地址', '家庭住址', '家庭地址', '现住址', '住址', '地址'];
const POSTCODE_HEADERS = ['邮政编码', '邮编'];

export function mailingAddress(a: ApplicantRow): { address?: string; postcode?: string } {
  let extra: Record<string, string> = {};
  try {
    extra = JSON.parse(a.extra || '{}') as Record<string, string>;
  } catch {
    extra = {};
  }
  const pick = (names: readonly string[]): string | undefined => names.map((n) => extra[n]?.trim()).find((v) => v);
  return { address: pick(ADDRESS_HEADERS), postcode: pick(POSTCODE_HEADERS) };
}

/** `2026-06-20T17:00` → `2026年6月20日17:00`. */
function deadline(t: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(t);
  if (!m) return t;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日${m[4] ?? ''}`;
}

function renderNotice(
  sheet: Sheet,
  d: DrawnEvent,
  a: ApplicantRow,
  o: ApplicantOutcome,
  s: NoticeSettings,
  baseUrl: string,
  issuedAt: string,
): void {
  const admitted = o.seatUnit !== null;
  const url = applicantUrl(baseUrl, d.event.id, a.reg_no);
  const drawnOn = chineseDate(d.draw.created_at);
  const onWaitlist = o.choices.filter((c) => c.result === 'waitlist' && c.offerStatus === undefined);

  // Window envelope (DL, window at 20 mm from the left, 45–90 mm from the top): the recipient.
  const top = sheet.y;
  sheet.paragraph(s.issuer, { role: 'sans', size: 9, align: 'left', color: '#404040', after: 0 });
  sheet.y = top + 56;
  const { address, postcode } = mailingAddress(a);
  const envelope: string[] = [];
  if (postcode) envelope.push(postcode);
  if (address) envelope.push(address);
  envelope.push(`${a.guardian || `${a.name}同学家长`} 收`);
  for (const line of envelope) sheet.paragraph(line, { size: 11.5, align: 'left', width: 240, after: 1, leading: 1.5 });
  sheet.y = Math.max(sheet.y, top + 128);

  sheet.titleBlock(
    [
      { text: d.event.title, size: 12, role: 'sans' },
      { text: noticeTitle(o), size: 24 },
    ],
    2,
  );
  sheet.paragraph(`报名号 ${a.reg_no}`, { role: 'mono', size: 10, align: 'right', after: 4 });
  sheet.paragraph(`${a.guardian ? `${a.guardian}（${a.name}同学家长）` : `${a.name}同学的家长`}：`, { size: 12, after: 2, leading: 1.7 });

  const intro = `您的孩子${a.name}（报名号 ${a.reg_no}）参加了${d.event.title}。`;
  const body: string[] = [];
  if (admitted) {
    const unit = unitName(d, o.seatUnit!);
    body.push(
      o.viaWaitlist
        ? `${intro}经${drawnOn}公开进行的电脑随机摇号及其后按候补顺序的递补，${a.name}被${unit}录取。`
        : `${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}被${unit}录取。`,
    );
  } else if (o.drawnUnit !== null && (o.offerStatus === 'declined' || o.offerStatus === 'revoked')) {
    body.push(
      `${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}曾被${unitName(d, o.drawnUnit)}录取，该学位已${o.offerStatus === 'declined' ? '按您的申请放弃' : '被取消'}，不再保留。`,
    );
  } else {
    body.push(`${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}未被所填报的志愿录取。`);
  }
  if (!admitted && onWaitlist.length > 0) {
    body.push(
      `您的孩子已列入${onWaitlist.map((c) => `${c.name}（候补第 ${c.waitlistPosition} 位）`).join('、')}的候补名单。录取后如有学位空出，将严格按候补顺序依次递补，届时另行通知，不重新摇号。`,
    );
  }
  for (const p of body) sheet.paragraph(p, { size: 11.5, indent: 2, leading: 1.75, after: 2 });

  // What to do, and by when.
  const todo: string[] = admitted
    ? [
        `请于${deadline(s.confirmBy)}前登录报名平台或到${unitName(d, o.seatUnit!)}确认是否接受学位；逾期未确认的，视为放弃。`,
        `请于${deadline(s.reportDate)}到${s.reportPlace}报到，携带：${s.reportDocuments}。`,
        `如有疑问，请致电 ${s.contactPhone}。`,
      ]
    : [
        onWaitlist.length > 0
          ? '候补期间请保持联系电话畅通；递补录取时将电话通知，并另行发放书面通知。'
          : '请留意教育行政部门关于统筹安排入学的通知。',
        `如有疑问，请致电 ${s.contactPhone}${s.objectionPhone ? `；对摇号结果有异议的，可在公示期内致电 ${s.objectionPhone}` : ''}。`,
      ];
  sheet.paragraph('请您办理：', { role: 'bold', size: 10.5, after: 1 });
  todo.forEach((t, i) => sheet.paragraph(`${i + 1}. ${t}`, { size: 10.5, leading: 1.6, after: 1, inset: 12 }));

  sheet.space(4);
  sheet.table(
    [
      { header: '志愿', width: 0.55, align: 'center' },
      { header: '招生单元', width: 2.3 },
      { header: '类别', width: 0.75, align: 'center' },
      { header: '结果', width: 1.6, align: 'center' },
      { header: '候补位次', width: 0.9, align: 'center' },
    ],
    o.choices.map((c, i) => [
      `第${i + 1}志愿`,
      `${c.name}（${c.unit}）`,
      `第 ${c.tier} 类`,
      choiceResultZh(o, c),
      c.waitlistPosition === undefined ? '—' : `第 ${c.waitlistPosition} 位`,
    ]),
    { size: 9.5 },
  );
  sheet.paragraph(
    '类别：各招生单元先按类别排序，第 1 类优先于第 2 类，依此类推（类别按报名时登记的情况确定，如户籍、居住年限）；同一类别内按随机号从小到大排序。',
    { role: 'sans', size: 8.5, color: '#404040', after: 3 },
  );
  const tickets = [...new Set(o.choices.map((c) => c.ticket))];
  sheet.paragraph('随机号（由公开数据计算得出，可自行核验）：', { role: 'sans', size: 9, after: 0 });
  if (tickets.length === 1) sheet.paragraph(tickets[0]!, { role: 'mono', size: 8, align: 'left', after: 4 });
  else for (const c of o.choices) sheet.paragraph(`${c.unit}  ${c.ticket}`, { role: 'mono', size: 8, align: 'left', after: 0 });

  sheet.qrBeside(url, 84, (w) => {
    sheet.paragraph('扫描右侧二维码或访问以下网址，可查询本人结果、随机号和名单收录证明，并核验整个摇号过程：', {
      role: 'sans',
      size: 9,
      width: w,
      after: 1,
    });
    sheet.paragraph(url, { role: 'mono', size: 8, width: w, align: 'left', after: 2 });
    sheet.paragraph(`结果记录哈希（SHA-256）${d.draw.record_sha256}`, { role: 'mono', size: 6.5, width: w, align: 'left', after: 0 });
  });

  sheet.ensure(58);
  sheet.paragraph(`${s.issuer}（盖章）`, { size: 11.5, align: 'right', after: 1 });
  sheet.paragraph(chineseDate(issuedAt), { size: 11.5, align: 'right', after: 1 });
}

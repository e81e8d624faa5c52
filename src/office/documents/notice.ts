/**
 * 录取通知书 / 未录取及候补告知书: the letter to one family. Unlike every public document it carries
 * the child's full name, because it is addressed to the family; it also gives the 报名号, the result
 * at each choice, the waitlist place, the ticket, and a QR code to the family's own page.
 */
import { FairDrawError } from '../../core/errors.js';
import type { ApplicantRow } from '../../store/repositories/applicants.repository.js';
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import { choicesOf } from '../documents.js';
import type { Office } from '../ports.js';
import { loadDrawnEvent, outcomeOf, unitName, type ApplicantOutcome, type DrawnEvent } from './drawn-event.js';
import type { CjkFonts } from './fonts.js';
import { applicantUrl, beijingTime, chineseDate, qrPng } from './format.js';
import { Sheet } from './sheet.js';

export interface NoticeOptions {
  /** The public site; a family's page is `<base>/portal/<event>/applicant/<reg>`. */
  baseUrl: string;
  fonts?: CjkFonts;
  /** Who sends the letter (printed above the seal), e.g. `某某区教育局`. */
  issuer?: string;
}

const ACT = { zh: '生成录取通知书（须先正式摇号）', en: 'print notices (after the official draw)' };

/** One family's notice as a one-page PDF. */
export async function applicantNoticePdf(office: Office, eventId: string, regNo: string, options: NoticeOptions): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, ACT);
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
  });
  await renderNotice(sheet, d, applicant, outcome, options, office.clock.now().toISOString());
  return sheet.finish();
}

/**
 * The families whose letter belongs to a unit: those holding a seat there, and those without a
 * seat anywhere whose first choice it is. Over all units this is every applicant exactly once, so
 * printing each unit's batch prints each family's letter once. Order: seat holders in admission
 * order, then by waitlist place at the unit, then by 报名号.
 */
export function noticeRecipients(
  d: DrawnEvent,
  applicants: readonly ApplicantRow[],
  offers: readonly OfferRow[],
  unitId: string,
): { applicant: ApplicantRow; outcome: ApplicantOutcome }[] {
  const unit = d.record.units.find((u) => u.id === unitId);
  if (!unit) {
    throw new FairDrawError('document.no-unit', `没有编号为 ${unitId} 的招生单元`, `there is no unit ${unitId}`, { field: 'unit' });
  }
  const byReg = new Map<string, OfferRow[]>();
  for (const o of offers) {
    const list = byReg.get(o.reg_no);
    if (list) list.push(o);
    else byReg.set(o.reg_no, [o]);
  }
  const ranks = new Map<string, number>();
  unit.admitted.forEach((reg, i) => ranks.set(reg, i));
  unit.waitlist.forEach((reg, i) => ranks.set(reg, unit.admitted.length + i));
  const rank = (reg: string): number => ranks.get(reg) ?? Number.MAX_SAFE_INTEGER;
  return applicants
    .map((applicant) => ({ applicant, outcome: outcomeOf(d, applicant, byReg.get(applicant.reg_no) ?? []) }))
    .filter(({ applicant, outcome }) =>
      outcome.seatUnit !== null ? outcome.seatUnit === unitId : choicesOf(applicant)[0]?.unit === unitId,
    )
    .sort((x, y) => {
      const held = Number(y.outcome.seatUnit === unitId) - Number(x.outcome.seatUnit === unitId);
      return held || rank(x.applicant.reg_no) - rank(y.applicant.reg_no) || (x.applicant.reg_no < y.applicant.reg_no ? -1 : 1);
    });
}

/** Every notice of a unit's families (see noticeRecipients), one per page, in one PDF. */
export async function unitNoticesPdf(office: Office, eventId: string, unitId: string, options: NoticeOptions): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, ACT);
  const repos = office.store.repos;
  const recipients = noticeRecipients(d, await repos.applicants.listByEvent(eventId), await repos.offers.listByEvent(eventId), unitId);
  if (recipients.length === 0) {
    throw new FairDrawError(
      'document.no-recipients',
      `${unitName(d, unitId)}没有需要发放通知书的报名者`,
      `no family's notice belongs to unit ${unitId}`,
      { field: 'unit' },
    );
  }
  const sheet = new Sheet({
    title: d.event.title,
    subject: `${unitName(d, unitId)} 录取通知书及未录取告知书`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    footer: `${unitName(d, unitId)}（${unitId}）`,
  });
  for (const [i, r] of recipients.entries()) {
    if (i > 0) sheet.newPage();
    await renderNotice(sheet, d, r.applicant, r.outcome, options, office.clock.now().toISOString());
  }
  return sheet.finish();
}

export function noticeTitle(o: ApplicantOutcome): string {
  return o.seatUnit !== null ? '录取通知书' : '未录取及候补告知书';
}

const RESULT_ZH = { admitted: '录取', waitlist: '候补', 'not-considered': '已被较高志愿录取' } as const;

async function renderNotice(
  sheet: Sheet,
  d: DrawnEvent,
  a: ApplicantRow,
  o: ApplicantOutcome,
  options: NoticeOptions,
  issuedAt: string,
): Promise<void> {
  const admitted = o.seatUnit !== null;
  const url = applicantUrl(options.baseUrl, d.event.id, a.reg_no);
  const qr = await qrPng(url);
  const drawnOn = chineseDate(d.draw.created_at);

  sheet.space(6);
  sheet.titleBlock(
    [
      { text: d.event.title, size: 12.5, role: 'sans' },
      { text: noticeTitle(o), size: 26 },
    ],
    4,
  );
  sheet.paragraph(`报名号 ${a.reg_no}`, { role: 'mono', size: 10.5, align: 'right', after: 8 });
  sheet.paragraph(`${a.name}同学的家长：`, { size: 12.5, after: 6, leading: 1.9 });

  const intro = `您的孩子${a.name}（报名号 ${a.reg_no}）参加了${d.event.title}。`;
  const body: string[] = [];
  if (admitted) {
    const unit = unitName(d, o.seatUnit!);
    body.push(
      o.viaWaitlist
        ? `${intro}经${drawnOn}公开进行的电脑随机摇号及其后按候补顺序的递补，${a.name}被${unit}录取。`
        : `${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}被${unit}录取。`,
    );
    body.push('请按教育行政部门通知的时间和要求，持本通知书到校办理入学手续。');
  } else {
    const lost = o.drawnUnit !== null && (o.offerStatus === 'declined' || o.offerStatus === 'revoked');
    body.push(
      lost
        ? `${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}曾被${unitName(d, o.drawnUnit!)}录取，该学位已${o.offerStatus === 'declined' ? '放弃' : '被取消'}。`
        : `${intro}经${drawnOn}公开进行的电脑随机摇号，${a.name}未被所填报的志愿录取。`,
    );
    if (o.choices.some((c) => c.result === 'waitlist')) {
      body.push('您的孩子已列入下表所列招生单元的候补名单。录取后如有学位空出，将严格按候补顺序依次递补，届时另行通知，不重新摇号。');
    }
    body.push('如未获递补，请留意教育行政部门关于统筹安排入学的通知。');
  }
  for (const p of body) sheet.paragraph(p, { size: 12, indent: 2, leading: 1.9, after: 4 });

  sheet.space(6);
  sheet.paragraph('摇号结果明细', { role: 'bold', size: 10.5, after: 3 });
  sheet.table(
    [
      { header: '志愿', width: 0.6, align: 'center' },
      { header: '招生单元', width: 2.4 },
      { header: '类别', width: 0.6, align: 'center' },
      { header: '结果', width: 1.5, align: 'center' },
      { header: '候补位次', width: 0.9, align: 'center' },
    ],
    o.choices.map((c, i) => [
      String(i + 1),
      `${c.name}（${c.unit}）`,
      String(c.tier),
      o.seatUnit === c.unit && o.viaWaitlist ? '递补录取' : RESULT_ZH[c.result],
      c.waitlistPosition === undefined ? '—' : `第 ${c.waitlistPosition} 位`,
    ]),
    { size: 10 },
  );
  const tickets = [...new Set(o.choices.map((c) => c.ticket))];
  sheet.paragraph('随机号（由公开数据计算得出，可自行核验）：', { role: 'sans', size: 9.5, after: 1 });
  if (tickets.length === 1) sheet.paragraph(tickets[0]!, { role: 'mono', size: 8.5, align: 'left', after: 6 });
  else for (const c of o.choices) sheet.paragraph(`${c.unit}  ${c.ticket}`, { role: 'mono', size: 8.5, align: 'left', after: 1 });

  const size = 92;
  sheet.space(6);
  sheet.ensure(size + 8);
  const top = sheet.y;
  sheet.image(qr, sheet.right - size, top, size);
  const w = sheet.width - size - 16;
  sheet.paragraph('扫描右侧二维码或访问以下网址，可查询本人结果、随机号和名单收录证明，并核验整个摇号过程：', {
    role: 'sans',
    size: 9.5,
    width: w,
    after: 2,
  });
  sheet.paragraph(url, { role: 'mono', size: 8.5, width: w, align: 'left', after: 3 });
  sheet.paragraph(`随机种子 ${d.record.seed}`, { role: 'mono', size: 6.5, width: w, align: 'left', after: 0 });
  sheet.paragraph(`结果记录 SHA-256 ${d.draw.record_sha256}`, { role: 'mono', size: 6.5, width: w, align: 'left', after: 0 });
  sheet.y = Math.max(sheet.y, top + size) + 18;

  sheet.ensure(70);
  sheet.paragraph(options.issuer ?? '发文单位（盖章）：', { size: 12, align: 'right', after: 2 });
  sheet.paragraph(chineseDate(issuedAt), { size: 12, align: 'right', after: 2 });
  sheet.paragraph(`摇号时间 ${beijingTime(d.draw.created_at, false)}（北京时间）`, {
    role: 'sans',
    size: 8,
    align: 'right',
    color: '#606060',
  });
}

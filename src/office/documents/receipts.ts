/**
 * 报名回执 (PDF): each family's receipt on paper, followed by the event's 个人信息告知书, so a family
 * is handed both in one document. The receipt gives the 报名号, the child's masked name (never the
 * full name or an ID-card number), the choices as published, the list root with the inclusion
 * proof of the family's line (src/office/receipts.ts), a QR code to the family's own page (which
 * checks that proof against the published root), and, until the event is erased, the opening of
 * the person commitment: the salt with which the family can show that its registration number
 * stands for its own child (docs/audit.md §2).
 *
 * One family (`reg`), the families of one unit (those whose first choice it is, so over all units
 * every family once), or every family: one PDF, each family's receipt and notice numbered on their
 * own ("第 1 页 共 3 页"). Available from publication on, before the draw: receipts are what a
 * family keeps from registration.
 */
import { FairDrawError } from '../../core/errors.js';
import type { Office } from '../ports.js';
import { maskName } from '../masking.js';
import { privacyNotice, type PrivacyNotice } from '../privacy/notice.js';
import { receiptsOf, type Receipt } from '../receipts.js';
import type { CjkFonts } from './fonts.js';
import { applicantUrl, chineseDate } from './format.js';
import { publicBase } from './notice.js';
import { renderPrivacyNotice } from './privacy-notice.js';
import { documentSettings } from './settings.js';
import { Sheet } from './sheet.js';

export interface ReceiptOptions {
  /** Only this unit's families (first choice); default every family. */
  unit?: string;
  /** Only this family. */
  reg?: string;
  /** The public site for the QR codes; default the event's `publicUrl` setting. */
  baseUrl?: string;
  fonts?: CjkFonts;
  /** Write the PDF to this file as it is made (the bytes returned are then empty). */
  file?: string;
  /** Called after every family of a batch with the families done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** One family's line in the published list: `{id, choices, group?}`. */
interface ListLine {
  id: string;
  choices: { unit: string; tier: number }[];
  group?: string;
}

export interface ReceiptFamily {
  receipt: Receipt;
  /** The name as the public sees it. */
  maskedName: string;
  line: ListLine;
}

/**
 * The families a receipts document holds, in list order (by 报名号): the whole event, one unit's
 * (first choice) or one family. Refused before publication, for a unit or number not in the list,
 * and when a unit has no family.
 */
export async function receiptFamilies(
  office: Office,
  eventId: string,
  options: Pick<ReceiptOptions, 'unit' | 'reg'> = {},
): Promise<ReceiptFamily[]> {
  const repos = office.store.repos;
  const receipts = await receiptsOf(repos, eventId);
  const names = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a.name]));
  let families = receipts.map((receipt) => ({
    receipt,
    maskedName: maskName(names.get(receipt.regNo) ?? ''),
    line: JSON.parse(receipt.line) as ListLine,
  }));
  if (options.unit !== undefined) {
    const units = await repos.events.listUnits(eventId);
    const unit = units.find((u) => u.id === options.unit);
    if (!unit) {
      throw new FairDrawError('document.no-unit', `没有编号为 ${options.unit} 的招生单元`, `there is no unit ${options.unit}`, {
        field: 'unit',
      });
    }
    families = families.filter((f) => f.line.choices[0]?.unit === options.unit);
    if (families.length === 0) {
      throw new FairDrawError(
        'document.no-recipients',
        `没有以${unit.name}为第一志愿的报名者，没有回执可打印`,
        `no family has unit ${options.unit} as its first choice: there are no receipts to print`,
        { field: 'unit' },
      );
    }
  }
  if (options.reg !== undefined) {
    families = families.filter((f) => f.receipt.regNo === options.reg);
    if (families.length === 0) {
      throw new FairDrawError(
        'receipt.missing',
        `公示名单中没有报名号 ${options.reg}${options.unit ? `（第一志愿为 ${options.unit}）` : ''}`,
        `the published list has no registration number ${options.reg}${options.unit ? ` with first choice ${options.unit}` : ''}`,
        { field: 'reg' },
      );
    }
  }
  return families;
}

/** The receipts, each followed by the privacy notice, as one PDF. */
export async function receiptsPdf(office: Office, eventId: string, options: ReceiptOptions = {}): Promise<Uint8Array> {
  const families = await receiptFamilies(office, eventId, options);
  const settings = await documentSettings(office, eventId);
  const baseUrl = publicBase(options.baseUrl, settings);
  const notice = await privacyNotice(office, eventId);
  const units = new Map((await office.store.repos.events.listUnits(eventId)).map((u) => [u.id, u.name]));
  const issuedAt = office.clock.now().toISOString();
  const only = families.length === 1 ? families[0]!.receipt.regNo : undefined;
  const sheet = new Sheet({
    title: notice.title,
    subject: only ? `报名回执 ${only}` : `${options.unit ? (units.get(options.unit) ?? options.unit) : notice.title} 报名回执`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    header: notice.issuer ?? undefined,
    file: options.file,
  });
  let done = 0;
  for (const f of families) {
    sheet.section(`报名号 ${f.receipt.regNo}`);
    renderReceipt(sheet, notice, f, units, applicantUrl(baseUrl, eventId, f.receipt.regNo), issuedAt);
    sheet.newPage();
    renderPrivacyNotice(sheet, notice, issuedAt);
    options.onProgress?.(++done, families.length);
    if (done % 25 === 0) await sheet.drained();
  }
  return sheet.finish();
}

/** A hash in groups of eight, so it can be read aloud and copied by hand. */
export function grouped(hex: string): string {
  return hex.replace(/(.{8})(?=.)/g, '$1 ');
}

const MONO = { role: 'mono', size: 7.5, align: 'left', after: 1, leading: 1.45 } as const;
const NOTE = { role: 'sans', size: 8.5, color: '#404040', after: 3, leading: 1.5 } as const;

/** An RFC 6962 path, leaf upwards, two hashes a line (a list of 10,000 needs 14 hashes: 7 lines). */
function proofPath(sheet: Sheet, label: string, path: readonly string[]): void {
  sheet.paragraph(`${label}（自下而上，共 ${path.length} 项）`, { ...MONO, role: 'sans' });
  for (let i = 0; i < path.length; i += 2) {
    const cell = (j: number): string => (j < path.length ? `${String(j + 1).padStart(2, ' ')}. ${path[j]}` : '');
    sheet.paragraph(`${cell(i)}   ${cell(i + 1)}`.trimEnd(), { ...MONO, size: 6.5, inset: 8, after: 0 });
  }
  sheet.space(4);
}

function renderReceipt(
  sheet: Sheet,
  notice: PrivacyNotice,
  f: ReceiptFamily,
  units: ReadonlyMap<string, string>,
  url: string,
  issuedAt: string,
): void {
  const r = f.receipt;
  sheet.titleBlock(
    [
      { text: notice.title, size: 13, role: 'sans' },
      { text: '报名回执', size: 22 },
      { text: 'Application receipt', size: 10, role: 'sans', color: '#555555' },
    ],
    8,
  );
  sheet.table(
    [
      { header: '项目', width: 1.2 },
      { header: '内容', width: 3, role: 'mono' },
    ],
    [
      ['报名号', r.regNo],
      ['姓名（已遮挡）', f.maskedName || '—'],
      ['公示名单', `第 ${r.version} 版，共 ${r.listSize} 人，本人为第 ${r.proof.index + 1} 行`],
      ...(f.line.group ? [['多胞胎组', `${f.line.group}（同组儿童按组参加摇号）`]] : []),
    ],
    { size: 10, header: false },
  );
  sheet.paragraph('所填志愿（按志愿顺序）', { role: 'bold', size: 10.5, after: 2 });
  sheet.table(
    [
      { header: '志愿', width: 0.7, align: 'center' },
      { header: '招生单元', width: 3 },
      { header: '类别', width: 0.8, align: 'center' },
    ],
    f.line.choices.map((c, i) => [`第${i + 1}志愿`, `${units.get(c.unit) ?? c.unit}（${c.unit}）`, `第 ${c.tier} 类`]),
    { size: 9.5 },
  );

  sheet.paragraph('名单收录证明', { role: 'bold', size: 10.5, after: 1 });
  sheet.paragraph(
    '下面的名单行与证明路径，按 RFC 6962 逐级计算，得到的结果应等于公示名单的名单根（listRoot）；名单根同时印在摇号结果公示上、记在公开的审计日志中。扫描二维码打开本人页面，页面会自动完成这一核验。',
    NOTE,
  );
  sheet.paragraph(`名单行 ${r.line}`, MONO);
  sheet.paragraph(`名单根 listRoot ${grouped(r.listRoot)}`, { ...MONO, role: 'bold' });
  proofPath(sheet, '证明路径', r.proof.path);

  if (r.person) {
    sheet.paragraph('身份承诺的开启值（请妥善保管，不要公开）', { role: 'bold', size: 10.5, after: 1 });
    sheet.paragraph(
      '公示时记入审计日志的只是每个孩子信息的承诺值，不是信息本身。凭下面的随机值（盐）和孩子的姓名、身份证号、出生日期，可以重新算出本人的承诺值并核对它在公示的 personsRoot 之中，证明这个报名号确属您的孩子。他人得到此值，可以用来试探猜测孩子的身份，请勿拍照外传。',
      NOTE,
    );
    sheet.paragraph(`盐 salt ${grouped(r.person.salt)}`, { ...MONO, role: 'bold' });
    sheet.paragraph(`承诺值 commitment ${grouped(r.person.commitment)}`, MONO);
    sheet.paragraph(`personsRoot ${grouped(r.person.personsRoot)}`, MONO);
    proofPath(sheet, '承诺的证明路径（与名单行同一位置）', r.person.proof.path);
  }

  sheet.qrBeside(url, 84, (w) => {
    sheet.paragraph('扫描右侧二维码或访问以下网址，凭报名号查询本人报名信息、名单收录证明和摇号结果：', {
      role: 'sans',
      size: 9,
      width: w,
      after: 1,
    });
    sheet.paragraph(url, { role: 'mono', size: 8, width: w, align: 'left', after: 2 });
    sheet.paragraph('本回执之后附个人信息告知书，说明收集哪些信息、用于什么、谁能看到、保存多久。', {
      role: 'sans',
      size: 8.5,
      width: w,
      color: '#404040',
      after: 0,
    });
  });
  sheet.ensure(40);
  if (notice.issuer) sheet.paragraph(notice.issuer, { size: 11, align: 'right', after: 1 });
  sheet.paragraph(chineseDate(issuedAt), { size: 10.5, align: 'right', after: 1 });
}

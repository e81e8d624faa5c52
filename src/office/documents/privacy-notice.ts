/**
 * 个人信息告知书 (PDF): the families' privacy notice of an event (src/office/privacy/notice.ts) on
 * one or two A4 pages, Chinese with the English in smaller type beneath, to print with the receipts
 * or post at the registration desk. The same for every family: it holds no personal data. Contacts
 * not set in the document settings are left out, never printed blank.
 */
import type { Office } from '../ports.js';
import { NOTICE_SECTIONS, privacyNotice, type Bilingual, type PrivacyNotice } from '../privacy/notice.js';
import { chineseDay } from './announcement.js';
import type { CjkFonts } from './fonts.js';
import { Sheet } from './sheet.js';

export interface PrivacyNoticeOptions {
  fonts?: CjkFonts;
}

const EN = { role: 'sans', size: 8.5, color: '#555555', leading: 1.45 } as const;

/** The privacy notice as PDF bytes. */
export async function privacyNoticePdf(office: Office, eventId: string, options: PrivacyNoticeOptions = {}): Promise<Uint8Array> {
  const n = await privacyNotice(office, eventId);
  const sheet = new Sheet({
    title: '个人信息告知书',
    subject: `${n.title} 个人信息告知书`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    header: n.issuer ?? undefined,
    footer: n.eventId,
  });
  renderPrivacyNotice(sheet, n, office.clock.now().toISOString());
  return sheet.finish();
}

/**
 * Lays the notice out on `sheet` from its current position (the receipts print it after each
 * family's receipt, src/office/documents/receipts.ts). `issuedAt` dates the issuer's line.
 */
export function renderPrivacyNotice(sheet: Sheet, n: PrivacyNotice, issuedAt: string): void {
  sheet.titleBlock(
    [
      { text: n.title, size: 14 },
      { text: '个人信息告知书', size: 18 },
      { text: 'Privacy notice to families', size: 10, role: 'sans', color: '#555555' },
    ],
    10,
  );
  const both = (b: Bilingual, inset = 0, prefix = ''): void => {
    sheet.paragraph(`${prefix}${b.zh}`, { size: 10.5, inset, after: 1 });
    sheet.paragraph(b.en, { ...EN, inset: inset + (prefix ? 10.5 : 0), after: 5 });
  };
  const heading = (b: Bilingual): void => {
    sheet.heading(b.zh, 1, 50);
    sheet.paragraph(b.en, { ...EN, after: 4 });
  };

  sheet.paragraph(n.intro.zh, { indent: 2, after: 2 });
  sheet.paragraph(n.intro.en, { ...EN, after: 6 });

  heading(NOTICE_SECTIONS.collected);
  sheet.table(
    [
      { header: '信息 Data', width: 2 },
      { header: '为什么需要 Why it is needed', width: 5, noteSize: 8 },
    ],
    n.collected.map((c) => [`${c.name.zh}\n${c.name.en}`, `${c.why.zh}\n${c.why.en}`]),
    { size: 10, header: true, zebra: true },
  );

  heading(NOTICE_SECTIONS.purposes);
  for (const p of n.purposes) both(p, 0, '· ');
  heading(NOTICE_SECTIONS.access);
  for (const a of n.access) both(a, 0, '· ');
  heading(NOTICE_SECTIONS.retention);
  both(n.retention.text);
  heading(NOTICE_SECTIONS.rights);
  for (const r of n.rights) both(r, 0, '· ');
  for (const c of n.contacts) {
    sheet.paragraph(`${c.label.zh}：${c.value}`, { role: 'bold', size: 10.5, align: 'left', after: 0 });
    sheet.paragraph(c.label.en, { ...EN, after: 4 });
  }
  if (n.issuer) {
    sheet.space(14);
    sheet.paragraph(n.issuer, { size: 11, align: 'right', after: 1 });
    sheet.paragraph(chineseDay(issuedAt.slice(0, 10)), { size: 10.5, align: 'right' });
  }
}

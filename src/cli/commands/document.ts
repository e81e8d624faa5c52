/**
 * `fairdraw document announcement|ceremony|notice|notices|template`: prints one document of an event
 * to a file (PDF, or XLSX for the template), written atomically.
 */
import { FairDrawError } from '../../core/errors.js';
import { announcementPdf } from '../../office/documents/announcement.js';
import { ceremonyRecordPdf } from '../../office/documents/ceremony.js';
import { applicantNoticePdf, unitNoticesPdf } from '../../office/documents/notice.js';
import { eventImportTemplate } from '../../office/documents/import-template.js';
import { checkBaseUrl } from '../../office/documents/format.js';
import { parseFlags, required, type Flags } from '../args.js';
import { officeFlags, withOffice } from '../office-context.js';
import { writeAtomic, type Output } from '../io.js';

const KINDS = ['announcement', 'ceremony', 'notice', 'notices', 'template'] as const;
type Kind = (typeof KINDS)[number];

const NAMES: Record<Kind, string> = {
  announcement: '摇号结果公告',
  ceremony: '摇号过程记录',
  notice: '录取通知书/告知书',
  notices: '本单元全部通知书',
  template: '报名名单导入模板',
};

/** --base-url, else FAIRDRAW_BASE_URL; refused when neither names a valid address. */
function baseUrlOf(values: Flags): string {
  const v = values['base-url'];
  return checkBaseUrl(typeof v === 'string' ? v : process.env.FAIRDRAW_BASE_URL);
}

export async function document(argv: string[], io: Output): Promise<number> {
  const [kind, ...rest] = argv;
  if (!KINDS.includes(kind as Kind)) {
    throw new FairDrawError(
      'cli.command',
      `未知的文书种类 ${kind ?? ''}（可选：${KINDS.join('、')}）`,
      `unknown document ${kind ?? ''} (${KINDS.join(', ')})`,
      { field: 'document' },
    );
  }
  const { values } = parseFlags(rest, {
    ...officeFlags,
    event: { type: 'string' },
    out: { type: 'string' },
    reg: { type: 'string' },
    unit: { type: 'string' },
    'base-url': { type: 'string' },
    place: { type: 'string' },
    time: { type: 'string' },
  });
  const event = required(values, 'event');
  const out = required(values, 'out');
  const k = kind as Kind;
  // Check every flag before opening the database, so a mistake costs nothing.
  const reg = k === 'notice' ? required(values, 'reg') : undefined;
  const unit = k === 'notices' ? required(values, 'unit') : undefined;
  const baseUrl = k === 'announcement' || k === 'notice' || k === 'notices' ? baseUrlOf(values) : undefined;
  const optional = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return withOffice(values, async (office) => {
    let bytes: Uint8Array;
    if (k === 'announcement') bytes = await announcementPdf(office, event, { baseUrl: baseUrl! });
    else if (k === 'ceremony') {
      const given = optional('base-url') ?? process.env.FAIRDRAW_BASE_URL;
      bytes = await ceremonyRecordPdf(office, event, {
        place: optional('place'),
        time: optional('time'),
        baseUrl: given ? checkBaseUrl(given) : undefined,
      });
    } else if (k === 'notice') bytes = await applicantNoticePdf(office, event, reg!, { baseUrl: baseUrl! });
    else if (k === 'notices') bytes = await unitNoticesPdf(office, event, unit!, { baseUrl: baseUrl! });
    else bytes = await eventImportTemplate(office, event);
    writeAtomic(out, bytes);
    io.out(`${k} written to ${out} / ${NAMES[k]}已写入 ${out}（${bytes.length} 字节）`);
    return 0;
  });
}

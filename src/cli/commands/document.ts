/**
 * `fairdraw document announcement|admitted|ceremony|notice|notices|privacy-notice|receipts|workbook|template`: prints one document of
 * an event to a file (PDF, or XLSX for the workbook and the template), written atomically; and
 * `fairdraw document settings`: shows or changes the fields the documents need (文书信息).
 */
import { renameSync, rmSync } from 'node:fs';
import { FairDrawError } from '../../core/errors.js';
import { admittedListPdf } from '../../office/documents/admitted-list.js';
import { announcementPdf } from '../../office/documents/announcement.js';
import { ceremonyRecordPdf } from '../../office/documents/ceremony.js';
import { applicantNoticePdf, noticesPdf } from '../../office/documents/notice.js';
import { privacyNoticePdf } from '../../office/documents/privacy-notice.js';
import { receiptsPdf } from '../../office/documents/receipts.js';
import { checkBaseUrl } from '../../office/documents/format.js';
import { SETTING_FIELDS, documentSettings, updateDocumentSettings } from '../../office/documents/settings.js';
import { parseFlags, required, type Flags } from '../args.js';
import { officeFlags, withOffice } from '../office-context.js';
import { writeAtomic, type Output } from '../io.js';

const KINDS = [
  'announcement',
  'admitted',
  'ceremony',
  'notice',
  'notices',
  'privacy-notice',
  'receipts',
  'workbook',
  'template',
  'settings',
] as const;
type Kind = (typeof KINDS)[number];

const NAMES: Record<Exclude<Kind, 'settings'>, string> = {
  announcement: '摇号结果公示',
  admitted: '录取名单（一个单元或全部）',
  ceremony: '摇号现场记录',
  notice: '录取通知书/告知书',
  notices: '通知书（一个单元或全部）',
  'privacy-notice': '个人信息告知书',
  receipts: '报名回执（附个人信息告知书）',
  workbook: '内部名单工作簿',
  template: '报名名单导入模板',
};

/** --base-url, else FAIRDRAW_BASE_URL, else (undefined) the event's publicUrl setting. */
function baseUrlOf(values: Flags): string | undefined {
  const v = typeof values['base-url'] === 'string' ? (values['base-url'] as string) : process.env.FAIRDRAW_BASE_URL;
  return v ? checkBaseUrl(v) : undefined;
}

/** `key=value` pairs of --set (an empty value clears the setting). */
function changesOf(sets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) {
      throw new FairDrawError('cli.flag', `--set 应写成 名称=值，实为“${s}”`, `--set takes name=value, found "${s}"`, { field: 'set' });
    }
    out[s.slice(0, eq).trim()] = s.slice(eq + 1);
  }
  return out;
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
    set: { type: 'string', multiple: true },
  });
  const event = required(values, 'event');
  const k = kind as Kind;
  if (k === 'settings') {
    const changes = changesOf((values.set as string[] | undefined) ?? []);
    return withOffice(values, async (office) => {
      const now =
        Object.keys(changes).length > 0
          ? await updateDocumentSettings(office, event, changes, process.env.USER ?? 'cli')
          : await documentSettings(office, event);
      for (const f of SETTING_FIELDS) io.out(`${f.key}\t${f.zh}\t${now[f.key] ?? '（未填写 / not set）'}`);
      return 0;
    });
  }
  const out = required(values, 'out');
  // Check every flag before opening the database, so a mistake costs nothing.
  const reg = k === 'notice' ? required(values, 'reg') : undefined;
  const unit = typeof values.unit === 'string' ? values.unit : undefined;
  const baseUrl = baseUrlOf(values);
  const optional = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return withOffice(values, async (office) => {
    let bytes: Uint8Array;
    if (k === 'announcement') bytes = await announcementPdf(office, event, { baseUrl });
    else if (k === 'admitted') bytes = await admittedListPdf(office, event, unit);
    else if (k === 'ceremony') bytes = await ceremonyRecordPdf(office, event, { place: optional('place'), time: optional('time') });
    else if (k === 'notice') bytes = await applicantNoticePdf(office, event, reg!, { baseUrl });
    else if (k === 'notices') {
      // A batch can be large: streamed to a temporary file beside the target, then renamed.
      const tmp = `${out}.part`;
      try {
        await noticesPdf(office, event, unit, { baseUrl, file: tmp });
        renameSync(tmp, out);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      io.out(`notices written to ${out} / ${NAMES.notices}已写入 ${out}`);
      return 0;
    } else if (k === 'receipts') {
      const tmp = `${out}.part`;
      try {
        await receiptsPdf(office, event, { unit, reg: optional('reg'), baseUrl, file: tmp });
        renameSync(tmp, out);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      io.out(`receipts written to ${out} / ${NAMES.receipts}已写入 ${out}`);
      return 0;
    } else if (k === 'privacy-notice') bytes = await privacyNoticePdf(office, event);
    // The workbook writer (ExcelJS) is loaded only for a workbook.
    else if (k === 'workbook') bytes = await (await import('../../office/exports/unit-workbooks.js')).unitWorkbook(office, event);
    else bytes = await (await import('../../office/documents/import-template.js')).eventImportTemplate(office, event);
    writeAtomic(out, bytes);
    io.out(`${k} written to ${out} / ${NAMES[k]}已写入 ${out}（${bytes.length} 字节）`);
    return 0;
  });
}

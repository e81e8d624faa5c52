/**
 * The documents of an event over HTTP: its 文书信息 (read by every staff role, changed by
 * operators), and the printed documents — 摇号结果公示, 摇号现场记录, the families' notices (one unit
 * or all), the internal workbook, the privacy notice to families and the families' receipts with
 * it — for the console's 文书 section.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { admittedListPdf } from '../../office/documents/admitted-list.js';
import { announcementPdf } from '../../office/documents/announcement.js';
import { ceremonyRecordPdf } from '../../office/documents/ceremony.js';
import { applicantNoticePdf, noticesPdf } from '../../office/documents/notice.js';
import { privacyNoticePdf } from '../../office/documents/privacy-notice.js';
import { receiptFamilies, receiptsPdf } from '../../office/documents/receipts.js';
import { REQUIRED, SETTING_FIELDS, documentSettings, updateDocumentSettings } from '../../office/documents/settings.js';
import type { Office } from '../../office/ports.js';
import { actorOf } from '../auth.js';
import { DocumentParams, DocumentQuery, DocumentSettings, DocumentSettingsChange, EventParams } from '../../api/staff.js';
import { access } from '../access.js';
import { exportReason, recordLook } from '../../office/privacy/access-log.js';
import { familiesOf } from '../../office/staff-views.js';
import { staffName } from './privacy.js';

async function settingsBody(office: Office, id: string): Promise<DocumentSettings> {
  const now = await documentSettings(office, id);
  return {
    fields: SETTING_FIELDS.map((f) => ({ ...f, value: now[f.key] ?? null })),
    required: Object.fromEntries(Object.entries(REQUIRED).map(([k, v]) => [k, [...v]])),
  };
}

/** The address families reach this server at, when the event names no public site. */
function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function send(reply: FastifyReply, bytes: Uint8Array, type: string, name: string): FastifyReply {
  reply.header('content-type', type);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  reply.header('cache-control', 'no-store');
  return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const PDF = 'application/pdf';

export const documentRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/events/:id/settings',
          { schema: { tags: ['documents'], params: EventParams, response: { 200: DocumentSettings } } },
          async (req) => settingsBody(office, req.params.id),
        );

        app.get(
          '/api/events/:id/documents/:file',
          {
            schema: {
              tags: ['documents'],
              params: DocumentParams,
              querystring: DocumentQuery,
            },
          },
          async (req, reply) => {
            const { id, file } = req.params;
            const settings = await documentSettings(office, id);
            const baseUrl = settings.publicUrl ? undefined : origin(req);
            if (file === 'announcement.pdf')
              return send(reply, await announcementPdf(office, id, { baseUrl }), PDF, `${id}-摇号结果公示.pdf`);
            // The privacy notice holds no personal data: any time, no reason asked.
            if (file === 'privacy-notice.pdf') return send(reply, await privacyNoticePdf(office, id), PDF, `${id}-个人信息告知书.pdf`);
            // 录取名单: 报名号 and masked names only, like the announcement: no reason asked.
            if (file === 'admitted.pdf') {
              const unit = req.query.unit || undefined;
              return send(reply, await admittedListPdf(office, id, unit), PDF, `${id}-${unit ?? '全部'}-录取名单.pdf`);
            }
            if (file === 'ceremony.pdf') return send(reply, await ceremonyRecordPdf(office, id), PDF, `${id}-摇号现场记录.pdf`);
            // Notices carry guardians' names, the workbook full names, the receipts each family's salt:
            // each download is a look, and needs a reason before anything is made.
            const reason = exportReason(req.query.reason);
            const look = (
              what: 'document.notice' | 'document.notices' | 'document.receipts' | 'export.workbook',
              families: number,
              details = {},
            ) =>
              recordLook(office, {
                actor: staffName(req),
                eventId: id,
                what,
                families,
                reason,
                details,
              });
            if (file === 'notice.pdf') {
              const reg = req.query.reg ?? '';
              await look('document.notice', 1, { regNo: reg });
              return send(reply, await applicantNoticePdf(office, id, reg, { baseUrl }), PDF, `${id}-${reg}-通知书.pdf`);
            }
            if (file === 'receipts.pdf') {
              // 报名回执 with the privacy notice: from publication on; one family, one unit or all.
              const unit = req.query.unit || undefined;
              const reg = req.query.reg || undefined;
              const families = (await receiptFamilies(office, id, { unit, reg })).length;
              const dir = mkdtempSync(join(tmpdir(), 'fairdraw-receipts-'));
              try {
                const path = join(dir, 'receipts.pdf');
                await receiptsPdf(office, id, { unit, reg, baseUrl, file: path });
                await look('document.receipts', families, { unit: unit ?? null, regNo: reg ?? null });
                return send(reply, new Uint8Array(readFileSync(path)), PDF, `${id}-${reg ?? unit ?? '全部'}-报名回执.pdf`);
              } finally {
                rmSync(dir, { recursive: true, force: true });
              }
            }
            if (file === 'notices.pdf') {
              // A whole event's letters are streamed to a temporary file, then sent from it.
              const dir = mkdtempSync(join(tmpdir(), 'fairdraw-notices-'));
              try {
                const path = join(dir, 'notices.pdf');
                // The families the batch holds: one unit's, or every family.
                let families = 0;
                await noticesPdf(office, id, req.query.unit || undefined, {
                  baseUrl,
                  file: path,
                  onProgress: (_, total) => (families = total),
                });
                await look('document.notices', families, { unit: req.query.unit ?? null });
                return send(reply, new Uint8Array(readFileSync(path)), PDF, `${id}-${req.query.unit ?? '全部'}-通知书.pdf`);
              } finally {
                rmSync(dir, { recursive: true, force: true });
              }
            }
            // The workbook writer (ExcelJS) is loaded when a workbook is first asked for.
            const { unitWorkbook } = await import('../../office/exports/unit-workbooks.js');
            const workbook = await unitWorkbook(office, id);
            await look('export.workbook', await familiesOf(office, id));
            return send(reply, workbook, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${id}-内部名单.xlsx`);
          },
        );
      }),
    );

    await app.register(
      access.operator(async (app) => {
        app.put(
          '/api/events/:id/settings',
          {
            schema: {
              tags: ['documents'],
              params: EventParams,
              body: DocumentSettingsChange,
              response: { 200: DocumentSettings },
            },
          },
          async (req) => {
            await updateDocumentSettings(office, req.params.id, req.body.settings, actorOf(req));
            return settingsBody(office, req.params.id);
          },
        );
      }),
    );
  };

/** The audit log with its verification status, checkpoint co-signing, and exports. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditView } from '../../office/audit-view.js';
import { familiesOf } from '../../office/staff-views.js';
import { cosignCheckpoint } from '../../office/cosign.js';
import { registerNotaryKey } from '../../office/notary-key.js';
import { publicBundle } from '../../office/exports/bundle.js';
import { PUBLIC_FILES, type PublicFile } from '../../office/public/bundle-files.js';
import { FairDrawError } from '../../core/errors.js';
import { actorOf } from '../auth.js';
import { access } from '../access.js';
import { exportReason, recordLook } from '../../office/privacy/access-log.js';
import { staffName } from './privacy.js';
import { AuditQuery, AuditView, CosignBody, Done, EventParams, ExportParams, NotaryKey, NotaryKeyBody } from '../../api/staff.js';
import type { Office } from '../../office/ports.js';

export const auditRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/events/:id/audit',
          {
            schema: {
              tags: ['audit'],
              params: EventParams,
              querystring: AuditQuery,
              response: {
                200: AuditView,
              },
            },
          },
          async (req) => auditView(office, req.params.id, req.query.head),
        );

        app.get('/api/events/:id/export/:file', { schema: { tags: ['exports'], params: ExportParams } }, async (req, reply) => {
          const { id, file } = req.params;
          if (file === 'units.xlsx') {
            const reason = exportReason((req.query as { reason?: string }).reason);
            // The workbook writer (ExcelJS) is loaded when a workbook is first asked for.
            const { unitWorkbook } = await import('../../office/exports/unit-workbooks.js');
            const workbook = await unitWorkbook(office, id);
            await recordLook(office, {
              actor: staffName(req),
              eventId: id,
              what: 'export.units',
              families: await familiesOf(office, id),
              reason,
            });
            reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
            reply.header('content-disposition', `attachment; filename="${id}-units.xlsx"`);
            return reply.send(Buffer.from(workbook));
          }
          if (!(PUBLIC_FILES as readonly string[]).includes(file)) {
            throw new FairDrawError('export.file', `没有导出文件 ${file}`, `there is no export named ${file}`, { field: 'file' });
          }
          const bundle = await publicBundle(office, id);
          reply.header('content-type', file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
          reply.header('content-disposition', `attachment; filename="${file}"`);
          return reply.send(bundle[file as PublicFile]);
        });
      }),
    );

    await app.register(
      access.supervisor(async (app) => {
        app.post(
          '/api/events/:id/audit/cosign',
          {
            schema: {
              tags: ['audit'],
              params: EventParams,
              body: CosignBody,
              response: { 200: Done },
            },
          },
          async (req) => {
            await cosignCheckpoint(office, { event: req.params.id, ...req.body }, actorOf(req));
            return { ok: true };
          },
        );
      }),
    );

    await app.register(
      access.overseer(async (app) => {
        app.post(
          '/api/events/:id/audit/notary-key',
          {
            schema: {
              tags: ['audit'],
              params: EventParams,
              body: NotaryKeyBody,
              response: { 200: NotaryKey },
            },
          },
          async (req) => registerNotaryKey(office, { event: req.params.id, ...req.body }, actorOf(req)),
        );
      }),
    );
  };

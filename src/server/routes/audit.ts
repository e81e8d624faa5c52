/** The audit log with its verification status, checkpoint co-signing, and exports. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { verifyAudit } from '../../office/verify-audit.js';
import { cosignCheckpoint } from '../../office/cosign.js';
import { publicBundle } from '../../office/exports/bundle.js';
import { PUBLIC_FILES, type PublicFile } from '../../office/public/bundle-files.js';
import { unitWorkbook } from '../../office/exports/unit-workbooks.js';
import { checkpointMessage } from '../../core/audit.js';
import { toHex } from '../../core/bytes.js';
import { FairDrawError } from '../../core/errors.js';
import { actorOf, requireRole } from '../auth.js';
import { AuditEntry, Checkpoint } from '../schemas.js';
import type { Office } from '../../office/ports.js';

const EventParams = z.object({ id: z.string() });
const staff = requireRole('admin', 'operator', 'supervisor');

export const auditRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    app.get(
      '/api/events/:id/audit',
      {
        preValidation: staff,
        schema: {
          tags: ['audit'],
          params: EventParams,
          response: {
            200: z.object({
              entries: z.array(AuditEntry),
              checkpoints: z.array(Checkpoint.extend({ message: z.string() })),
              verification: z.object({
                ok: z.boolean(),
                seq: z.number().optional(),
                reason: z.string().optional(),
                zh: z.string().optional(),
                publicKey: z.string(),
              }),
            }),
          },
        },
      },
      async (req) => {
        const repos = office.store.repos;
        const v = await verifyAudit(office, req.params.id);
        return {
          entries: await repos.audit.list(req.params.id),
          checkpoints: (await repos.audit.checkpoints(req.params.id)).map((c) => ({
            ...c,
            message: toHex(checkpointMessage(c.event, c.seq, c.hash)),
          })),
          verification: v.ok
            ? { ok: true, publicKey: v.publicKey }
            : { ok: false, seq: v.seq, reason: v.reason, zh: v.zh, publicKey: v.publicKey },
        };
      },
    );

    app.post(
      '/api/events/:id/audit/cosign',
      {
        preValidation: requireRole('supervisor'),
        schema: {
          tags: ['audit'],
          params: EventParams,
          body: z.object({
            seq: z.number().int(),
            signer: z.string().min(1),
            role: z.enum(['notary', 'supervisor']),
            publicKey: z.string(),
            signature: z.string(),
          }),
          response: { 200: z.object({ ok: z.boolean() }) },
        },
      },
      async (req) => {
        await cosignCheckpoint(office, { event: req.params.id, ...req.body }, actorOf(req));
        return { ok: true };
      },
    );

    app.get(
      '/api/events/:id/export/:file',
      { preValidation: staff, schema: { tags: ['exports'], params: z.object({ id: z.string(), file: z.string() }) } },
      async (req, reply) => {
        const { id, file } = req.params;
        if (file === 'units.xlsx') {
          reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          reply.header('content-disposition', `attachment; filename="${id}-units.xlsx"`);
          return reply.send(Buffer.from(await unitWorkbook(office, id)));
        }
        if (!(PUBLIC_FILES as readonly string[]).includes(file)) {
          throw new FairDrawError('export.file', `没有导出文件 ${file}`, `there is no export named ${file}`, { field: 'file' });
        }
        const bundle = await publicBundle(office, id);
        reply.header('content-type', file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${file}"`);
        return reply.send(bundle[file as PublicFile]);
      },
    );
  };

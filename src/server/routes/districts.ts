/** 区县: every staff account lists the districts; a city admin adds one. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addDistrict, listDistricts } from '../../office/districts.js';
import type { Office } from '../../office/ports.js';
import { actorOf, requireRole } from '../auth.js';
import { requestScope } from '../district-scope.js';

const District = z.object({ id: z.string(), code: z.string(), name: z.string(), createdAt: z.string() });

export const districtRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    app.get(
      '/api/districts',
      {
        onRequest: requireRole('admin', 'operator', 'supervisor'),
        schema: { tags: ['districts'], response: { 200: z.object({ districts: z.array(District) }) } },
      },
      async () => ({ districts: await listDistricts(office) }),
    );
    app.post(
      '/api/districts',
      {
        onRequest: requireRole('admin'),
        schema: {
          tags: ['districts'],
          summary: 'Add a district (city admins)',
          body: z.object({ id: z.string().max(64), code: z.string().max(16), name: z.string().max(100) }),
          response: { 200: District },
        },
      },
      async (req) => addDistrict(office, req.body, actorOf(req), requestScope(req)),
    );
  };

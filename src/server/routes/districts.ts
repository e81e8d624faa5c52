/** 区县: every staff account lists the districts; a city admin adds one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addDistrict, listDistricts } from '../../office/districts.js';
import type { Office } from '../../office/ports.js';
import { actorOf } from '../auth.js';
import { access } from '../access.js';
import { requestScope } from '../district-scope.js';
import { District, DistrictList, NewDistrictBody } from '../../api/staff.js';

export const districtRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/districts',
          {
            schema: { tags: ['districts'], response: { 200: DistrictList } },
          },
          async () => ({ districts: await listDistricts(office) }),
        );
      }),
    );
    await app.register(
      access.admin(async (app) => {
        app.post(
          '/api/districts',
          {
            schema: {
              tags: ['districts'],
              summary: 'Add a district (city admins)',
              body: NewDistrictBody,
              response: { 200: District },
            },
          },
          async (req) => addDistrict(office, req.body, actorOf(req), requestScope(req)),
        );
      }),
    );
  };

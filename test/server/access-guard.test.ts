/**
 * The access plugins as structure: a route under /api/ registered outside every one of them stops
 * the server at start-up, so does an access plugin inside another, and each level admits exactly
 * the roles of its table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { access, LEVELS } from '../../src/server/access.js';
import { testOffice } from '../office/harness.js';

let app: FastifyInstance | undefined;
let t: Awaited<ReturnType<typeof testOffice>> | undefined;

afterEach(async () => {
  await app?.close().catch(() => undefined);
  await t?.office.close();
  app = undefined;
  t = undefined;
});

async function server(): Promise<FastifyInstance> {
  t = await testOffice();
  app = await buildServer({ office: t.office });
  return app;
}

describe('access plugins', () => {
  it('refuses to start with an /api/ route outside every access plugin', async () => {
    const s = await server();
    await expect(
      (async () => {
        s.post('/api/events/:id/anything', async () => ({ ok: true }));
        await s.ready();
      })(),
    ).rejects.toThrow('route POST /api/events/:id/anything declares no access');
  });

  it('names every method of a route that declares no access', async () => {
    const s = await server();
    await expect(
      (async () => {
        s.route({ method: ['GET', 'POST'], url: '/api/two-ways', handler: async () => ({ ok: true }) });
        await s.ready();
      })(),
    ).rejects.toThrow('route GET,POST /api/two-ways declares no access');
  });

  it('refuses to start with an /api/ route in a plugin of its own, outside the access plugins', async () => {
    const s = await server();
    await expect(
      (async () => {
        await s.register(async (inner) => {
          inner.get('/api/inner', async () => ({ ok: true }));
        });
        await s.ready();
      })(),
    ).rejects.toThrow('route GET /api/inner declares no access');
  });

  it('refuses an access plugin registered inside another (a route has one level)', async () => {
    const s = await server();
    await expect(
      (async () => {
        await s.register(
          access.public(async (pub) => {
            await pub.register(
              access.admin(async (adm) => {
                adm.get('/api/nested', async () => ({ ok: true }));
              }),
            );
          }),
        );
        await s.ready();
      })(),
    ).rejects.toThrow('access plugin "admin" registered inside "public"');
  });

  it('lets a route outside /api/ stand on its own, and starts with routes inside the plugins', async () => {
    const s = await server();
    s.get('/elsewhere', async () => ({ ok: true }));
    await s.register(
      access.staff(async (staff) => {
        staff.get('/api/test/staff', async () => ({ ok: true }));
      }),
    );
    await s.ready();
    expect((await s.inject({ method: 'GET', url: '/elsewhere' })).statusCode).toBe(200);
    expect((await s.inject({ method: 'GET', url: '/api/test/staff' })).json()).toMatchObject({ error: { code: 'auth.required' } });
  });

  it('has the levels the routes use, each with the roles written out here by hand', () => {
    expect(LEVELS).toEqual({
      public: 'anyone',
      session: 'logged-in',
      staff: ['admin', 'operator', 'supervisor'],
      operator: ['operator'],
      supervisor: ['supervisor'],
      overseer: ['admin', 'supervisor'],
      steward: ['admin', 'operator'],
      admin: ['admin'],
    });
    expect(Object.keys(access).sort()).toEqual(Object.keys(LEVELS).sort());
  });
});

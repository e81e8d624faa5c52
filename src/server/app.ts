/**
 * The FairDraw web server: Fastify over the office's use cases. Routes are thin adapters; zod
 * schemas check every request and shape every response; the OpenAPI document is at /api/docs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from './errors.js';
import { installAuth } from './auth.js';
import { authRoutes } from './routes/auth.js';
import { adminRoutes } from './routes/admin.js';
import { eventRoutes } from './routes/events.js';
import { auditRoutes } from './routes/audit.js';
import { publicRoutes } from './routes/public.js';
import { documentRoutes } from './routes/documents.js';
import type { Office } from '../office/ports.js';

export interface ServerOptions {
  office: Office;
  /** Built web pages (web/dist); served when present. */
  webDist?: string;
  /** Structured request logs (kept apart from the audit log). */
  logger?: boolean | object;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies?: boolean;
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024, trustProxy: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'FairDraw 阳光摇号 API', version: '1', description: 'Verifiable school-place lottery (fairdraw/v1)' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, opts.office);
  await app.register(authRoutes(opts.office, opts.secureCookies ?? false));
  await app.register(adminRoutes(opts.office));
  await app.register(eventRoutes(opts.office));
  await app.register(auditRoutes(opts.office));
  await app.register(publicRoutes(opts.office));
  await app.register(documentRoutes(opts.office));
  await app.register((await import('./routes/ceremony.js')).ceremonyRoutes(opts.office));
  app.get('/api/health', async () => ({ ok: true }));

  const dist = opts.webDist;
  if (dist && existsSync(dist)) {
    // serve: false — only reply.sendFile; the routes below decide what is served.
    await app.register(fastifyStatic, { root: dist, serve: false });
    // Each page family is its own small bundle; deep links load that family's page.
    for (const family of ['console', 'ceremony', 'portal', 'verify']) {
      if (!existsSync(join(dist, family, 'index.html'))) continue;
      app.get(`/${family}`, (_req, reply) => reply.redirect(`/${family}/`));
      app.get(`/${family}/*`, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile(join(family, 'index.html')));
    }
    // Built assets carry a content hash in their names: cache them for good.
    app.get('/assets/*', (req, reply) => {
      const rest = (req.params as { '*': string })['*'];
      if (!/^[\w.-]+$/.test(rest) || !existsSync(join(dist, 'assets', rest)))
        return reply.status(404).send({ error: { code: 'not-found', zh: '找不到文件', en: 'not found', where: {} } });
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(join('assets', rest));
    });
    app.get('/', (_req, reply) => reply.redirect('/console/'));
  }
  return app;
}

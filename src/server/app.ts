/**
 * The FairDraw web server: Fastify over the office's use cases. Routes are thin adapters; zod
 * schemas check every request and shape every response; the OpenAPI document is at /api/docs.
 *
 * Security is structural, set up here before any route is added (see docs/security.md): access is
 * checked before a body is read (access.ts, auth.ts), every route has a body limit and public routes a rate
 * limit (limits.ts), headers come from helmet, and on a plain-HTTP network address only the public
 * pages and feeds are served to other machines (network.ts).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from './errors.js';
import { installAuth } from './auth.js';
import { access, installAccessGuard, levelOf, type Level } from './access.js';
import { installDistrictScope } from './district-scope.js';
import { districtRoutes } from './routes/districts.js';
import { bodyLimitFor, DEFAULT_LIMITS, GlobalWindow, StreamGate, type Limits } from './limits.js';
import { installNetworkPolicy } from './network.js';
import { authRoutes } from './routes/auth.js';
import { adminRoutes } from './routes/admin.js';
import { eventRoutes } from './routes/events.js';
import { auditRoutes } from './routes/audit.js';
import { publicRoutes } from './routes/public.js';
import { findEvent } from '../office/load-event.js';
import { noEvent } from '../office/errors.js';
import { documentRoutes } from './routes/documents.js';
import { privacyRoutes, type PrivacyRouteOptions } from './routes/privacy.js';
import type { Office } from '../office/ports.js';
import { PreparedFront, type PreparedAnswers, type PreparedLimits } from './prepared.js';
import { publicStamp } from '../office/public/stamp.js';
import { reading } from '../office/ports.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern), for the access tests and the docs. */
    /** Every route as registered, with the access level of the plugin it sits in (access.ts). */
    registeredRoutes: { method: string; url: string; level: Level | undefined }[];
  }
}

export interface ServerOptions {
  office: Office;
  /** Built web pages (web/dist); served when present. */
  webDist?: string;
  /** Structured request logs (kept apart from the audit log). */
  logger?: boolean | object;
  /** Set the Secure flag on cookies (behind an HTTPS proxy; always on with `tls`). */
  secureCookies?: boolean;
  /** Serve HTTPS (HTTP/2, with HTTP/1.1 for older clients) with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Plain HTTP on a network address: staff pages and the staff API answer loopback only; other
   * machines get the public pages, the witnesses' links and the live view.
   */
  publicOnlyOffLoopback?: boolean;
  /** Trust X-Forwarded-For from a reverse proxy on this machine (for per-client limits). */
  trustProxy?: boolean;
  /** Overrides of the request limits (tests use small ones). */
  limits?: Partial<Limits>;
  /** Memory for prepared public answers, and a look inside it (tests). */
  prepared?: PreparedLimits;
  onPrepared?: (answers: PreparedAnswers) => void;
  /** After an admin erases an event's personal data: purge the automatic backups (serve sets it). */
  afterErase?: PrivacyRouteOptions['afterErase'];
}

/** The content security policy: scripts only from this server's files, never inline; no framing. */
function csp(tls: boolean) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      // React sets styles through the DOM; swagger-ui and the charts use style attributes.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      // The ceremony may fetch the declared drand round from the public relays (verified on the server).
      connectSrc: ["'self'", 'https://api.drand.sh', 'https://api2.drand.sh', 'https://api3.drand.sh', 'https://drand.cloudflare.com'],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(tls ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const tls = opts.tls;
  const base = {
    logger: opts.logger ?? false,
    bodyLimit: limits.bodyBytes,
    trustProxy: opts.trustProxy ? ['127.0.0.1', '::1'] : false,
  };
  // Prepared public answers (result day): over plain HTTP — on this machine, or behind the proxy
  // that serves the public — a current one is sent by the HTTP server itself, before the framework.
  const front = new PreparedFront((id) => publicStamp(reading(opts.office), id), opts.prepared);
  opts.onPrepared?.(front.answers);
  const app = (tls
    ? Fastify({ ...base, http2: true, https: { allowHTTP1: true, cert: tls.cert, key: tls.key } })
    : Fastify({ ...base, serverFactory: (handler, o) => preparedFirst(front, handler, o) })) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  if (opts.publicOnlyOffLoopback) installNetworkPolicy(app);

  // Before any route (and before the rate limiter reads route configs): every route gets its body
  // limit; every public API route a per-address rate limit and the global bound; the ceremony's
  // public routes answer a draft event as if it did not exist; the live feed is capped.
  const registered: { method: string; url: string; level: Level | undefined }[] = [];
  app.decorate('registeredRoutes', registered);
  const lookups = new GlobalWindow(limits.publicTotalPerMinute);
  const streams = new StreamGate(limits);
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    route.bodyLimit ??= bodyLimitFor(route.url, limits);
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as string[];
    for (const method of methods) registered.push({ method, url: route.url, level: levelOf(this) });
    if (!route.url.startsWith('/api/') || levelOf(this) !== 'public') return;
    const extra = [];
    if (route.url.startsWith('/api/public/') || route.url.startsWith('/api/ceremony/')) {
      route.config = {
        ...(route.config as object),
        rateLimit: (route.config as { rateLimit?: unknown })?.rateLimit ?? { max: limits.publicPerAddressPerMinute, timeWindow: 60_000 },
      } as never;
      if (route.url !== '/api/ceremony/:id/stream') extra.push(async () => lookups.take());
    }
    if (route.url.startsWith('/api/ceremony/:id/')) {
      extra.push(async (req: { params: unknown }) => {
        const id = (req.params as { id?: string }).id ?? '';
        const ev = await findEvent(reading(opts.office), id).catch(() => undefined);
        if (!ev || ev.status === 'draft') throw noEvent(id.slice(0, 64));
      });
    }
    if (route.url === '/api/ceremony/:id/stream') extra.push(async (req: Parameters<StreamGate['admit']>[0]) => streams.admit(req));
    if (extra.length) route.onRequest = [...(route.onRequest ? [route.onRequest].flat() : []), ...extra] as never;
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: csp(Boolean(tls)),
    hsts: tls ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'FairDraw 阳光摇号 API', version: '1', description: 'Verifiable school-place lottery (fairdraw/v1)' } },
    transform: jsonSchemaTransform,
  });
  installAuth(app, opts.office);
  installAccessGuard(app);
  installDistrictScope(app, opts.office);
  await app.register(
    access.public(async (app) => {
      await app.register(swaggerUi, { routePrefix: '/api/docs' });
      app.get('/api/health', async () => ({ ok: true }));
    }),
  );
  await app.register(authRoutes(opts.office, Boolean(tls) || (opts.secureCookies ?? false)));
  await app.register(adminRoutes(opts.office));
  await app.register(districtRoutes(opts.office));
  await app.register(eventRoutes(opts.office));
  await app.register(auditRoutes(opts.office));
  await app.register(
    publicRoutes(opts.office, {
      lookupsPerMinute: limits.publicPerAddressPerMinute,
      downloadsPerMinute: limits.publicPerAddressPerMinute,
      front,
    }),
  );
  await app.register(documentRoutes(opts.office));
  await app.register(privacyRoutes(opts.office, { afterErase: opts.afterErase }));
  await app.register((await import('./routes/ceremony.js')).ceremonyRoutes(opts.office));

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

/** Fastify's HTTP/1.1 server (its own settings), asking the prepared answers first. */
function preparedFirst(
  front: PreparedFront,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  o: { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number },
) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/api/public/')) return handler(req, res);
    front.serve(req, res).then(
      (sent) => sent || handler(req, res),
      () => handler(req, res), // a stamp that cannot be read now: the framework answers (and reports) it
    );
  });
  if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
  if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
  server.setTimeout(o.connectionTimeout ?? 0);
  if (o.maxRequestsPerSocket) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
  return server;
}

/**
 * The public portal's API, without login: events at least published, their announcement, results
 * once published, one applicant by registration number (rate-limited, exact match only), and the
 * files of the public bundle. Responses declare every field, so nothing private can slip out.
 *
 * Result day: every answer is kept as the bytes first sent, with a strong ETag from those bytes,
 * under the event's public stamp (prepared.ts). While the stamp is unchanged the bytes are sent
 * again without any other work — before the rate limits, as they cost no more than a static file
 * (unknown registration numbers are never prepared, so guessing still meets the limit; bundle files
 * keep their download limit). Caches are told to ask again each time (`no-cache`: a repeat visit
 * costs a 304), except for published files that can no longer change, which are cached for good.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FairDrawError } from '../../core/errors.js';
import { announcement, publicDistricts, publicEvents } from '../../office/public/announcement.js';
import { unitResults } from '../../office/public/unit-results.js';
import { applicantPage } from '../../office/public/applicant-page.js';
import { PUBLIC_FILES, publicBundleFile } from '../../office/public/bundle-files.js';
import { reading, type Office } from '../../office/ports.js';
import { publicPrivacyNotice } from '../../office/privacy/notice.js';
import { publicStamp } from '../../office/public/stamp.js';
import { access } from '../access.js';
import {
  Announcement,
  ApplicantPage,
  PrivacyNotice,
  PublicApplicantParams,
  PublicBundleParams,
  PublicEventList,
  PublicEventParams,
  PublicUnitParams,
  UnitResultsView,
} from '../../api/public.js';
import { etagMatches, PREPARED_ROUTES, PreparedFront, preparedKey, replayHeaders, strongEtag, type PreparedAnswer } from '../prepared.js';

export interface PublicRouteOptions {
  /** Registration-number lookups per minute and address (default 60). */
  lookupsPerMinute?: number;
  /** Bundle downloads per minute and address (default 60; the files can be large). */
  downloadsPerMinute?: number;
  /** The server's prepared answers (shared with its HTTP front); by default, this plugin's own. */
  front?: PreparedFront;
}

/** May be kept, but asked again each time (with If-None-Match): it can still change. */
const REVALIDATE = 'public, no-cache';
/** Can never change again at this address. */
const FOREVER = 'public, max-age=31536000, immutable';

/** A request whose answer may be prepared: where it is kept and the stamp read when it came in. */
const pending = new WeakMap<FastifyRequest, { key: string; stamp: string }>();
const sentPrepared = new WeakSet<FastifyReply>();

function sendPrepared(req: FastifyRequest, reply: FastifyReply, a: PreparedAnswer): FastifyReply {
  sentPrepared.add(reply);
  reply.header('etag', a.etag).header('cache-control', a.cacheControl).header('access-control-allow-origin', '*');
  if (etagMatches(req.headers['if-none-match'], a.etag)) return reply.code(304).send();
  return reply.header('content-type', a.contentType).send(a.body);
}

export const publicRoutes = (staffOffice: Office, options: PublicRouteOptions = {}): FastifyPluginAsyncZod =>
  access.public(async function (app) {
    // Public pages only read, from the read-only connection: they never wait for an import's write.
    const office = reading(staffOffice);
    const front = options.front ?? new PreparedFront((id) => publicStamp(office, id));
    const answers = front.answers;
    // One build at a time of each answer: the requests that come while it is built wait for its
    // bytes (at the minute results are published, every family asks at once).
    type Build = { key: string; stamp: string; done: Promise<PreparedAnswer | undefined>; settle(a?: PreparedAnswer): void };
    const building = new Map<string, Build>();
    const builders = new WeakMap<FastifyRequest, Build>();
    const finish = (req: FastifyRequest, answer?: PreparedAnswer): void => {
      const b = builders.get(req);
      if (!b) return;
      builders.delete(req);
      if (building.get(b.key) === b) building.delete(b.key);
      b.settle(answer);
    };

    // First of all: the stamp, and the prepared bytes when they are still current.
    app.addHook('onRequest', async (req, reply) => {
      const url = req.routeOptions.url ?? '';
      const route = PREPARED_ROUTES[url];
      if (req.method !== 'GET' || !route) return;
      const params = req.params as Record<string, string>;
      const stamp = await front.stamp(params.id);
      const key = preparedKey(url, params);
      pending.set(req, { key, stamp });
      if (route.limited) return;
      const a = answers.get(key, stamp);
      if (a) return sendPrepared(req, reply, a);
      const b = building.get(key);
      if (b?.stamp === stamp) {
        const built = await b.done;
        if (built) return sendPrepared(req, reply, built);
        return; // that build was refused or failed: this request goes its own way
      }
      let settle!: (a?: PreparedAnswer) => void;
      const done = new Promise<PreparedAnswer | undefined>((r) => (settle = r));
      const mine = { key, stamp, done, settle };
      building.set(key, mine);
      builders.set(req, mine);
    });
    app.addHook('onResponse', async (req) => finish(req));
    app.addHook('onRequestAbort', async (req) => finish(req));
    const preparedAfterLimits = async (req: FastifyRequest, reply: FastifyReply) => {
      const p = pending.get(req);
      const a = p && answers.get(p.key, p.stamp);
      if (a) return sendPrepared(req, reply, a);
    };

    // Every public answer: a strong ETag from its bytes (a repeat visit costs a 304), open to other
    // origins (independent checkers may fetch the files), never cached when it is an error. A
    // successful answer is kept, under the stamp read before it was built.
    app.addHook('onSend', async (req, reply, payload) => {
      if (sentPrepared.has(reply)) return payload;
      reply.header('access-control-allow-origin', '*');
      if (reply.statusCode >= 400) {
        reply.header('cache-control', 'no-store');
        return payload;
      }
      if (req.method !== 'GET' || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
      const etag = strongEtag(payload);
      reply.header('etag', etag);
      const p = pending.get(req);
      if (p && reply.statusCode === 200) {
        const answer = {
          stamp: p.stamp,
          body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
          etag,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          cacheControl: String(reply.getHeader('cache-control') ?? REVALIDATE),
          headers: {},
        };
        answer.headers = replayHeaders(reply.getHeaders(), answer.body.length);
        answers.put(p.key, answer);
        finish(req, answer);
      }
      if (etagMatches(req.headers['if-none-match'], etag)) {
        reply.code(304);
        return '';
      }
      return payload;
    });

    app.get(
      '/api/public/events',
      {
        schema: {
          tags: ['public'],
          response: { 200: PublicEventList },
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', REVALIDATE);
        const districts = await publicDistricts(office);
        return { events: await publicEvents(office), ...(districts.length ? { districts } : {}) };
      },
    );

    app.get(
      '/api/public/events/:id',
      { schema: { tags: ['public'], params: PublicEventParams, response: { 200: Announcement } } },
      async (req, reply) => {
        reply.header('cache-control', REVALIDATE);
        return announcement(office, req.params.id);
      },
    );

    app.get(
      '/api/public/events/:id/privacy-notice',
      { schema: { tags: ['public'], params: PublicEventParams, response: { 200: PrivacyNotice } } },
      async (req, reply) => {
        reply.header('cache-control', REVALIDATE);
        return publicPrivacyNotice(office, req.params.id);
      },
    );

    app.get(
      '/api/public/events/:id/results/:unit',
      { schema: { tags: ['public'], params: PublicUnitParams, response: { 200: UnitResultsView } } },
      async (req, reply) => {
        reply.header('cache-control', REVALIDATE);
        return unitResults(office, req.params.id, req.params.unit);
      },
    );

    app.get(
      '/api/public/events/:id/applicants/:reg',
      {
        config: { rateLimit: { max: options.lookupsPerMinute ?? 60, timeWindow: 60_000 } },
        schema: { tags: ['public'], params: PublicApplicantParams, response: { 200: ApplicantPage } },
      },
      async (req, reply) => {
        reply.header('cache-control', REVALIDATE);
        return applicantPage(office, req.params.id, req.params.reg);
      },
    );

    app.get(
      '/api/public/events/:id/bundle/:file',
      {
        config: { rateLimit: { max: options.downloadsPerMinute ?? 60, timeWindow: 60_000 } },
        schema: { tags: ['public'], params: PublicBundleParams },
        preHandler: preparedAfterLimits,
      },
      async (req, reply) => {
        const { id, file } = req.params;
        let out;
        try {
          if (!(PUBLIC_FILES as readonly string[]).includes(file)) throw new FairDrawError('export.file', '', '', {});
          out = await publicBundleFile(office, id, file);
        } catch (e) {
          if (!(e instanceof FairDrawError) || e.code !== 'export.file') throw e;
          const err = {
            code: 'file.missing',
            zh: `现在没有可公开的文件 ${file}`,
            en: `there is no public file ${file} now`,
            where: { file },
          };
          return reply.status(404).send({ error: err });
        }
        reply.header('cache-control', out.immutable ? FOREVER : REVALIDATE);
        reply.header('content-type', file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
        return reply.send(out.text);
      },
    );
  });

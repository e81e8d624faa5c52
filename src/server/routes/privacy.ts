/**
 * Personal data over HTTP: the private access log (supervisors and admins only), the retention
 * warnings (admins and supervisors: GET /api/privacy/retention), an event's privacy settings, and
 * erasure of an event's personal data by an admin once its results are published
 * (POST /api/events/:id/erase, the same use case as `fairdraw erase`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { accessLog } from '../../office/privacy/access-log.js';
import { eraseEvent, retentionStates } from '../../office/privacy/erase.js';
import { chinaDay, eventPrivacySettings, updatePrivacySettings } from '../../office/privacy/settings.js';
import type { Office } from '../../office/ports.js';
import { actorOf } from '../auth.js';
import { requestScope } from '../district-scope.js';
import {
  AccessLogPage,
  AccessLogQuery,
  EraseResult,
  EventParams,
  PrivacySettings,
  PrivacySettingsChange,
  RetentionView,
} from '../../api/staff.js';
import { access } from '../access.js';

/** Who looked, for the private access log: role and username (this log is never published). */
export function staffName(req: FastifyRequest): string {
  return `${req.account!.role}:${req.account!.username}`;
}

/** What became of the automatic backups after an erasure (see src/cli/erase-backups.ts). */
export interface BackupPurgeReport {
  removed: string[];
  fresh?: string;
  elsewhere: string[];
}

export interface PrivacyRouteOptions {
  /**
   * Called after an erasure through the API: removes the automatic backups that held the data and
   * takes a fresh one (`serve` passes the data directory's purge). Without it, only the database
   * is erased.
   */
  afterErase?: (eventId: string, erasedAt: string) => Promise<BackupPurgeReport>;
}

export const privacyRoutes = (office: Office, options: PrivacyRouteOptions = {}): FastifyPluginAsyncZod =>
  async function (app) {
    await app.register(
      access.overseer(async (app) => {
        app.get(
          '/api/privacy/access-log',
          {
            schema: {
              tags: ['privacy'],
              querystring: AccessLogQuery,
              response: {
                200: AccessLogPage,
              },
            },
          },
          async (req) => ({
            entries: await accessLog(
              office,
              { eventId: req.query.event, limit: req.query.limit, before: req.query.before },
              requestScope(req),
            ),
          }),
        );

        app.get(
          '/api/privacy/retention',
          {
            schema: {
              tags: ['privacy'],
              response: {
                200: RetentionView,
              },
            },
          },
          async (req) => {
            const today = chinaDay(office.clock.now());
            return { today, events: await retentionStates(office, today, requestScope(req)) };
          },
        );
      }),
    );

    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/events/:id/privacy',
          { schema: { tags: ['privacy'], params: EventParams, response: { 200: PrivacySettings } } },
          async (req) => eventPrivacySettings(office, req.params.id),
        );
      }),
    );

    await app.register(
      access.steward(async (app) => {
        app.put(
          '/api/events/:id/privacy',
          {
            schema: {
              tags: ['privacy'],
              params: EventParams,
              body: PrivacySettingsChange,
              response: { 200: PrivacySettings },
            },
          },
          async (req) => updatePrivacySettings(office, req.params.id, req.body, actorOf(req)),
        );
      }),
    );

    await app.register(
      access.admin(async (app) => {
        app.post(
          '/api/events/:id/erase',
          {
            schema: {
              tags: ['privacy'],
              params: EventParams,
              response: {
                200: EraseResult,
              },
            },
          },
          async (req) => {
            const r = await eraseEvent(office, req.params.id, actorOf(req));
            const purge = options.afterErase ? await options.afterErase(r.eventId, r.at) : undefined;
            return {
              eventId: r.eventId,
              erased: r.erased,
              at: r.at,
              seq: r.seq,
              personsRoot: r.personsRoot,
              backups: purge ? { removed: purge.removed.length, fresh: purge.fresh ?? null, elsewhere: purge.elsewhere } : null,
            };
          },
        );
      }),
    );
  };

/**
 * 区县 over HTTP, decided in one place: every staff route that names an event (`:id` in its path)
 * or an account (`:username`) gets one more access hook, run after the role check and before the
 * body is read. A district's account naming an event of another district — or one that does not
 * exist — is answered 404 `event.missing`, exactly as an event that does not exist: it changes
 * nothing and learns nothing. A district's admin naming another district's account (or the city's)
 * is answered 404 `account.missing`. The city's accounts pass. Routes that list events or accounts
 * (no `:id`) filter by the same scope in the office's use cases.
 *
 * Installed once on the app: its hook is the route's own `onRequest`, which runs after the access
 * plugin's role check (access.ts), and every route registered later is covered without a line of
 * its own.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { checkAccountScope, checkEventScope, scopeOf, type Scope } from '../office/districts.js';
import type { Office } from '../office/ports.js';
import { levelOf } from './access.js';

/** Whether a route pattern names an event (`:id`) or an account (`:username`). */
export function scopedParam(url: string): 'id' | 'username' | undefined {
  const parts = url.split('/');
  if (parts.includes(':id')) return 'id';
  if (parts.includes(':username')) return 'username';
  return undefined;
}

/** The scope of the account asking (the city's for a request without one: the role check refuses those first). */
export function requestScope(req: FastifyRequest): Scope {
  return req.account ? scopeOf(req.account) : { district: null };
}

export function installDistrictScope(app: FastifyInstance, office: Office): void {
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    if (!route.url.startsWith('/api/')) return;
    const param = scopedParam(route.url);
    if (!param) return;
    // The access plugin the route sits in (access.ts): public routes name no district's data.
    const level = levelOf(this);
    if (level === undefined || level === 'public') return;
    const check = async (req: FastifyRequest) => {
      const scope = requestScope(req);
      if (scope.district === null) return;
      const value = (req.params as Record<string, string | undefined>)[param] ?? '';
      if (param === 'id') await checkEventScope(office.store.repos, scope, value);
      else await checkAccountScope(office.store.repos, scope, value);
    };
    const before = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...before, check] as never;
  });
}

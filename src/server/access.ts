/**
 * May they: every /api/ route is registered inside exactly one access plugin, the level of who may
 * call it. Each plugin is its own encapsulation context whose `onRequest` hook (the first hook a
 * route's request meets, before its body is read or validated) authenticates the caller (auth.ts)
 * and checks the role; a route never checks a role itself. `installAccessGuard` refuses to start a
 * server with an /api/ route registered outside every access plugin: a new route is closed until
 * someone decides who may call it.
 *
 *   await app.register(access.operator(async (app) => { app.post('/api/events', …) }));
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FairDrawError } from '../core/errors.js';
import type { Role } from '../store/schema.js';
import { authenticate } from './auth.js';

/**
 * The access levels and whom each admits: `anyone` (no session read or needed), `logged-in` (any
 * role, also while a one-time password is still to be changed), or a list of roles.
 */
export const LEVELS = {
  /** The portal's API, the ceremony's public log, feed and files, witnesses' links, login, health, docs. */
  public: 'anyone',
  /** An account's own settings (the password change). */
  session: 'logged-in',
  /** Reading the bureau's work: every staff role. */
  staff: ['admin', 'operator', 'supervisor'],
  /** Changing an event and driving its ceremony. */
  operator: ['operator'],
  /** Co-signing the audit log's checkpoints. */
  supervisor: ['supervisor'],
  /** Oversight: the private access log, retention, the notary's key. */
  overseer: ['admin', 'supervisor'],
  /** How long an event's personal data is kept and which columns. */
  steward: ['admin', 'operator'],
  /** Accounts and erasure. */
  admin: ['admin'],
} as const satisfies Record<string, 'anyone' | 'logged-in' | readonly Role[]>;

export type Level = keyof typeof LEVELS;

const LEVEL = Symbol('fairdraw.access-level');
type Marked = FastifyInstance & { [LEVEL]?: Level };

/** The access level of the plugin `instance` is (or is inside of), if any. */
export function levelOf(instance: FastifyInstance): Level | undefined {
  return (instance as Marked)[LEVEL];
}

function forbidden(role: Role): FairDrawError {
  return new FairDrawError('auth.forbidden', `您的角色（${role}）无权执行此操作`, `your role (${role}) may not do this`, {});
}

/** The encapsulated plugin for routes of one level: its access hook, then `routes` inside it. */
function accessPlugin(level: Level, routes: FastifyPluginAsyncZod): FastifyPluginAsyncZod {
  return async function (app, opts) {
    const outer = levelOf(app);
    if (outer) throw new Error(`access plugin "${level}" registered inside "${outer}": a route has exactly one access level`);
    (app as Marked)[LEVEL] = level;
    const admits: 'anyone' | 'logged-in' | readonly Role[] = LEVELS[level];
    if (admits === 'logged-in') {
      app.addHook('onRequest', async (req) => {
        await authenticate(req, true);
      });
    } else if (admits !== 'anyone') {
      app.addHook('onRequest', async (req) => {
        const account = await authenticate(req, false);
        if (!admits.includes(account.role)) throw forbidden(account.role);
      });
    }
    await routes(app, opts);
  };
}

/** One plugin factory per level: `access.staff(routes)` registers `routes` for every staff role. */
export const access = Object.fromEntries(
  Object.keys(LEVELS).map((level) => [level, (routes: FastifyPluginAsyncZod) => accessPlugin(level as Level, routes)]),
) as { readonly [L in Level]: (routes: FastifyPluginAsyncZod) => FastifyPluginAsyncZod };

/** Refuses (at start-up) an /api/ route registered outside every access plugin (before any route is added). */
export function installAccessGuard(app: FastifyInstance): void {
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    if (!route.url.startsWith('/api/') || levelOf(this)) return;
    const methods = [route.method].flat().join(',');
    throw new Error(`route ${methods} ${route.url} declares no access: register it inside one of the plugins of src/server/access.ts`);
  });
}

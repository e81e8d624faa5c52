/**
 * Who is asking, and may they: the session cookie (httpOnly, SameSite=Strict, Secure under TLS)
 * names the account; every state-changing request must also carry the session's CSRF token in
 * `x-csrf-token`.
 *
 * Access is decided before any body is read. Routes declare it with `requireRole(...)`, as a
 * route's or a plugin's `onRequest`, `preValidation` or `preHandler` hook; `installAuth` moves
 * every such hook to `onRequest` (so a stranger's request is refused before its body is parsed or
 * validated) and refuses to start a server with an /api/ route that neither declares its roles
 * nor is listed as public below: a new route is closed until someone decides otherwise.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify';
import type {} from '@fastify/cookie';
import { FairDrawError } from '../core/errors.js';
import { publicActor, sessionOf, touchSession, type AccountView, type SessionState } from '../office/accounts/accounts.js';
import type { Office } from '../office/ports.js';
import type { Role } from '../store/schema.js';

export const SESSION_COOKIE = 'fairdraw_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountView;
    csrf?: string;
    session?: SessionState & { touch(): Promise<string> };
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROLES = Symbol('fairdraw.roles');
const LOGGED_IN = Symbol('fairdraw.logged-in');

type RoleHook = ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) & { [ROLES]?: readonly Role[]; [LOGGED_IN]?: true };

/**
 * Routes anyone may call (no session): the portal's API, the ceremony's public log, live feed and
 * representatives' files, the witnesses' one-time links, login and the session's own routes,
 * health and the OpenAPI document. A method and a path pattern (`*` for the rest of the path).
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/docs*',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/public/*',
  'GET /api/ceremony/:id/stream',
  'GET /api/ceremony/:id/log',
  'GET /api/ceremony/:id/reps/:unit/:file',
  'GET /api/ceremony/witness/*',
  'POST /api/ceremony/witness/*',
];

/** Whether `method url` (a route as registered) is one of PUBLIC_ROUTES (HEAD goes with GET). */
export function isPublicRoute(method: string, url: string): boolean {
  const asked = method === 'HEAD' ? 'GET' : method;
  return PUBLIC_ROUTES.some((p) => {
    const [m, path] = p.split(' ') as [string, string];
    if (m !== asked) return false;
    return path.endsWith('*') ? url.startsWith(path.slice(0, -1)) : url === path;
  });
}

function hooksOf(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Installs the session lookup and the route check described above (before any route is added). */
export function installAuth(app: FastifyInstance, office: Office): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const s = await sessionOf(office, req.cookies[SESSION_COOKIE]);
    if (s) {
      req.session = { ...s, touch: () => touchSession(office, s) };
      req.account = s.account;
      req.csrf = s.csrf;
    }
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = hooksOf(route.method) as string[];
    // Access hooks run first thing, before the body is read.
    const access: RoleHook[] = [];
    for (const phase of ['preValidation', 'preHandler'] as const) {
      const hooks = hooksOf(route[phase]);
      const keep = hooks.filter((h) => !(typeof h === 'function' && (ROLES in h || LOGGED_IN in h)));
      access.push(...(hooks.filter((h) => !keep.includes(h)) as RoleHook[]));
      route[phase] = keep.length ? (keep as never) : undefined;
    }
    const onRequest = hooksOf(route.onRequest);
    if (access.length) route.onRequest = [...onRequest, ...access] as onRequestHookHandler[];
    const guarded = [...onRequest, ...access].some((h) => typeof h === 'function' && (ROLES in h || LOGGED_IN in h));
    if (!route.url.startsWith('/api/') || guarded) return;
    for (const m of methods) {
      if (!isPublicRoute(m, route.url)) {
        throw new Error(
          `route ${m} ${route.url} declares no access: add requireRole(...) or list it in PUBLIC_ROUTES (src/server/auth.ts)`,
        );
      }
    }
  });
}

/** Every staff route passes here: logged in, the password no longer a one-time one, the CSRF token on a state change. */
async function authenticate(req: FastifyRequest, allowPasswordChange: boolean): Promise<AccountView> {
  if (!req.account) throw new FairDrawError('auth.required', '请先登录', 'please log in first', {});
  if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.csrf) {
    throw new FairDrawError(
      'auth.csrf',
      '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
      'missing or wrong CSRF token; reload the page and try again',
      {},
    );
  }
  if (req.account.mustChangePassword && !allowPasswordChange) {
    throw new FairDrawError('auth.password-change', '请先修改一次性密码，然后再继续', 'change the one-time password before anything else', {
      field: 'password',
    });
  }
  if (req.session) req.session.expiresAt = await req.session.touch();
  return req.account;
}

/** An access hook: the caller must be logged in with one of `roles`; unsafe methods need the CSRF token. */
export function requireRole(...roles: Role[]): RoleHook {
  const hook: RoleHook = async (req) => {
    const account = await authenticate(req, false);
    if (!roles.includes(account.role)) {
      throw new FairDrawError(
        'auth.forbidden',
        `您的角色（${account.role}）无权执行此操作`,
        `your role (${account.role}) may not do this`,
        {},
      );
    }
  };
  hook[ROLES] = roles;
  return hook;
}

/** An access hook for an account's own settings: any role, logged in, allowed while a one-time password is still to be changed. */
export function requireSession(): RoleHook {
  const hook: RoleHook = async (req) => {
    await authenticate(req, true);
  };
  hook[LOGGED_IN] = true;
  return hook;
}

/** The audit log's actor for an account: role and public tag, never the username. */
export function actorOf(req: FastifyRequest): string {
  return publicActor(req.account!);
}

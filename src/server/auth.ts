/**
 * Who is asking: the session cookie (httpOnly, SameSite=Strict, Secure under TLS)
 * names the account; every state-changing request must also carry the session's CSRF token in
 * `x-csrf-token`.
 *
 * Access itself (which roles may call a route) is structural: see access.ts, whose plugins call
 * `authenticate` below from their `onRequest` hook, before any body is read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { FairDrawError } from '../core/errors.js';
import { publicActor, sessionOf, touchSession, type AccountView, type SessionState } from '../office/accounts/accounts.js';
import type { Office } from '../office/ports.js';

export const SESSION_COOKIE = 'fairdraw_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountView;
    csrf?: string;
    session?: SessionState & { touch(): Promise<string> };
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads the session named by the cookie of every /api/ request (no session is read elsewhere). */
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
}

/**
 * Every non-public route passes here (from its access plugin): logged in, the CSRF token on a state
 * change, and — unless `allowPasswordChange` (the password change itself) — the password no longer a
 * one-time one. Moves the session's idle expiry forward.
 */
export async function authenticate(req: FastifyRequest, allowPasswordChange: boolean): Promise<AccountView> {
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

/** The audit log's actor for an account: role and public tag, never the username. */
export function actorOf(req: FastifyRequest): string {
  return publicActor(req.account!);
}

/**
 * Who is asking: the session cookie (httpOnly, SameSite=Strict) names the account; every
 * state-changing request must also carry the session's CSRF token in `x-csrf-token`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { FairDrawError } from '../core/errors.js';
import { sessionOf, type AccountView } from '../office/accounts/accounts.js';
import type { Office } from '../office/ports.js';
import type { Role } from '../store/schema.js';

export const SESSION_COOKIE = 'fairdraw_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountView;
    csrf?: string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAuth(app: FastifyInstance, office: Office): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const s = await sessionOf(office, req.cookies[SESSION_COOKIE]);
    if (s) {
      req.account = s.account;
      req.csrf = s.csrf;
    }
  });
}

/** A preValidation hook (so a stranger learns nothing from validation errors): the caller must be logged in with one of `roles`; unsafe methods need the CSRF token. */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!req.account) throw new FairDrawError('auth.required', '请先登录', 'please log in first', {});
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.csrf) {
      throw new FairDrawError(
        'auth.csrf',
        '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
        'missing or wrong CSRF token; reload the page and try again',
        {},
      );
    }
    if (!roles.includes(req.account.role)) {
      throw new FairDrawError(
        'auth.forbidden',
        `您的角色（${req.account.role}）无权执行此操作`,
        `your role (${req.account.role}) may not do this`,
        {},
      );
    }
  };
}

/** The audit log's actor for an account. */
export function actorOf(req: FastifyRequest): string {
  const a = req.account!;
  return `${a.role}:${a.username}`;
}

/**
 * Login, logout, who am I, and each account's own password change. The first admin is made at
 * first start (with a one-time password that must be changed) or by `fairdraw admin create`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword, login, logout, SESSION_HOURS } from '../../office/accounts/accounts.js';
import { FairDrawError } from '../../core/errors.js';
import { SESSION_COOKIE } from '../auth.js';
import { access } from '../access.js';
import { Done, LoginBody, Me, PasswordChangeBody, PasswordChanged } from '../../api/staff.js';
import type { Office } from '../../office/ports.js';

export const authRoutes = (office: Office, secureCookies: boolean): FastifyPluginAsyncZod =>
  async function (app) {
    await app.register(
      access.public(async (app) => {
        app.post(
          '/api/auth/login',
          {
            // Per address, on top of the per-client backoff after failures (login-guard.ts).
            config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
            schema: {
              tags: ['auth'],
              body: LoginBody,
              response: { 200: Me },
            },
          },
          async (req, reply) => {
            const s = await login(office, req.body.username, req.body.password, req.ip);
            reply.setCookie(SESSION_COOKIE, s.token, {
              httpOnly: true,
              sameSite: 'strict',
              secure: secureCookies,
              path: '/',
              maxAge: SESSION_HOURS * 3600,
            });
            return { account: s.account, csrf: s.csrf, expiresAt: s.expiresAt };
          },
        );

        app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: Done } } }, async (req, reply) => {
          if (req.account && req.headers['x-csrf-token'] !== req.csrf) {
            throw new FairDrawError('auth.csrf', '请求缺少有效的 CSRF 令牌', 'missing or wrong CSRF token', {});
          }
          await logout(office, req.cookies[SESSION_COOKIE]);
          reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'strict' });
          return { ok: true };
        });

        app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
          // Reading who one is does not extend the session (a page left open does not keep it alive).
          const s = req.session;
          if (!s) throw new FairDrawError('auth.required', '请先登录', 'please log in first', {});
          return { account: s.account, csrf: s.csrf, expiresAt: s.expiresAt };
        });
      }),
    );

    await app.register(
      access.session(async (app) => {
        app.post(
          '/api/auth/password',
          {
            config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
            schema: {
              tags: ['auth'],
              body: PasswordChangeBody,
              response: { 200: PasswordChanged },
            },
          },
          async (req) => ({
            account: await changePassword(office, req.account!.username, req.body.current, req.body.password, req.session!.tokenHash),
          }),
        );
      }),
    );
  };

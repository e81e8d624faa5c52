/** Login, logout, who am I; the first admin is made at first start or by `fairdraw admin create`. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { login, logout, sessionOf, SESSION_HOURS } from '../../office/accounts/accounts.js';
import { FairDrawError } from '../../core/errors.js';
import { SESSION_COOKIE } from '../auth.js';
import { Account } from '../schemas.js';
import type { Office } from '../../office/ports.js';

export const authRoutes = (office: Office, secureCookies: boolean): FastifyPluginAsyncZod =>
  async function (app) {
    const Me = z.object({ account: Account, csrf: z.string(), expiresAt: z.string() });
    app.post(
      '/api/auth/login',
      {
        // Per address; the account itself also locks after five failures (accounts.ts).
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], body: z.object({ username: z.string().min(1), password: z.string().min(1) }), response: { 200: Me } },
      },
      async (req, reply) => {
        const s = await login(office, req.body.username, req.body.password);
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
    app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
      if (req.account && req.headers['x-csrf-token'] !== req.csrf) {
        throw new FairDrawError('auth.csrf', '请求缺少有效的 CSRF 令牌', 'missing or wrong CSRF token', {});
      }
      await logout(office, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });
    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
      const s = await sessionOf(office, req.cookies[SESSION_COOKIE]);
      if (!s) throw new FairDrawError('auth.required', '请先登录', 'please log in first', {});
      return s;
    });
  };

/** Accounts, for admins only. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccount, view } from '../../office/accounts/accounts.js';
import { requireRole } from '../auth.js';
import { Account } from '../schemas.js';
import type { Office } from '../../office/ports.js';

export const adminRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    app.addHook('preValidation', requireRole('admin'));
    app.get(
      '/api/admin/accounts',
      { schema: { tags: ['admin'], response: { 200: z.object({ accounts: z.array(Account) }) } } },
      async () => ({
        accounts: (await office.store.repos.accounts.list()).map(view),
      }),
    );
    app.post(
      '/api/admin/accounts',
      {
        schema: {
          tags: ['admin'],
          body: z.object({
            username: z.string(),
            displayName: z.string().optional(),
            role: z.enum(['admin', 'operator', 'supervisor']),
            password: z.string(),
          }),
          response: { 200: Account },
        },
      },
      async (req) => createAccount(office, req.body),
    );
    app.post(
      '/api/admin/accounts/:username/disable',
      { schema: { tags: ['admin'], params: z.object({ username: z.string() }), response: { 200: z.object({ ok: z.boolean() }) } } },
      async (req) => {
        await office.store.repos.accounts.update(req.params.username, { disabled: 1 });
        await office.store.repos.accounts.deleteSessionsOf(req.params.username);
        return { ok: true };
      },
    );
  };

/** Accounts, for admins only: create, list, reset a password (one-time), disable and re-enable. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccount, listAccounts, resetPassword, setDisabled } from '../../office/accounts/accounts.js';
import { access } from '../access.js';
import { Account } from '../../api/staff.js';
import type { Office } from '../../office/ports.js';

const Username = z.object({ username: z.string().max(64) });

export const adminRoutes = (office: Office): FastifyPluginAsyncZod =>
  access.admin(async function (app) {
    app.get(
      '/api/admin/accounts',
      { schema: { tags: ['admin'], response: { 200: z.object({ accounts: z.array(Account) }) } } },
      async () => ({
        accounts: await listAccounts(office),
      }),
    );
    app.post(
      '/api/admin/accounts',
      {
        schema: {
          tags: ['admin'],
          body: z.object({
            username: z.string().max(64),
            displayName: z.string().max(100).optional(),
            role: z.enum(['admin', 'operator', 'supervisor']),
            password: z.string().max(1024),
          }),
          response: { 200: Account },
        },
      },
      // An account an admin creates starts with a password the admin knows: its owner changes it first.
      async (req) => createAccount(office, req.body, { mustChangePassword: true }),
    );
    app.post(
      '/api/admin/accounts/:username/reset',
      {
        schema: { tags: ['admin'], params: Username, response: { 200: z.object({ username: z.string(), password: z.string() }) } },
      },
      async (req) => ({ username: req.params.username, password: await resetPassword(office, req.params.username) }),
    );
    app.post(
      '/api/admin/accounts/:username/disable',
      { schema: { tags: ['admin'], params: Username, response: { 200: Account } } },
      async (req) => setDisabled(office, req.params.username, true),
    );
    app.post(
      '/api/admin/accounts/:username/enable',
      { schema: { tags: ['admin'], params: Username, response: { 200: Account } } },
      async (req) => setDisabled(office, req.params.username, false),
    );
  });

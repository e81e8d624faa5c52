/** Accounts, for admins only: create, list, reset a password (one-time), disable and re-enable. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAccount, listAccounts, resetPassword, setDisabled } from '../../office/accounts/accounts.js';
import { actorOf } from '../auth.js';
import { access } from '../access.js';
import { requestScope } from '../district-scope.js';
import { Account, AccountList, NewAccountBody, PasswordReset, UsernameParams } from '../../api/staff.js';
import type { Office } from '../../office/ports.js';

export const adminRoutes = (office: Office): FastifyPluginAsyncZod =>
  access.admin(async function (app) {
    app.get(
      '/api/admin/accounts',
      { schema: { tags: ['admin'], response: { 200: AccountList } } },
      // A district's admin sees its district's accounts (the city's admins see every account).
      async (req) => ({ accounts: await listAccounts(office, requestScope(req)) }),
    );
    app.post(
      '/api/admin/accounts',
      {
        schema: {
          tags: ['admin'],
          body: NewAccountBody,
          response: { 200: Account },
        },
      },
      // An account an admin creates starts with a password the admin knows: its owner changes it first.
      async (req) => createAccount(office, req.body, { mustChangePassword: true, scope: requestScope(req), actor: actorOf(req) }),
    );
    app.post(
      '/api/admin/accounts/:username/reset',
      {
        schema: { tags: ['admin'], params: UsernameParams, response: { 200: PasswordReset } },
      },
      async (req) => ({ username: req.params.username, password: await resetPassword(office, req.params.username) }),
    );
    app.post(
      '/api/admin/accounts/:username/disable',
      { schema: { tags: ['admin'], params: UsernameParams, response: { 200: Account } } },
      async (req) => setDisabled(office, req.params.username, true),
    );
    app.post(
      '/api/admin/accounts/:username/enable',
      { schema: { tags: ['admin'], params: UsernameParams, response: { 200: Account } } },
      async (req) => setDisabled(office, req.params.username, false),
    );
  });

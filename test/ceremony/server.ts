/**
 * The real server (Fastify, SQLite in a temporary folder) on a free loopback port, with a frozen
 * event and a logged-in operator who drives the ceremony over HTTP, as the control panel does.
 */
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { testOffice } from '../office/harness.js';
import { beforeRound1000, frozenEvent, type EventOptions } from './fixtures.js';

export const OPERATOR = { username: 'operator', password: 'Maple-river-lantern-26' };
/** The second staff member, of another role, who confirms a sealed entry on the hall keyboard. */
export const SUPERVISOR = { username: 'supervisor', password: 'Cedar-harbour-violet-31' };

export interface TestServer {
  office: Awaited<ReturnType<typeof testOffice>>['office'];
  clock: Awaited<ReturnType<typeof testOffice>>['clock'];
  app: FastifyInstance;
  url: string;
  /** An operator call: JSON in, JSON out; throws with the server's error on failure. */
  op<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startServer(
  events: EventOptions[] = [{}],
  webDist?: string,
  limits?: Parameters<typeof buildServer>[0]['limits'],
): Promise<TestServer> {
  const { office, clock } = await testOffice(beforeRound1000());
  for (const e of events) await frozenEvent(office, e);
  await createAccount(office, { username: OPERATOR.username, role: 'operator', password: OPERATOR.password, displayName: '张老师' });
  await createAccount(office, { username: SUPERVISOR.username, role: 'supervisor', password: SUPERVISOR.password, displayName: '李监督' });
  const app = await buildServer({ office, ...(webDist ? { webDist } : {}), ...(limits ? { limits } : {}) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OPERATOR),
  });
  if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf } = (await login.json()) as { csrf: string };
  return {
    office,
    clock,
    app,
    url,
    async op<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const data = (await res.json()) as T & { error?: { code: string; en: string } };
      if (!res.ok) throw Object.assign(new Error(`${res.status} ${data.error?.code}: ${data.error?.en}`), { code: data.error?.code });
      return data;
    },
    async stop() {
      await app.close();
      await office.close();
    },
  };
}

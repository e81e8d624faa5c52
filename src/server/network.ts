/**
 * Plain HTTP on the hall's network: passwords and session cookies must never cross it in clear.
 * Requests from other machines may reach only what is public anyway — the portal, the verifier,
 * the ceremony's projector and live view, the witnesses' one-time links and their API — and are
 * refused everything else (the console, the control panel, login, the staff API, the API docs).
 * Requests from this machine (the operator's laptop, or a TLS proxy in front) are not restricted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FairDrawError } from '../core/errors.js';

/** Whether `address` (a socket's remote address) is this machine. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const PUBLIC_PAGE = /^\/(portal|verify)(\/|$)|^\/assets\/|^\/ceremony\/[^/]+(\/(live|witness|reps))?\/?$|^\/ceremony\/?$/;
const PUBLIC_API = [
  /^\/api\/health$/,
  /^\/api\/public\//,
  /^\/api\/ceremony\/[^/]+\/(stream|log)$/,
  /^\/api\/ceremony\/[^/]+\/reps\/[^/]+\/[^/]+$/,
];

/** What a machine other than this one may ask for over plain HTTP. */
export function publicOverPlainHttp(method: string, url: string): boolean {
  const path = url.split('?')[0]!;
  if (path.startsWith('/api/')) {
    // The witnesses' routes are POSTs; everything else public is read-only.
    if (/^\/api\/ceremony\/witness\//.test(path)) return method === 'POST' || method === 'GET';
    return (method === 'GET' || method === 'HEAD') && PUBLIC_API.some((r) => r.test(path));
  }
  return (method === 'GET' || method === 'HEAD') && PUBLIC_PAGE.test(path);
}

export function installNetworkPolicy(app: FastifyInstance): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (isLoopback(req.socket.remoteAddress)) return;
    if (publicOverPlainHttp(req.method, req.url)) return;
    throw new FairDrawError(
      'network.plain',
      '此服务器未启用 HTTPS：工作台和工作人员接口只能在本机使用。请用 --tls-cert/--tls-key 启动，或通过 HTTPS 反向代理访问',
      'this server runs without HTTPS: the console and the staff API answer only on this machine. Start it with --tls-cert/--tls-key, or reach it through an HTTPS reverse proxy',
      {},
    );
  });
}

/**
 * Staff credentials never cross a network in clear: HTTPS (HTTP/2 with HTTP/1.1 for older clients)
 * with a self-signed certificate made here by openssl, Secure cookies and HSTS under TLS; on plain
 * HTTP bound to a network address, other machines reach only the public pages and feeds, and
 * `fairdraw serve` refuses to start that way without --public-over-http.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT } from '../portal/fixture.js';
import { fairdraw } from '../cli-run.js';

const PASSWORD = 'Lantern-harbour-quiet-41';
const dir = mkdtempSync(join(tmpdir(), 'fairdraw-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');

let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
let url: string;
let ca: Buffer;

beforeAll(async () => {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' }); // prettier-ignore
  ca = readFileSync(certFile);
  t = await testOffice();
  await demoEvent(t.office, 'published', t.clock);
  await createAccount(t.office, { username: 'clerk', role: 'operator', password: PASSWORD });
  app = await buildServer({ office: t.office, tls: { cert: ca, key: readFileSync(keyFile) } });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.office.close();
});

/** One HTTP/2 request; resolves with the status, headers and (up to `until` appearing) body. */
function h2(path: string, init: { method?: string; body?: string; until?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const client = connect(url, { ca });
    client.on('error', reject);
    const req = client.request({
      ':method': init.method ?? 'GET',
      ':path': path,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    });
    let headers: Record<string, unknown> = {};
    let body = '';
    req.on('response', (h) => (headers = h));
    req.setEncoding('utf8');
    const done = () => {
      client.close();
      resolve({ status: Number(headers[':status']), headers, body });
    };
    req.on('data', (d: string) => {
      body += d;
      if (init.until && body.includes(init.until)) {
        req.close();
        done();
      }
    });
    req.on('end', done);
    req.on('error', reject);
    if (init.body) req.end(init.body);
    else req.end();
  });
}

describe('HTTPS', () => {
  it('speaks HTTP/2 with HSTS, and sets the session cookie Secure', async () => {
    const r = await h2('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'clerk', password: PASSWORD }) });
    expect(r.status).toBe(200);
    expect(String(r.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
    const cookie = ([] as string[]).concat(r.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(/^fairdraw_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it('serves HTTP/1.1 clients too', async () => {
    const r = await new Promise<{ status: number; version: string; hsts: unknown }>((resolve, reject) => {
      const req = request(`${url}/api/public/events`, { ca }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, version: res.httpVersion, hsts: res.headers['strict-transport-security'] }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(r).toMatchObject({ status: 200, version: '1.1' });
    expect(r.hsts).toBeTruthy();
  });

  it('streams the live feed over HTTP/2', async () => {
    const r = await h2(`/api/ceremony/${EVENT}/stream`, { until: 'caughtup' });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/event-stream/);
    expect(r.body).toContain('event: caughtup');
  });
});

describe('plain HTTP on a network address', () => {
  it('answers other machines only with public pages and feeds; this machine gets everything', async () => {
    const plain = await buildServer({ office: t.office, publicOnlyOffLoopback: true });
    try {
      const from = (remoteAddress: string, method: 'GET' | 'POST', url: string, payload?: object) =>
        plain.inject({ method, url, remoteAddress, ...(payload ? { payload } : {}) });
      const hall = '192.168.1.50';
      const login = await from(hall, 'POST', '/api/auth/login', { username: 'clerk', password: PASSWORD });
      expect(login.statusCode).toBe(403);
      expect((login.json() as { error: { code: string } }).error.code).toBe('network.plain');
      for (const u of ['/api/events', '/api/docs/json', '/console/', `/ceremony/${EVENT}/control`])
        expect((await from(hall, 'GET', u)).statusCode, u).toBe(403);
      expect((await from(hall, 'GET', '/api/public/events')).statusCode).toBe(200);
      expect((await from(hall, 'GET', `/api/ceremony/${EVENT}/log`)).statusCode).toBe(200);
      expect((await from(hall, 'POST', '/api/ceremony/witness/lookup', { token: 'x' })).statusCode).not.toBe(403);
      expect((await from('127.0.0.1', 'POST', '/api/auth/login', { username: 'clerk', password: PASSWORD })).statusCode).toBe(200);
      expect((await from('::ffff:127.0.0.1', 'GET', '/api/events')).statusCode).toBe(401);
    } finally {
      await plain.close();
    }
  });

  it('fairdraw serve refuses a network address without TLS unless told to serve public pages only', () => {
    const data = mkdtempSync(join(tmpdir(), 'fairdraw-serve-'));
    const r = fairdraw(['serve', '--data', data, '--host', '0.0.0.0', '--port', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tls-cert/);
    expect(r.stderr).toMatch(/--public-over-http/);
    const half = fairdraw(['serve', '--data', data, '--tls-cert', certFile, '--port', '1']);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--tls-key/);
  });
});

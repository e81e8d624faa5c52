/**
 * Result day: the public results answer of one unit, served by one FairDraw process and by nginx
 * from a file holding the same bytes, measured in one run with autocannon at 200 connections.
 *
 *   tsx bench/result-day.ts [SECONDS]      (5 by default: each side is warmed up for 2 s, then
 *                                          measured 3 times, alternately; the median round counts)
 *
 * FairDraw runs as a bureau runs it: the built command (`node bin/fairdraw.js serve`) on a data
 * directory that `fairdraw demo --stage results` took through the ceremony to published results.
 * nginx (Debian's `nginx-light`) runs as this user from a temporary prefix, one worker process, in
 * the foreground; without it the nginx half is skipped and said so. Prints one JSON line.
 * Target: FairDraw at ≥ 25 % of nginx's requests per second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const fairdraw = join(here, '..', 'bin', 'fairdraw.js');
const CONNECTIONS = 200;
const ROUNDS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and waits until `ready` appears on its output (or it stops). */
function start(cmd: string, args: string[], ready: RegExp | null, url: string): Promise<ChildProcess> {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready?.test(out)) resolve(p);
    };
    p.stdout!.on('data', onData);
    p.stderr!.on('data', onData);
    p.once('exit', (code) => reject(new Error(`${cmd} stopped (${code}): ${out.slice(-500)}`)));
    if (!ready) {
      // No line to wait for (nginx in the foreground says nothing): poll the address.
      const t0 = Date.now();
      const poll = (): void => {
        fetch(url)
          .then((r) => (r.body?.cancel(), resolve(p)))
          .catch(() => (Date.now() - t0 > 10_000 ? reject(new Error(`${cmd} does not answer: ${out}`)) : setTimeout(poll, 100)));
      };
      poll();
    }
  });
}

async function stop(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  if (p.exitCode === null) p.kill('SIGKILL');
}

interface Measured {
  requestsPerSecond: number;
  /** CPU time (user + system) the serving process spent per request: less bent by a busy machine. */
  cpuMicrosecondsPerRequest: number | null;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  bytesPerRequest: number;
}

/** CPU time of a process so far, in milliseconds (Linux; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/** `n` measurements, after a warm-up (JIT, prepared bytes, page cache) when `warm`. */
async function rounds(url: string, seconds: number, pid: number | undefined, n: number, warm = true): Promise<Measured[]> {
  if (warm) await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const out: Measured[] = [];
  for (let i = 0; i < n; i++) out.push(await measure(url, seconds, pid));
  return out;
}

/** The round with the median requests per second. */
function median(ms: Measured[]): Measured {
  return [...ms].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(ms.length / 2)]!;
}

async function measure(url: string, seconds: number, pid: number | undefined): Promise<Measured> {
  const c0 = cpuMs(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const c1 = cpuMs(pid);
  return {
    requestsPerSecond: Math.round(r.requests.average),
    cpuMicrosecondsPerRequest:
      c0 !== undefined && c1 !== undefined && r.requests.total ? Math.round(((c1 - c0) * 1000) / r.requests.total) : null,
    p99Ms: r.latency.p99,
    p50Ms: r.latency.p50,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    bytesPerRequest: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

function findNginx(): string | undefined {
  for (const p of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) if (existsSync(p)) return p;
  const w = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return w.status === 0 ? w.stdout.trim() || undefined : undefined;
}

function nginxConfig(prefix: string, port: number): string {
  // As root, the worker would otherwise drop to `nobody` and could not read the temporary folder.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `${user}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    location / { add_header Cache-Control "public, no-cache"; }
  }
}
`;
}

export async function resultDayBench(seconds = 5): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-result-day-'));
  const data = join(dir, 'data');
  let server: ChildProcess | undefined;
  let nginx: ChildProcess | undefined;
  try {
    const demo = spawnSync(process.execPath, [fairdraw, 'demo', '--data', data, '--stage', 'results'], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`fairdraw demo failed: ${demo.stderr}`);
    const event = demo.stdout.trim().split('\n')[0]!.trim();

    const port = await freePort();
    server = await start(process.execPath, [fairdraw, 'serve', '--data', data, '--port', String(port)], /FairDraw is running/, '');
    const base = `http://127.0.0.1:${port}`;
    const unit = ((await (await fetch(`${base}/api/public/events/${event}`)).json()) as { units: { id: string }[] }).units[0]!.id;
    const url = `${base}/api/public/events/${event}/results/${unit}`;
    const answer = await fetch(url);
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (answer.status !== 200) throw new Error(`the results answer is ${answer.status}`);

    const out: Record<string, unknown> = {
      case: 'result-day',
      answer: `GET /api/public/events/${event}/results/${unit}`,
      bytes: bytes.length,
      etag: answer.headers.get('etag'),
      connections: CONNECTIONS,
      seconds,
      rounds: ROUNDS,
      loadBefore: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    const bin = findNginx();
    if (!bin) {
      out.fairdraw = median(await rounds(url, seconds, server.pid, ROUNDS));
      out.nginx = 'skipped: nginx is not installed (Debian: apt-get install nginx-light); the ratio needs it';
      return JSON.stringify(out);
    }
    const prefix = join(dir, 'nginx');
    for (const d of ['www', 'tmp', 'logs']) mkdirSync(join(prefix, d), { recursive: true });
    writeFileSync(join(prefix, 'www', 'results.json'), bytes);
    const nport = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(prefix, nport));
    const nurl = `http://127.0.0.1:${nport}/results.json`;
    nginx = await start(bin, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], null, nurl);
    const same = Buffer.from(await (await fetch(nurl)).arrayBuffer());
    if (!same.equals(bytes)) throw new Error('nginx does not serve the same bytes');
    // The one worker serves; the master only waits.
    const worker = Number(readFileSync(`/proc/${nginx.pid}/task/${nginx.pid}/children`, 'utf8').trim().split(/\s+/)[0]) || undefined;

    // Both run throughout; the rounds alternate, so a machine that gets busier or quieter bends both alike.
    const fds: Measured[] = [];
    const ngs: Measured[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      fds.push(...(await rounds(url, seconds, server.pid, 1, r === 0)));
      ngs.push(...(await rounds(nurl, seconds, worker, 1, r === 0)));
    }
    const fd = median(fds);
    const ng = median(ngs);
    out.fairdraw = fd;
    out.nginx = ng;
    out.ratio = Math.round((fd.requestsPerSecond / ng.requestsPerSecond) * 1000) / 1000;
    out.ratios = fds.map((f, i) => Math.round((f.requestsPerSecond / ngs[i]!.requestsPerSecond) * 1000) / 1000);
    if (fd.cpuMicrosecondsPerRequest && ng.cpuMicrosecondsPerRequest)
      out.cpuRatio = Math.round((ng.cpuMicrosecondsPerRequest / fd.cpuMicrosecondsPerRequest) * 1000) / 1000;
    out.target = '≥ 0.25';
    out.loadAfter = loadavg().map((l) => Math.round(l * 100) / 100);
    return JSON.stringify(out);
  } finally {
    await stop(server);
    await stop(nginx);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await resultDayBench(Number(process.argv[2] ?? 5)));
}

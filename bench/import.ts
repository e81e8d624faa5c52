/**
 * The applicant import at city scale, each step in its own process so that peak memory is the
 * import's own. Prints one JSON line per case.
 *
 *   tsx bench/import.ts gen ROWS FILE          writes an applicant workbook (invented data)
 *   tsx bench/import.ts import FILE [single]   imports it into a fresh data directory, as the
 *                                              command line does (the helper thread reads while
 *                                              this one stores), or all on one thread
 *   tsx bench/import.ts check FILE [saxes]     reads and checks it only (the scanner, or saxes)
 *   tsx bench/import.ts all [ROWS...]          both, for 100,000 and 600,000 rows by default
 *   tsx bench/import.ts server [ROWS]          the server's answers to other requests during an import
 *
 * Targets (2-core machine): 100,000 rows ≤ 4 s and ≤ 400 MB peak; 600,000 rows ≤ 1.5 GB peak.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../src/office/import/id-card.js';

const here = dirname(fileURLToPath(import.meta.url));
/** A module of the build in dist/ (what a bureau runs), typed as its source. */
const built = <T>(path: string): Promise<T> => import(pathToFileURL(join(here, '..', 'dist', path)).href) as Promise<T>;

/** The schools of the benchmark's event: 20, so that a row names three of them. */
export const BENCH_UNITS = Array.from({ length: 20 }, (_, i) => ({ id: `S${String(i + 1).padStart(2, '0')}`, name: `第${i + 1}小学` }));
export const BENCH_WINDOW = { bornFrom: '2013-09-01', bornTo: '2014-08-31' };

/**
 * Applicant i: a unique invented ID number (area 110000 + i / 365,000, a birth date in the window,
 * a sequence), three choices, tier 1–3; every 500th pair are twins. The columns of the demo files
 * (demo/applicants.xlsx) with 志愿1–志愿3.
 */
export function benchRow(i: number): (string | number)[] {
  const day = i % 365;
  const birth = new Date(Date.UTC(2013, 8, 1 + day)).toISOString().slice(0, 10);
  const k = Math.floor(i / 365);
  const area = String(110000 + Math.floor(k / 1000));
  const first17 = `${area}${birth.replaceAll('-', '')}${String(k % 1000).padStart(3, '0')}`;
  const id = first17 + idCheckChar(first17);
  const sex = (k % 1000) % 2 === 1 ? '男' : '女';
  const twin = i % 500 === 10 || i % 500 === 11;
  const u = twin ? 0 : i % BENCH_UNITS.length;
  const choices = [0, 7, 13].map((d) => BENCH_UNITS[(u + d) % BENCH_UNITS.length]!.name);
  return [
    `学生${i}`,
    sex,
    id,
    birth,
    `家长${i}`,
    `138${String(i).padStart(8, '0')}`,
    ...choices,
    twin ? 1 : 1 + (i % 3),
    twin ? `T${Math.floor(i / 500)}` : '',
  ];
}

export const BENCH_HEADER = ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '志愿3', '类别', '多胞胎组'];

/** Writes the workbook as Excel does: shared strings, one sheet 报名名单. */
export async function generateWorkbook(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('报名名单');
  ws.addRow(BENCH_HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow(benchRow(i)).commit();
  ws.commit();
  await wb.commit();
}

async function importOnce(file: string, mode: 'overlap' | 'single'): Promise<void> {
  const { openOffice } = await built<typeof import('../src/app.js')>('app.js');
  const { createEvent } = await built<typeof import('../src/office/create-event.js')>('office/create-event.js');
  const { addUnit } = await built<typeof import('../src/office/add-unit.js')>('office/add-unit.js');
  const { importApplicants } = await built<typeof import('../src/office/import-applicants.js')>('office/import-applicants.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-import-'));
  const office = await openOffice({ dataDir });
  try {
    await createEvent(
      office,
      { id: 'bench', title: '导入基准', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict', ...BENCH_WINDOW },
      'bench',
    );
    for (const u of BENCH_UNITS) await addUnit(office, { event: 'bench', id: u.id, name: u.name, seats: 1000 }, 'bench');
    const bytes = new Uint8Array(readFileSync(file));
    const phases: Record<string, number> = {};
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // checkMs: until the whole file is read and checked; storeMs: the rest (with `overlap`, only
    // what was left to store once the file was read).
    const r = await importApplicants(
      office,
      'bench',
      bytes,
      basename(file),
      'bench',
      (phase, done, total) => {
        if (phase === 'check' && done === total) phases.checkMs = Math.round(performance.now() - t0);
      },
      { overlap: mode === 'overlap' },
    );
    const totalMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        case: `import-xlsx-${mode}`,
        rows: r.imported,
        fileMB: Math.round(statSync(file).size / 1e5) / 10,
        totalMs,
        checkMs: phases.checkMs,
        storeMs: totalMs - (phases.checkMs ?? 0),
        // On a shared machine the wall time includes waiting for a core; the CPU time does not.
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await office.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Reading and checking alone (no database), with the given worksheet reader: the part of the import
 * the reader's choice changes.
 */
async function checkOnce(file: string, reader: 'scanner' | 'saxes'): Promise<void> {
  const { importApplicantsFile } = await built<typeof import('../src/office/import/index.js')>('office/import/index.js');
  const bytes = new Uint8Array(readFileSync(file));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importApplicantsFile(bytes, basename(file), { units: BENCH_UNITS, ageWindow: BENCH_WINDOW, reader });
  const totalMs = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      case: `check-xlsx-${reader}`,
      rows: r.applicants.length,
      errors: r.errors.length,
      totalMs,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/** A server on a fresh data directory with the benchmark's event; prints its port. */
async function serve(): Promise<void> {
  const { openOffice } = await built<typeof import('../src/app.js')>('app.js');
  const { createEvent } = await built<typeof import('../src/office/create-event.js')>('office/create-event.js');
  const { addUnit } = await built<typeof import('../src/office/add-unit.js')>('office/add-unit.js');
  const { createAccount } = await built<typeof import('../src/office/accounts/accounts.js')>('office/accounts/accounts.js');
  const { buildServer } = await built<typeof import('../src/server/app.js')>('server/app.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-serve-'));
  const office = await openOffice({ dataDir });
  await createAccount(office, { username: 'bench', role: 'operator', password: 'quiet-lantern-harbour-42' });
  await createEvent(
    office,
    { id: 'bench', title: '导入基准', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict', ...BENCH_WINDOW },
    'bench',
  );
  for (const u of BENCH_UNITS) await addUnit(office, { event: 'bench', id: u.id, name: u.name, seats: 1000 }, 'bench');
  // Another event, renamed again and again during the import: a write with its audit entry, as a
  // witness's submission is.
  await createEvent(
    office,
    { id: 'probe', title: '写入探针', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    'bench',
  );
  // One address asks several times a second for the whole import: the per-address public limit
  // (meant for the internet) is lifted so the answers measured are the real ones, not 429s. The
  // witness lookup keeps its own limit of 120 a minute, so it is asked every 600 ms.
  const app = await buildServer({ office, limits: { publicPerAddressPerMinute: 1_000_000, publicTotalPerMinute: 1_000_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
  // Asked by the benchmark over IPC: how long this thread's event loop was held up (a request
  // waits at least that long whatever the machine), the CPU time and the peak memory since 'reset'.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let cpu0 = process.cpuUsage();
  process.on('message', (m) => {
    if (m === 'reset') {
      delay.reset();
      cpu0 = process.cpuUsage();
      process.send?.('reset');
    } else if (m === 'stats') {
      const cpu = process.cpuUsage(cpu0);
      process.send?.({
        loopDelayP50Ms: Math.round(delay.percentile(50) / 1e6),
        loopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
        loopDelayMaxMs: Math.round(delay.max / 1e6),
        serverCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        serverPeakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => office.close().then(() => (rmSync(dataDir, { recursive: true, force: true }), process.exit(0))));
  });
}

/**
 * Starts the server in a process of its own, uploads the workbook, and meanwhile asks every 25 ms
 * for /api/health and the live feed (the SSE stream's first frame), every 600 ms for a witness link
 * lookup (the reading half of a witness's submission) and every 100 ms renames another event (a
 * write with its audit entry, like a witness's submission); reports p50, p99 and the slowest answer
 * of each while the import ran (target: < 100 ms).
 */
export async function serverBench(rows: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-xlsx-'));
  const file = join(dir, `applicants-${rows}.xlsx`);
  child(['gen', String(rows), file]);
  const { spawn } = await import('node:child_process');
  // FAIRDRAW_BENCH_PROF=DIR: the server process writes a CPU profile of each thread there.
  const prof = process.env.FAIRDRAW_BENCH_PROF;
  const profile = prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [];
  const server = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const ask = (m: string): Promise<unknown> =>
    new Promise((resolve) => {
      server.once('message', resolve);
      server.send(m);
    });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      server.once('exit', (code) => reject(new Error(`the server stopped (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'quiet-lantern-harbour-42' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrf } = (await login.json()) as { csrf: string };

    // Each probe resolves to the answer's HTTP status. The benchmark's event is a draft, so the
    // live feed answers 404 — after the same database read as a frozen event's first frame.
    let n = 0;
    const probes: Record<string, () => Promise<number>> = {
      health: () => fetch(`${base}/api/health`).then(async (r) => (await r.text(), r.status)),
      liveFeed: async () => {
        const ac = new AbortController();
        const r = await fetch(`${base}/api/ceremony/bench/stream`, { signal: ac.signal });
        const reader = r.body!.getReader();
        await reader.read(); // the first frame
        ac.abort();
        await reader.cancel().catch(() => undefined);
        return r.status;
      },
      witnessLookup: () =>
        fetch(`${base}/api/ceremony/witness/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: 'no-such-token-0000000000' }),
        }).then(async (r) => (await r.text(), r.status)),
      write: () => {
        n++;
        return fetch(`${base}/api/events/probe`, {
          method: 'PATCH',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `写入探针 ${n}` }),
        }).then(async (r) => (await r.text(), r.status));
      },
    };
    const pause: Record<string, number> = { health: 25, liveFeed: 25, witnessLookup: 600, write: 100 };
    const statuses: Record<string, Record<number, number>> = Object.fromEntries(Object.keys(probes).map((k) => [k, {}]));
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
    let running = true;
    // Only the answers asked for while the import runs are counted.
    let from = Infinity;
    const loops = Object.entries(probes).map(async ([name, probe]) => {
      while (running) {
        const t0 = performance.now();
        const status = await probe();
        if (t0 >= from) {
          times[name]!.push(performance.now() - t0);
          statuses[name]![status] = (statuses[name]![status] ?? 0) + 1;
        }
        await new Promise((r) => setTimeout(r, pause[name]));
      }
    });
    await ask('reset');
    const t0 = performance.now();
    from = t0;
    // The upload runs on a thread of its own: sending 7.5 MB and reading the answer would otherwise
    // hold up this thread's probes, and their times would be the benchmark's, not the server's.
    const upload = new Worker(
      `const { parentPort, workerData: d } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       fetch(d.url, { method: 'POST', headers: d.headers, body: readFileSync(d.file) })
         .then((r) => r.json())
         .then((j) => parentPort.postMessage(j.imported));`,
      {
        eval: true,
        workerData: {
          url: `${base}/api/events/bench/import`,
          file,
          headers: {
            cookie,
            'x-csrf-token': csrf,
            'content-type': 'application/octet-stream',
            'x-file-name': encodeURIComponent(basename(file)),
          },
        },
      },
    );
    const imported = await new Promise<number | undefined>((resolve, reject) => {
      upload.once('message', resolve);
      upload.once('error', reject);
    });
    await upload.terminate();
    const importMs = Math.round(performance.now() - t0);
    running = false;
    await Promise.all(loops);
    const serverSide = (await ask('stats')) as Record<string, number>;
    const stats = Object.fromEntries(
      Object.entries(times).map(([k, v]) => {
        const sorted = [...v].sort((a, b) => a - b);
        const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
        return [k, { n: v.length, status: statuses[k], p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1) ?? 0) }];
      }),
    );
    const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
    return JSON.stringify({ case: 'server-during-import', rows, imported, importMs, load, ...serverSide, ...stats });
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) return JSON.stringify({ case: args.join(' '), failed: r.status });
  return r.stdout.trim();
}

/** Generates each size in one process and imports it in another; prints the import's line. */
export function runImportBench(sizes: number[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-xlsx-'));
  try {
    return sizes.map((n) => {
      const file = join(dir, `applicants-${n}.xlsx`);
      child(['gen', String(n), file]);
      return child(['import', file]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [what, ...args] = process.argv.slice(2);
  if (what === 'gen') await generateWorkbook(Number(args[0]), args[1]!);
  else if (what === 'import') await importOnce(args[0]!, args[1] === 'single' ? 'single' : 'overlap');
  else if (what === 'check') await checkOnce(args[0]!, args[1] === 'saxes' ? 'saxes' : 'scanner');
  else if (what === 'serve') await serve();
  else if (what === 'server') console.log(await serverBench(Number(args[0] ?? 100_000)));
  else if (what === 'all') {
    for (const line of runImportBench(args.length > 0 ? args.map(Number) : [100_000, 600_000])) console.log(line);
  } else
    throw new Error(
      `usage: tsx ${join(basename(here), 'import.ts')} gen ROWS FILE | import FILE [single] | check FILE [saxes] | all [ROWS...] | server [ROWS]`,
    );
}

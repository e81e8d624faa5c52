/**
 * Two members of staff at once: a writer that finds the database locked waits (busy timeout) and,
 * if the other does not finish in time, fails with a message of its own — exit 4 on the command
 * line, 503 from the server — never SQLite's text, a stack trace or a 500. Both orders: a command
 * holds a write transaction while the server tries, the server holds one while a command tries,
 * and two commands against each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fairdraw, fairdrawCommand, type Run } from '../cli-run.js';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { createEvent } from '../../src/office/create-event.js';
import { testOffice } from '../office/harness.js';

/** Starts a command that stops inside its write transaction at `point`; resolves once it holds the lock. */
function holding(args: string[], env: Record<string, string>, point: string, ms: number): Promise<{ done: Promise<Run> }> {
  return new Promise((resolveHeld, reject) => {
    const child = spawn(...fairdrawCommand(args), {
      env: { ...process.env, FAIRDRAW_BUSY_TIMEOUT_MS: '60000', ...env, FAIRDRAW_HOLD_AT: point, FAIRDRAW_HOLD_MS: String(ms) },
    });
    let stdout = '';
    let stderr = '';
    const done = new Promise<Run>((res) => child.on('exit', (code) => res({ code: code ?? -1, stdout, stderr })));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`holding at ${point}`)) resolveHeld({ done });
    });
    void done.then((r) => reject(new Error(`exited before holding: ${r.stderr}`)));
  });
}

function busy(r: Run): void {
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(/the database is busy: another member of staff or the server is writing/);
  expect(r.stderr).toMatch(/数据库正忙/);
  expect(r.stderr).not.toMatch(/SqliteError|SQLITE_|\n\s+at /);
}

let t: Awaited<ReturnType<typeof testOffice>>;
let app: FastifyInstance;
let session: { cookie: string; csrf: string };
const savedTimeout = process.env.FAIRDRAW_BUSY_TIMEOUT_MS;

beforeAll(async () => {
  // The server in this process gives up after 300 ms.
  process.env.FAIRDRAW_BUSY_TIMEOUT_MS = '300';
  t = await testOffice();
  await createAccount(t.office, { username: 'op', role: 'operator', password: 'quiet-lantern-harbour-42' });
  await createEvent(
    t.office,
    {
      id: 'e1',
      title: '并发测试',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      declaredSources: [{ kind: 'public', label: '公证员' }],
    },
    'test',
  );
  app = await buildServer({ office: t.office });
  await app.ready();
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op', password: 'quiet-lantern-harbour-42' } });
  const c = r.cookies.find((x) => x.name === 'fairdraw_session')!;
  session = { cookie: `${c.name}=${c.value}`, csrf: (r.json() as { csrf: string }).csrf };
});

afterAll(async () => {
  await app?.close();
  await t?.office.close();
  if (savedTimeout === undefined) delete process.env.FAIRDRAW_BUSY_TIMEOUT_MS;
  else process.env.FAIRDRAW_BUSY_TIMEOUT_MS = savedTimeout;
});

const addUnitRequest = (id: string) =>
  app.inject({
    method: 'POST',
    url: '/api/events/e1/units',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    payload: { id, name: `单元${id}`, seats: 5 },
  });

const unitIds = async (): Promise<string[]> => (await t.office.store.repos.events.listUnits('e1')).map((u) => u.id).sort();

describe('two writers at once', () => {
  it('a command holds a write transaction: the server answers 503 in both languages, then works', async () => {
    const cli = await holding(
      ['unit', 'add', '--event', 'e1', '--id', 'C1', '--name', '命令行单元', '--seats', '3', '--data', t.dataDir],
      {},
      'unit.add:logged',
      3000,
    );
    // while the command holds its transaction, its database files are owner-only too
    for (const f of ['fairdraw.sqlite', 'fairdraw.sqlite-wal', 'fairdraw.sqlite-shm'])
      expect(statSync(join(t.dataDir, f)).mode & 0o777).toBe(0o600);
    const r = await addUnitRequest('S1');
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('5');
    const body = r.json() as { error: { code: string; zh: string; en: string } };
    expect(body.error.code).toBe('store.busy');
    expect(body.error.en).toMatch(/busy/);
    expect(body.error.zh).toMatch(/数据库正忙/);
    expect(r.body).not.toMatch(/SqliteError|SQLITE_/);
    expect((await cli.done).code).toBe(0);
    expect(await unitIds()).toEqual(['C1']);
    expect((await addUnitRequest('S1')).statusCode).toBe(200);
    expect(await unitIds()).toEqual(['C1', 'S1']);
  }, 60_000);

  it('the server holds a write transaction: a command waits, and gives up with exit 4 when it lasts too long', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let began!: () => void;
    const begun = new Promise<void>((r) => (began = r));
    const held = t.office.store.tx(async () => {
      began();
      await released;
    });
    await begun; // the server's transaction holds the write lock (and this process's connection) from here
    let code: Promise<number | null> | undefined;
    try {
      // The command gives up after 500 ms: exit 4, nothing written.
      busy(
        fairdraw(['unit', 'add', '--event', 'e1', '--id', 'C2', '--name', '等不及', '--seats', '1', '--data', t.dataDir], {
          FAIRDRAW_BUSY_TIMEOUT_MS: '500',
        }),
      );
      // With the usual timeout it waits for the server to finish, then succeeds.
      const child = spawn(
        ...fairdrawCommand(['unit', 'add', '--event', 'e1', '--id', 'C3', '--name', '等得及', '--seats', '1', '--data', t.dataDir]),
        {
          env: { ...process.env, FAIRDRAW_BUSY_TIMEOUT_MS: '60000' },
        },
      );
      code = new Promise<number | null>((res) => child.on('exit', res));
      // release once the command is up and waiting
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      release();
      await held;
    }
    expect(await code).toBe(0);
    expect(await unitIds()).toEqual(['C1', 'C3', 'S1']);
  }, 90_000);

  it('two commands: the second waits for the first, or gives up with exit 4', async () => {
    const first = await holding(
      ['unit', 'add', '--event', 'e1', '--id', 'C4', '--name', '第一位', '--seats', '1', '--data', t.dataDir],
      {},
      'unit.add:logged',
      15000,
    );
    const second = fairdraw(['unit', 'add', '--event', 'e1', '--id', 'C5', '--name', '第二位', '--seats', '1', '--data', t.dataDir], {
      FAIRDRAW_BUSY_TIMEOUT_MS: '200',
    });
    busy(second);
    expect((await first.done).code).toBe(0);
    const again = await holding(
      ['unit', 'add', '--event', 'e1', '--id', 'C6', '--name', '第三位', '--seats', '1', '--data', t.dataDir],
      {},
      'unit.add:logged',
      8000,
    );
    const waited = fairdraw(['unit', 'add', '--event', 'e1', '--id', 'C7', '--name', '第四位', '--seats', '1', '--data', t.dataDir], {
      FAIRDRAW_BUSY_TIMEOUT_MS: '60000',
    });
    expect(waited.stderr).toBe('');
    expect(waited.code).toBe(0);
    expect((await again.done).code).toBe(0);
    expect(await unitIds()).toEqual(['C1', 'C3', 'C4', 'C6', 'C7', 'S1']);
  }, 90_000);

  it('two requests to one server take turns', async () => {
    const [a, b] = await Promise.all([addUnitRequest('S2'), addUnitRequest('S3')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await unitIds()).toContain('S3');
  });
});

/**
 * While a large import runs on the real server (real SQLite), the rest of the server keeps
 * answering: /api/health, the live feed of a ceremony and a witness's link lookup all answer while
 * the import's write transaction is still open — they neither wait for it nor for the reading and
 * checking of the file (done on the import's helper thread for a file this size). Asserted by
 * order (the transaction is observed open when each answer arrives), not by a timing threshold;
 * the times are in the benchmark (bench/import.ts server).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { issueWitnessLink } from '../../src/office/ceremony/witness-links.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { fakeId } from '../../src/office/import/test-support.js';
import { startServer, type TestServer } from '../ceremony/server.js';
import { EVENT } from '../ceremony/fixtures.js';

const ROWS = 40_000;
let s: TestServer;
let token: string;

/** A CSV of ROWS invented applicants (unique ID numbers: a birth date for each day, a sequence). */
function csv(rows: number): Uint8Array {
  const lines = ['姓名,性别,身份证号,出生日期,志愿1,类别'];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
    const seq = Math.floor(i / 365) * 2 + 1; // odd: a boy
    lines.push(`学生${i},男,${fakeId(birth, seq)},${birth},甲小学,1`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

beforeAll(async () => {
  s = await startServer();
  await createEvent(
    s.office,
    { id: 'big', title: '大名单', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    'operator:operator',
  );
  await addUnit(s.office, { event: 'big', id: 'A', name: '甲小学', seats: 100 }, 'operator:operator');
  await openCeremony(s.office, EVENT, 'operator:operator');
  token = (await issueWitnessLink(s.office, EVENT, 0, 'operator:operator')).token;
}, 60_000);

afterAll(async () => {
  await s?.stop();
});

it('answers health, the live feed and a witness lookup while an import of 40,000 rows writes', async () => {
  // Observe the import's write transaction: open from its first statement to its commit.
  const store = s.office.store;
  const tx = store.tx.bind(store);
  let writing = false;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  store.tx = (fn, options) =>
    tx(async (repos) => {
      if (!options?.bulk) return fn(repos);
      writing = true;
      opened();
      try {
        return await fn(repos);
      } finally {
        writing = false;
      }
    }, options);

  const login = await fetch(`${s.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: 'Maple-river-lantern-26' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf } = (await login.json()) as { csrf: string };
  let finished = false;
  const upload = fetch(`${s.url}/api/events/big/import`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('名单.csv') },
    body: Buffer.from(csv(ROWS)),
  }).then(async (r) => {
    finished = true;
    return { status: r.status, body: (await r.json()) as { imported?: number } };
  });

  await open;
  const seen: Record<string, { status: number; writing: boolean; finished: boolean }> = {};
  const health = fetch(`${s.url}/api/health`).then(async (r) => {
    seen.health = { status: r.status, writing, finished };
    expect(await r.json()).toEqual({ ok: true });
  });
  const live = (async () => {
    const ac = new AbortController();
    const r = await fetch(`${s.url}/api/ceremony/${EVENT}/stream`, { signal: ac.signal });
    const reader = r.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    seen.live = { status: r.status, writing, finished };
    expect(first).toContain('retry:');
    ac.abort();
    await reader.cancel().catch(() => undefined);
  })();
  const lookup = fetch(`${s.url}/api/ceremony/witness/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  }).then(async (r) => {
    seen.lookup = { status: r.status, writing, finished };
    expect(((await r.json()) as { event: string }).event).toBe(EVENT);
  });
  await Promise.all([health, live, lookup]);
  const done = await upload;

  expect(done.status).toBe(200);
  expect(done.body.imported).toBe(ROWS);
  expect(await s.office.store.repos.applicants.countByEvent('big')).toBe(ROWS);
  // Each answered while the import's transaction was still open, before the import finished.
  expect(seen).toEqual({
    health: { status: 200, writing: true, finished: false },
    live: { status: 200, writing: true, finished: false },
    lookup: { status: 200, writing: true, finished: false },
  });
}, 120_000);

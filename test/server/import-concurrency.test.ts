/**
 * While a large import runs on the real server (real SQLite), the rest of the server keeps
 * answering: /api/health, the live feed of a ceremony, a witness's link lookup and a write of the
 * server's own (a witness link) all answer while the import's helper thread is still storing the
 * list in parts — they wait neither for the whole list nor for the reading and checking of the
 * file. Asserted by order (the import is observed unfinished when each answer arrives), not by a
 * timing threshold; the times are in the benchmark (bench/import.ts server).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { issueWitnessLink } from '../../src/office/ceremony/witness-links.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { fakeId } from '../../src/office/import/test-support.js';
import { startServer, type TestServer } from '../ceremony/server.js';
import { EVENT } from '../ceremony/fixtures.js';
import { sqliteOf } from '../../src/store/index.js';
import { systemRandom } from '../../src/store/system.js';

const ROWS = 40_000;
let s: TestServer;
let token: string;

/** A CSV of ROWS invented applicants (unique ID numbers: a birth date for each day, a sequence). */
function csv(rows: number, last = ''): Uint8Array {
  const lines = ['姓名,性别,身份证号,出生日期,志愿1,类别'];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
    const seq = Math.floor(i / 365) * 2 + 1; // odd: a boy
    lines.push(`学生${i},男,${fakeId(birth, seq)},${birth},甲小学,1`);
  }
  if (last !== '') lines.push(last);
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

/** The operator's session cookie and CSRF token. */
async function logIn(): Promise<{ cookie: string; csrf: string }> {
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
  return { cookie, csrf };
}

it('answers health, the live feed, a witness lookup and a write while an import of 40,000 rows is stored in parts', async () => {
  // The server's own random source: the import's helper thread then stores the list itself.
  s.office.random = systemRandom;
  const raw = sqliteOf(s.office.store.db);
  // Observed on this thread's connection: rows of the event stored (a part committed) while the
  // import's row in `imports` is still there (its list not yet complete).
  const inParts = (): { stored: number; importing: boolean } => ({
    stored: (raw.prepare(`SELECT count(*) AS n FROM applicants WHERE event_id = 'big'`).get() as { n: number }).n,
    importing: raw.prepare(`SELECT 1 FROM imports WHERE event_id = 'big'`).get() !== undefined,
  });

  const { cookie, csrf } = await logIn();
  let finished = false;
  const upload = fetch(`${s.url}/api/events/big/import`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('名单.csv') },
    body: Buffer.from(csv(ROWS)),
  }).then(async (r) => {
    finished = true;
    return { status: r.status, body: (await r.json()) as { imported?: number } };
  });

  for (let now = inParts(); !(now.stored > 0 && now.importing); now = inParts()) {
    if (finished) throw new Error('the import finished before a part was observed');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Not listed yet: the list appears whole, with the import's audit entry.
  expect(await s.office.store.repos.applicants.countByEvent('big')).toBe(0);
  const seen: Record<string, { status: number; writing: boolean; finished: boolean }> = {};
  const writing = (): boolean => inParts().importing;
  const health = fetch(`${s.url}/api/health`).then(async (r) => {
    seen.health = { status: r.status, writing: writing(), finished };
    expect(await r.json()).toEqual({ ok: true });
  });
  const live = (async () => {
    const ac = new AbortController();
    const r = await fetch(`${s.url}/api/ceremony/${EVENT}/stream`, { signal: ac.signal });
    const reader = r.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    seen.live = { status: r.status, writing: writing(), finished };
    expect(first).toContain('retry:');
    ac.abort();
    await reader.cancel().catch(() => undefined);
  })();
  const lookup = fetch(`${s.url}/api/ceremony/witness/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  }).then(async (r) => {
    seen.lookup = { status: r.status, writing: writing(), finished };
    expect(((await r.json()) as { event: string }).event).toBe(EVENT);
  });
  // A write of the server's own (a second witness link for the ceremony) waits for one part at most.
  const write = issueWitnessLink(s.office, EVENT, 1, 'operator:operator').then(() => {
    seen.write = { status: 200, writing: writing(), finished };
  });
  await Promise.all([health, live, lookup, write]);
  const done = await upload;

  expect(done.status).toBe(200);
  expect(done.body.imported).toBe(ROWS);
  expect(await s.office.store.repos.applicants.countByEvent('big')).toBe(ROWS);
  // Each answered while the import was still being stored, before it finished.
  expect(seen).toEqual({
    health: { status: 200, writing: true, finished: false },
    live: { status: 200, writing: true, finished: false },
    lookup: { status: 200, writing: true, finished: false },
    write: { status: 200, writing: true, finished: false },
  });
  expect(inParts()).toEqual({ stored: ROWS, importing: false });
}, 120_000);

it('stores nothing of a large file whose last row is wrong, though its first parts were stored as they were checked', async () => {
  s.office.random = systemRandom;
  await createEvent(
    s.office,
    { id: 'bad', title: '有错的名单', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    'operator:operator',
  );
  await addUnit(s.office, { event: 'bad', id: 'A', name: '甲小学', seats: 100 }, 'operator:operator');
  const raw = sqliteOf(s.office.store.db);
  const stored = (): number => (raw.prepare(`SELECT count(*) AS n FROM applicants WHERE event_id = 'bad'`).get() as { n: number }).n;
  // The helper stores parts while it reads: watched on this thread's connection.
  let most = 0;
  let answered = false;
  const watch = (async () => {
    while (!answered) {
      most = Math.max(most, stored());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const { cookie, csrf } = await logIn();
  // The last row repeats the first row's ID number: an error found only when it is read.
  const r = await fetch(`${s.url}/api/events/bad/import`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('名单.csv') },
    body: Buffer.from(csv(ROWS, `重复,男,${fakeId('2013-09-01', 1)},2013-09-01,甲小学,1`)),
  });
  answered = true;
  await watch;
  expect(r.status).toBe(422);
  const body = (await r.json()) as { errors: { row: number; code: string }[] };
  expect(body.errors.map((e) => [e.row, e.code])).toEqual([[ROWS + 2, 'idcard.duplicate']]);
  expect(most).toBeGreaterThan(0);
  expect(stored()).toBe(0);
  expect(raw.prepare(`SELECT count(*) AS n FROM imports WHERE event_id = 'bad'`).get()).toEqual({ n: 0 });
  expect(await s.office.store.repos.applicants.countByEvent('bad')).toBe(0);
}, 120_000);

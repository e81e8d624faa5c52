/** The public live stream: late viewers see everything so far; a dropped connection resumes without gaps or duplicates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CeremonyFeed } from '../../src/office/ceremony/feed.js';
import type { LogEntry } from '../../src/office/ceremony/log-types.js';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { afterRound1000, beaconJson, EVENT, LABELS, VALUES } from './fixtures.js';
import { startServer, SUPERVISOR, type TestServer } from './server.js';
import { connect } from './sse-client.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});

const seals = LABELS.map((label, i) => sealedValue(EVENT, i, label, VALUES[i]!));
const tokens: string[] = [];

async function phone(path: string, body: object): Promise<unknown> {
  const res = await fetch(`${s.url}/api/ceremony/witness/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
}
afterAll(async () => {
  await s?.stop();
});

const stream = (after?: number) => connect(`${s.url}/api/ceremony/${EVENT}/stream`, after);
const ids = (es: LogEntry[]) => es.map((e) => e.id);

describe('the live stream', () => {
  it('refuses an unknown event before streaming', async () => {
    const res = await fetch(`${s.url}/api/ceremony/nope/stream`);
    expect(res.status).toBe(404);
  });

  it('gives a late viewer every step so far, then each new step as it happens', async () => {
    await s.op('POST', `/api/ceremony/${EVENT}/open`);
    await s.op('POST', `/api/ceremony/${EVENT}/meeting`, { place: '教育局三楼会议室', startedAt: '2020-07-20T09:30' });
    for (const i of [0, 2]) tokens[i] = (await s.op<{ token: string }>('POST', `/api/ceremony/${EVENT}/slots/${i}/link`, {})).token;
    await phone('commit', { token: tokens[0], commitment: seals[0]!.commitment });
    const late = stream();
    await late.caughtUp;
    expect(late.entries.map((e) => e.type)).toEqual(['opened', 'meeting', 'commitment']);
    // A sealed entry on the hall keyboard, confirmed by a supervisor.
    await s.op('POST', `/api/ceremony/${EVENT}/slots/1/commit`, {
      commitment: seals[1]!.commitment,
      confirm: SUPERVISOR,
    });
    const c = await late.until((e) => e.type === 'commitment' && e.payload.index === 1);
    expect(c.payload).toMatchObject({ label: LABELS[1], commitment: seals[1]!.commitment, via: 'hall' });
    expect(JSON.stringify(late.entries)).not.toContain(VALUES[1]);
    late.close();
  });

  it('resumes after a dropped connection from Last-Event-ID, with nothing missed and nothing twice', async () => {
    const first = stream();
    await first.caughtUp;
    const seen = [...first.entries];
    first.close(); // the phone loses the hall's Wi-Fi
    await phone('commit', { token: tokens[2], commitment: seals[2]!.commitment });
    await phone('reveal', { token: tokens[0], value: VALUES[0], salt: seals[0]!.salt });
    await s.op('POST', `/api/ceremony/${EVENT}/slots/1/reveal`, { value: VALUES[1], salt: seals[1]!.salt });
    await phone('reveal', { token: tokens[2], value: VALUES[2], salt: seals[2]!.salt });
    afterRound1000(s.clock);
    await s.op('POST', `/api/ceremony/${EVENT}/drand`, { text: beaconJson(), via: 'paste' });
    const again = stream(seen.at(-1)!.id);
    await again.caughtUp;
    expect(again.entries.map((e) => e.type)).toEqual(['commitment', 'sealed', 'value', 'value', 'value', 'drand']);
    await s.op('POST', `/api/ceremony/${EVENT}/draw`);
    await again.until((e) => e.type === 'draw');
    const all = [...seen, ...again.entries];
    const log = (await (await fetch(`${s.url}/api/ceremony/${EVENT}/log`)).json()) as { entries: LogEntry[] };
    expect(ids(all)).toEqual(ids(log.entries));
    expect(new Set(ids(all)).size).toBe(all.length);
    again.close();
  });

  it('also resumes from ?lastEventId= (for clients that cannot set the header)', async () => {
    const log = (await (await fetch(`${s.url}/api/ceremony/${EVENT}/log`)).json()) as { entries: LogEntry[] };
    const mid = log.entries[2]!.id;
    const c = connect(`${s.url}/api/ceremony/${EVENT}/stream?lastEventId=${mid}`);
    await c.caughtUp;
    expect(ids(c.entries)).toEqual(ids(log.entries.filter((e) => e.id > mid)));
    c.close();
  });
});

describe('the notifier', () => {
  it('reads the log once per new step, however many viewers, and each gets each step once and in order', async () => {
    const rows: LogEntry[] = [];
    let queries = 0;
    const feed = new CeremonyFeed(async (_id, after) => {
      queries++;
      await new Promise((r) => setTimeout(r, 1)); // a real query is asynchronous
      return rows.filter((r) => r.id > after);
    });
    const add = (id: number) => rows.push({ id, at: '', type: 'halted', payload: { zh: String(id), en: String(id) } });
    add(1);
    add(2);
    const got: number[][] = [];
    const offs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        got.push([]);
        return feed.subscribe('e', i % 3, { send: (it) => got[i]!.push(it.entry.id) });
      }),
    );
    expect(queries).toBe(1);
    for (let id = 3; id <= 12; id++) {
      add(id);
      void feed.poke('e');
    }
    // A viewer joining while steps arrive still gets everything exactly once.
    const lateGot: number[] = [];
    const lateOff = await feed.subscribe('e', 0, { send: (it) => lateGot.push(it.entry.id) });
    await feed.poke('e');
    expect(queries).toBeLessThanOrEqual(11);
    got.forEach((g, i) => expect(g).toEqual(rows.map((r) => r.id).filter((id) => id > i % 3)));
    expect(lateGot).toEqual(rows.map((r) => r.id));
    expect(feed.viewers('e')).toBe(51);
    offs.forEach((off) => off());
    lateOff();
    expect(feed.viewers()).toBe(0);
  });
});

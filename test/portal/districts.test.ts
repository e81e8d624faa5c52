/**
 * The city's portal: the public list of events names each event's district and lists every
 * district, and its prepared answer is never served stale when a district is added — here, by
 * another process on the same database. An install without districts answers as it always did.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { openOffice } from '../../src/app.js';
import { addDistrict } from '../../src/office/districts.js';
import { publicStamp } from '../../src/office/public/stamp.js';
import type { PreparedAnswers } from '../../src/server/prepared.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT } from './fixture.js';

let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

async function server() {
  const t = await testOffice();
  await demoEvent(t.office, 'results', t.clock);
  open.push(t.office);
  let answers!: PreparedAnswers;
  const app = await buildServer({ office: t.office, onPrepared: (a) => (answers = a) });
  open.push(app);
  return { t, app, answers: () => answers };
}

let ip = 0;
const list = (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/public/events', headers, remoteAddress: `10.3.0.${++ip % 250}` });

describe('the portal of a city with districts', () => {
  it('lists every district and names the district of each event', async () => {
    const { t, app } = await server();
    await addDistrict(t.office, { id: 'dist-b', code: '310104', name: '徐汇区' }, 'cli');
    await addDistrict(t.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli');
    await t.office.store.repos.events.update(EVENT, { district_id: 'dist-b' });
    const body = (await list(app)).json() as { events: { id: string; district?: unknown }[]; districts: unknown[] };
    expect(body.districts).toEqual([
      { id: 'dist-a', code: '310101', name: '黄浦区' },
      { id: 'dist-b', code: '310104', name: '徐汇区' },
    ]);
    expect(body.events.map((e) => [e.id, e.district])).toEqual([[EVENT, { id: 'dist-b', code: '310104', name: '徐汇区' }]]);
  });

  it('sends the list again as prepared until a district is added by another process, then the new list', async () => {
    const { t, app, answers } = await server();
    await addDistrict(t.office, { id: 'dist-a', code: '310101', name: '黄浦区' }, 'cli');
    const first = await list(app);
    const again = await list(app);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect([...answers().answers()].map(([k]) => k)).toContain('/api/public/events');

    const other = await openOffice({ dataDir: t.dataDir });
    try {
      await addDistrict(other, { id: 'dist-c', code: '310105', name: '长宁区' }, 'cli');
    } finally {
      await other.close();
    }
    const after = await list(app, { 'if-none-match': first.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect((after.json() as { districts: { name: string }[] }).districts.map((d) => d.name)).toEqual(['黄浦区', '长宁区']);
  });
});

describe('an install without districts', () => {
  it('answers the list and keeps its stamps as before districts existed', async () => {
    const { t, app } = await server();
    const body = (await list(app)).json() as Record<string, unknown> & { events: Record<string, unknown>[] };
    expect(Object.keys(body)).toEqual(['events']);
    expect(Object.keys(body.events[0]!)).not.toContain('district');
    const stamp = await publicStamp(t.office);
    expect(stamp).toBe(await publicStamp(t.office, EVENT));
    expect(stamp).toMatch(new RegExp(`^${EVENT}:results:1:[^|]+:\\d+$`));
  });
});

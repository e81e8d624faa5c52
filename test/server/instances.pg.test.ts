/**
 * Two server instances on one PostgreSQL database, as behind a proxy that sends each phone to
 * either: a ceremony step committed by one instance (or by any process on the database) reaches
 * the live-feed viewers of the other (LISTEN/NOTIFY), and a viewer that reconnects to the other
 * instance with Last-Event-ID gets exactly the steps it missed. The steps here are written by an
 * office directly, not through either server's routes, so neither server learns of them but from
 * the database. Collected only when scripts/test.sh provides a cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openOffice } from '../../src/app.js';
import { buildServer } from '../../src/server/app.js';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { beforeRound1000, EVENT, frozenEvent } from '../ceremony/fixtures.js';
import { connect } from '../ceremony/sse-client.js';
import { freshPostgres } from '../pg-cluster.js';

type Office = Awaited<ReturnType<typeof openOffice>>;
const OP = 'operator:operator';

describe('two server instances on one PostgreSQL database', () => {
  const { url, dataDir } = freshPostgres();
  const offices: Office[] = [];
  const apps: FastifyInstance[] = [];
  let writer: Office;
  let a: string;
  let b: string;
  const instance = async (): Promise<string> => {
    const office = await openOffice({ dataDir, database: url, clock: beforeRound1000() });
    offices.push(office);
    const app = await buildServer({ office });
    apps.push(app);
    return `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/ceremony/${EVENT}/stream`;
  };

  beforeAll(async () => {
    writer = await openOffice({ dataDir, database: url, clock: beforeRound1000() });
    offices.push(writer);
    await frozenEvent(writer);
    a = await instance();
    b = await instance();
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const o of offices) await o.close();
  });

  it("a step committed elsewhere reaches both instances' viewers, and a viewer resumes on the other instance", async () => {
    const onA = connect(a);
    const onB = connect(b);
    await Promise.all([onA.caughtUp, onB.caughtUp]);
    await openCeremony(writer, EVENT, OP);
    const [seenA, seenB] = await Promise.all([
      onA.until((e) => e.type === 'opened', 10_000),
      onB.until((e) => e.type === 'opened', 10_000),
    ]);
    expect(seenA).toEqual(seenB);
    // The viewer on A leaves; a step is taken while it is away; it comes back on B.
    onA.close();
    await recordMeeting(writer, EVENT, { place: '区教育局三楼会议室', startedAt: '2020-07-28T09:00:00+08:00' }, OP);
    await onB.until((e) => e.type === 'meeting', 10_000);
    const back = connect(b, seenA.id);
    await back.caughtUp;
    expect(back.entries.map((e) => e.type)).toEqual(onB.entries.filter((e) => e.id > seenA.id).map((e) => e.type));
    expect(back.entries.map((e) => e.type)).toContain('meeting');
    expect(back.entries.every((e) => e.id > seenA.id)).toBe(true);
    onB.close();
    back.close();
  });
});

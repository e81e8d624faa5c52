/**
 * Two offices on one PostgreSQL database, as two `serve` processes behind one proxy would be: each
 * with its own connection pool, the same data directory's keys. Asked for the official draw at the
 * same moment, the database lets one draw and the other answers with the stored record: one
 * official draw, one entry for it in the audit log, and the log verifies. Collected only when
 * scripts/test.sh provides a cluster.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openOffice } from '../../src/app.js';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw } from '../../src/office/run-draw.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { ensureFirstAdmin } from '../../src/office/accounts/accounts.js';
import { freshPostgres } from '../pg-cluster.js';
import { sample, seededRandom, TestClock } from './harness.js';

const OP = 'operator:operator';
const ID = 'race2020';
const LOTTERY = '福彩3D 第2020188期';

describe('two instances on one PostgreSQL database', () => {
  const { url, dataDir } = freshPostgres();
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of opened) await o.close();
  });
  const instance = async () => {
    const o = await openOffice({ dataDir, database: url, clock: new TestClock(), random: seededRandom() });
    opened.push(o);
    return o;
  };

  it('draws once when both are asked for the official draw at the same moment', async () => {
    const a = await instance();
    await createEvent(
      a,
      {
        id: ID,
        title: '两台服务器',
        mechanism: 'deferred-acceptance',
        tieBreak: 'single',
        groupFit: 'strict',
        declaredSources: [{ kind: 'public', label: LOTTERY }],
      },
      OP,
    );
    await addUnit(a, { event: ID, id: 'TML', name: '檀木林小学', seats: 30 }, OP);
    await addUnit(a, { event: ID, id: 'TKS', name: '塘坎上小学', seats: 30 }, OP);
    await importApplicants(a, ID, sample('applicants.xlsx'), 'applicants.xlsx', OP);
    await publishEvent(a, ID, OP);
    await freezeEvent(a, ID, OP);
    const b = await instance();
    const [x, y] = await Promise.all([
      runDraw(a, ID, [{ label: LOTTERY, value: '7 2 9' }], OP),
      runDraw(b, ID, [{ label: LOTTERY, value: '1 1 1' }], OP),
    ]);
    expect([x.computedNow, y.computedNow].sort()).toEqual([false, true]);
    expect(x.draw.record_sha256).toBe(y.draw.record_sha256);
    const draws = await sql<{ n: number }>`SELECT count(*) AS n FROM draws WHERE event_id = ${ID} AND kind = 'official'`.execute(
      a.store.db,
    );
    expect(Number(draws.rows[0]!.n)).toBe(1);
    const actions = (await b.store.repos.audit.list(ID)).map((e) => e.action);
    expect(actions.filter((x) => x === 'draw.official')).toHaveLength(1);
    expect(actions.filter((x) => x === 'draw.repeat-request')).toHaveLength(1);
    expect((await verifyAudit(b, ID)).ok).toBe(true);
  });

  it('makes one first admin when both start at the same moment; only its maker prints the password', async () => {
    const fresh = freshPostgres();
    // Opened one after the other (the first makes the keys), then both start serving at once.
    const x = await openOffice({ dataDir: fresh.dataDir, database: fresh.url });
    opened.push(x);
    const y = await openOffice({ dataDir: fresh.dataDir, database: fresh.url });
    opened.push(y);
    const passwords = await Promise.all([ensureFirstAdmin(x), ensureFirstAdmin(y)]);
    expect(passwords.filter((p) => p !== undefined)).toHaveLength(1);
    expect((await x.store.repos.accounts.list()).map((a) => a.username)).toEqual(['admin']);
  });
});

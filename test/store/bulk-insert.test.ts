/**
 * The import's bulk insert (one prepared statement per connection, run inside the transaction) keeps
 * the table's guarantees: a failing row leaves nothing of its transaction behind, the frozen-list
 * trigger refuses rows, and the page cache raised for a bulk transaction is put back afterwards.
 * And the system's random source draws registration numbers, group ids and salts as specified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { sqliteOf } from '../../src/store/index.js';
import { systemRandom } from '../../src/store/system.js';
import { applicantRow } from './applicant-rows.js';
import { testOffice } from '../office/harness.js';

let t: Awaited<ReturnType<typeof testOffice>>;

const row = applicantRow;

beforeAll(async () => {
  t = await testOffice();
  await createEvent(
    t.office,
    { id: 'e1', title: '批量写入', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    'op',
  );
  await addUnit(t.office, { event: 'e1', id: 'S1', name: '第一小学', seats: 10 }, 'op');
});

afterAll(async () => {
  await t.office.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('the bulk insert', () => {
  it('stores every column of every row', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i, i === 3 ? { group_label: 'T1', group_id: 'GABCDEFGH' } : {}));
    await t.office.store.tx((tx) => tx.applicants.insertMany(rows), { bulk: true });
    const stored = await t.office.store.repos.applicants.listByEvent('e1');
    // A row as imported: no erasure yet, so neither its kept commitment nor the erasure's time;
    // stored in one transaction, not in parts, so no import id.
    const imported = rows.map((r) => ({ ...r, person_commitment: null, erased_at: null, import_id: null }));
    expect(stored).toEqual(imported.sort((a, b) => a.reg_no.localeCompare(b.reg_no)));
  });

  it('leaves nothing of a transaction behind when a later row fails', async () => {
    const before = await t.office.store.repos.applicants.countByEvent('e1');
    const batch1 = Array.from({ length: 20 }, (_, i) => row(100 + i));
    const batch2 = [row(200), row(201, { id_number: 'ID0' })]; // the ID number of a stored row
    await expect(
      t.office.store.tx(async (tx) => {
        await tx.applicants.insertMany(batch1);
        await tx.applicants.insertMany(batch2);
      }),
    ).rejects.toThrow(/UNIQUE constraint failed: applicants.event_id, applicants.id_number/);
    expect(await t.office.store.repos.applicants.countByEvent('e1')).toBe(before);
  });

  it('is refused by the frozen-list trigger', async () => {
    const sqlite = sqliteOf(t.office.store.db);
    sqlite.prepare(`UPDATE events SET status = 'frozen' WHERE id = 'e1'`).run();
    await expect(t.office.store.tx((tx) => tx.applicants.insertMany([row(300)]), { bulk: true })).rejects.toThrow(
      /the applicant list is frozen/,
    );
    expect(await t.office.store.repos.applicants.getByRegNo('e1', row(300).reg_no)).toBeUndefined();
  });

  it('raises the page cache for a bulk transaction and puts it back afterwards, also after a failed one', async () => {
    const sqlite = sqliteOf(t.office.store.db);
    const cache = (): unknown => sqlite.pragma('cache_size', { simple: true });
    const before = cache();
    expect(before).not.toBe(-65536);
    expect(await t.office.store.tx(async () => cache(), { bulk: true })).toBe(-65536);
    expect(cache()).toBe(before);
    await expect(
      t.office.store.tx(
        async () => {
          throw new Error('stop');
        },
        { bulk: true },
      ),
    ).rejects.toThrow('stop');
    expect(cache()).toBe(before);
    expect(await t.office.store.tx(async () => cache())).toBe(before);
  });
});

describe('the system random source', () => {
  it('draws registration numbers and group ids from the readable alphabet, salts as 64 hex, all different', () => {
    const regs = Array.from({ length: 5000 }, () => systemRandom.registrationNumber());
    for (const r of regs) expect(r).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(new Set(regs).size).toBe(regs.length);
    expect(systemRandom.groupId()).toMatch(/^G[2-9A-HJKMNP-Z]{8}$/);
    const salts = Array.from({ length: 2000 }, () => systemRandom.salt());
    for (const s of salts) expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(salts).size).toBe(salts.length);
    // Every one of the 31 symbols occurs, none far more often than the others (50,000 draws).
    const counts = new Map<string, number>();
    for (const r of regs) for (const c of r) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    for (const n of counts.values()) expect(Math.abs(n - 50_000 / 31)).toBeLessThan(250);
  });
});

/**
 * The command line's import of a large file (`overlap`): the helper thread reads and checks while
 * this thread stores each row in one transaction. It stores exactly what the import on one thread
 * stores (same rows, same registration numbers from the same random source, same audit entry), and
 * a file with an error found after rows were stored leaves nothing behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { addUnit } from '../../src/office/add-unit.js';
import { createEvent } from '../../src/office/create-event.js';
import { importApplicants, ImportRejected } from '../../src/office/import-applicants.js';
import { ImportHelper, WORKER_MIN_BYTES } from '../../src/office/import/in-worker.js';
import { applicantsCsv as csv, fakeId, SAMPLE_UNITS, SAMPLE_WINDOW } from '../../src/office/import/test-support.js';
import type { Office } from '../../src/office/ports.js';
import { testOffice } from './harness.js';

const open: Awaited<ReturnType<typeof testOffice>>[] = [];
afterEach(async () => {
  for (const { office, dataDir } of open.splice(0)) {
    await office.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function eventOffice(): Promise<Office> {
  const t = await testOffice();
  open.push(t);
  await createEvent(
    t.office,
    { id: 'e1', title: '一年级招生', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict', ...SAMPLE_WINDOW },
    'operator',
  );
  for (const u of SAMPLE_UNITS) await addUnit(t.office, { event: 'e1', id: u.id, name: u.name, seats: 100 }, 'operator');
  return t.office;
}

const stored = (office: Office) => office.store.repos.applicants.listByEvent('e1');
const log = async (office: Office) => (await office.store.repos.audit.list('e1')).map((e) => ({ action: e.action, details: e.details }));

describe('importing a large file while it is read (the command line)', () => {
  it('stores the same rows and logs the same entry as the import on one thread', async () => {
    const bytes = csv(20_000);
    expect(bytes.length).toBeGreaterThan(WORKER_MIN_BYTES);
    const one = await eventOffice();
    const both = await eventOffice();
    const progress: string[] = [];
    const a = await importApplicants(one, 'e1', bytes, '名单.csv', 'operator');
    const helper = ImportHelper.start()!;
    const b = await importApplicants(
      both,
      'e1',
      bytes,
      '名单.csv',
      'operator',
      (phase, done, total) => progress.push(`${phase} ${done}/${total}`),
      { overlap: true, helper },
    );
    // The helper started beforehand read the file: it was taken.
    expect(helper.take()).toBeUndefined();
    expect(b).toEqual(a);
    expect(b.imported).toBe(20_000);
    const rows = await stored(both);
    expect(rows).toHaveLength(20_000);
    expect(rows).toEqual(await stored(one));
    expect(new Set(rows.filter((r) => r.group_id !== null).map((r) => r.group_id)).size).toBe(40);
    expect(await log(both)).toEqual(await log(one));
    expect(progress).toContain('store 20000/20000');
    // Stored while it was being read: the first slice was stored before the last row was checked.
    // (On SQLite a slice is inserted while its message is handled, so the order is certain; on
    // PostgreSQL the insert awaits the server, and the order is left to the other test below.)
    expect(progress.indexOf('store 1000/20000')).toBeGreaterThanOrEqual(0);
    if (both.store.dialect === 'sqlite') expect(progress.indexOf('store 1000/20000')).toBeLessThan(progress.indexOf('check 20000/20000'));
    expect(progress.filter((p) => p.startsWith('check')).at(-1)).toBe('check 20000/20000');
  });

  it('stores nothing when an error is found after rows were stored, and reports it', async () => {
    // The last row repeats the first row's ID number: an error found only when it is read.
    const bytes = csv(20_000, (cells, i) => {
      if (i === 19_999) [cells[2], cells[3]] = [fakeId('2013-09-01', 1), '2013-09-01'];
    });
    const office = await eventOffice();
    const before = await log(office);
    const e = await importApplicants(office, 'e1', bytes, '名单.csv', 'operator', undefined, { overlap: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportRejected);
    expect((e as ImportRejected).errors.map((x) => [x.row, x.code])).toEqual([[20_001, 'idcard.duplicate']]);
    expect(await stored(office)).toEqual([]);
    expect(await log(office)).toEqual(before);
    // and the event takes the corrected file afterwards
    const ok = await importApplicants(office, 'e1', csv(20_000), '名单.csv', 'operator', undefined, { overlap: true });
    expect(ok.imported).toBe(20_000);
    expect(await stored(office)).toHaveLength(20_000);
  });

  it('stores nothing when a row of the group checked at the end is wrong', async () => {
    // A twin whose sibling chose other schools: found when the groups are checked, after every row.
    const bytes = csv(20_000, (cells, i) => {
      if (i === 1) [cells[6], cells[7]] = [cells[7]!, cells[6]!];
    });
    const office = await eventOffice();
    const e = await importApplicants(office, 'e1', bytes, '名单.csv', 'operator', undefined, { overlap: true }).catch((x: unknown) => x);
    expect((e as ImportRejected).errors.map((x) => [x.row, x.code])).toEqual([[3, 'group.choices-differ']]);
    expect(await stored(office)).toEqual([]);
  });
});

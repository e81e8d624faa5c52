/**
 * An import stored in parts (0014-import-parts): its rows are in no read until its row in
 * `imports` is deleted; the event is not frozen meanwhile (a clear refusal, not an SQLite error);
 * an unfinished import is deleted with its rows, a finished one never; and an import is told
 * abandoned when its process is gone, or is this process and no longer stores it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { sqliteOf } from '../../src/store/index.js';
import { holdCheckpoints, isAbandoned, markStoring } from '../../src/store/import-parts.js';
import { createAccount, login, sessionOf, touchSession } from '../../src/office/accounts/accounts.js';
import SQLite from 'better-sqlite3';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { applicantRow } from './applicant-rows.js';
import { testOffice } from '../office/harness.js';

let t: Awaited<ReturnType<typeof testOffice>>;

const row = (i: number, importId: string | null) => applicantRow(i, { import_id: importId });

/** Rows as the import's helper thread stores them (its own statement, with the import id). */
function storePart(rows: ApplicantRow[]): void {
  const sqlite = sqliteOf(t.office.store.db);
  const cols = Object.keys(rows[0]!);
  const insert = sqlite.prepare(`INSERT INTO applicants (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
  sqlite.transaction(() => rows.forEach((r) => insert.run(r)))();
}

beforeAll(async () => {
  t = await testOffice();
  await createEvent(
    t.office,
    { id: 'e1', title: '分批写入', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' },
    'op',
  );
  await addUnit(t.office, { event: 'e1', id: 'S1', name: '第一小学', seats: 10 }, 'op');
});

afterAll(async () => {
  await t.office.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('an import stored in parts', () => {
  it('is in no read until it is finished, and the event is not frozen meanwhile', async () => {
    const repos = t.office.store.repos;
    await t.office.store.tx((tx) => tx.applicants.insertMany([row(1, null)]));
    await t.office.store.tx((tx) => tx.applicants.startImport('I1', 'e1'));
    storePart([row(2, 'I1'), row(3, 'I1')]);
    for (const r of [repos, t.office.store.reads]) {
      expect(await r.applicants.countByEvent('e1')).toBe(1);
      expect((await r.applicants.listByEvent('e1')).map((a) => a.reg_no)).toEqual(['R000000001']);
      expect(await r.applicants.getByRegNo('e1', 'R000000002')).toBeUndefined();
      expect((await r.applicants.search('e1', { offset: 0, limit: 10 })).total).toBe(1);
      expect([...(await r.applicants.idNumbers('e1'))]).toEqual(['ID1']);
    }
    // Every registration number is taken, the unfinished import's too.
    expect((await repos.applicants.regNos('e1')).size).toBe(3);
    await expect(t.office.store.db.updateTable('events').set({ status: 'frozen' }).where('id', '=', 'e1').execute()).rejects.toMatchObject({
      code: 'import.in-progress',
    });
    // Publishing (the status stays within draft and published) is not held up.
    await t.office.store.db.updateTable('events').set({ status: 'published' }).where('id', '=', 'e1').execute();

    expect(await t.office.store.tx((tx) => tx.applicants.finishImport('I1'))).toBe(true);
    expect(await repos.applicants.countByEvent('e1')).toBe(3);
    // A finished import is never deleted again, even if asked.
    expect(await t.office.store.tx((tx) => tx.applicants.dropImport('I1'))).toBe(0);
    expect(await repos.applicants.countByEvent('e1')).toBe(3);
  });

  it('is deleted with its rows when it is dropped unfinished', async () => {
    await t.office.store.tx((tx) => tx.applicants.startImport('I2', 'e1'));
    storePart([row(4, 'I2'), row(5, 'I2')]);
    expect(await t.office.store.tx((tx) => tx.applicants.dropImport('I2'))).toBe(2);
    expect(await t.office.store.repos.applicants.allImportsInParts()).toEqual([]);
    expect((await t.office.store.repos.applicants.regNos('e1')).size).toBe(3);
  });

  it('is abandoned when its process is gone or no longer stores it, or after ten minutes without a part', () => {
    const now = new Date().toISOString();
    const of = (pid: number, touched = now) => ({ id: 'I9', event_id: 'e1', pid, started_at: now, touched_at: touched });
    expect(isAbandoned(of(process.pid))).toBe(true);
    markStoring('I9', true);
    try {
      expect(isAbandoned(of(process.pid))).toBe(false);
      expect(isAbandoned(of(process.pid, new Date(Date.now() - 11 * 60_000).toISOString()))).toBe(true);
    } finally {
      markStoring('I9', false);
    }
    expect(isAbandoned(of(process.ppid))).toBe(false); // alive
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(isAbandoned(of(Number(gone.stdout)))).toBe(true);
  });

  it("leaves the request thread's checkpoints to the helper while imports store parts, and gives them back after the last", () => {
    const sqlite = sqliteOf(t.office.store.db);
    const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect(before).toBeGreaterThan(0);
    const first = holdCheckpoints(sqlite);
    const second = holdCheckpoints(sqlite);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    first();
    first(); // a second call changes nothing
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    second();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });

  it('lets a session be extended while a part is written, waiting for the part without holding up the thread', async () => {
    await createAccount(t.office, { username: 'clerk', role: 'operator', password: 'quiet-lantern-harbour-42' });
    const info = await login(t.office, 'clerk', 'quiet-lantern-harbour-42');
    const state = (await sessionOf(t.office, info.token))!;
    // A part as the helper writes it: counted in the gate, the write lock held by a connection of its own.
    const helper = new SQLite(sqliteOf(t.office.store.db).name);
    const gate = t.office.store.gate;
    Atomics.add(gate, 1, 1);
    helper.exec('BEGIN IMMEDIATE');
    try {
      let touched = false;
      const touching = touchSession(t.office, state).then((v) => ((touched = true), v));
      // The thread keeps answering meanwhile: a timer fires while the session waits for the part.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(touched).toBe(false);
      helper.exec('COMMIT');
      Atomics.sub(gate, 1, 1);
      Atomics.notify(gate, 1);
      expect(await touching).toMatch(/^\d{4}-/);
      expect(touched).toBe(true);
    } finally {
      if (helper.inTransaction) helper.exec('ROLLBACK');
      helper.close();
    }
  });

  it('ends a part as soon as a write of the request thread waits, so that the write waits for a few rows, not the part', async () => {
    await createAccount(t.office, { username: 'clerk2', role: 'operator', password: 'quiet-lantern-harbour-42' });
    const state = (await sessionOf(t.office, (await login(t.office, 'clerk2', 'quiet-lantern-harbour-42')).token))!;
    await t.office.store.tx((tx) => tx.applicants.startImport('I5', 'e1'));
    const gate = t.office.store.gate;
    // The helper thread's writer (the build in dist/, as the server runs it) writes one part of
    // 50,000 rows with no time limit of its own: only a waiting write can end it early.
    const rows = Array.from({ length: 50_000 }, (_, i) => row(10_000 + i, 'I5'));
    const module = fileURLToPath(new URL('../../dist/store/import-parts.js', import.meta.url));
    const helper = new Worker(
      `const { parentPort, workerData: d } = require('node:worker_threads');
       import(d.module).then(({ ImportPartsWriter }) => {
         const w = new ImportPartsWriter(d.file, 'I5', d.gate, 10 * 60 * 1000);
         try { parentPort.postMessage(w.writePart(d.rows, new Date().toISOString())); } finally { w.close(); }
       });`,
      { eval: true, workerData: { module, file: sqliteOf(t.office.store.db).name, gate, rows } },
    );
    let ended = false;
    const written = new Promise<number>((resolve, reject) => {
      helper.once('message', resolve);
      helper.once('error', reject);
    }).finally(() => (ended = true));
    try {
      // Once the part has begun, the request thread writes (a session extended).
      while (Atomics.load(gate, 1) === 0) {
        if (ended) throw new Error(`the helper ended before its part began: ${await written}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await touchSession(t.office, state);
      const stored = await written;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(rows.length);
      expect(stored % 32).toBe(0);
      // What the part wrote before it gave way is committed, in the import.
      const count = sqliteOf(t.office.store.db).prepare("SELECT count(*) FROM applicants WHERE import_id = 'I5'").pluck().get();
      expect(count).toBe(stored);
    } finally {
      await helper.terminate();
      await t.office.store.tx((tx) => tx.applicants.dropImport('I5'));
    }
  });
});

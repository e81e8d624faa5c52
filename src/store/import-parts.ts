/**
 * A large applicant list stored in parts (0014-import-parts), by the import's helper thread on a
 * database connection of its own: each part is a short transaction, so the server's own writes (a
 * witness's value during a ceremony) wait for one part at most, never for the whole list, and the
 * request thread never waits for the list's commits or the checkpoints of its WAL. The rows carry
 * the import's id and are left out of every read until the import's row in `imports` is deleted,
 * together with its audit entry, in one small transaction on the request thread.
 *
 * Between parts the helper gives way: the request thread counts the write transactions it wants to
 * run in a shared array (`WriteGate`), and the helper starts no part while one waits; a transaction
 * that comes while a part is being written waits for the part without blocking its thread.
 */
import SQLite from 'better-sqlite3';
import { busyTimeoutMs, storeError } from './errors.js';
import { crashPoint } from './crash-points.js';
import { APPLICANT_COLUMNS, type ApplicantRow } from './repositories/applicants.repository.js';
import type { ImportsTable } from './schema.js';

/**
 * Shared between the request thread and the import's helper threads: [0] write transactions the
 * request thread is running or about to run; [1] parts being written by helper threads.
 */
export type WriteGate = Int32Array;

export function newWriteGate(): WriteGate {
  return new Int32Array(new SharedArrayBuffer(8));
}

// Atomics.waitAsync (Node.js 16 and later) is not in the ES2023 library the project compiles against.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/** Before a write transaction on the request thread: waits (without blocking) for a part being written. */
export async function enterWrite(gate: WriteGate): Promise<void> {
  Atomics.add(gate, 0, 1);
  for (let parts = Atomics.load(gate, 1); parts > 0; parts = Atomics.load(gate, 1)) {
    const w = waitAsync(gate, 1, parts, 1000);
    if (w.async) await w.value;
  }
}

export function leaveWrite(gate: WriteGate): void {
  Atomics.sub(gate, 0, 1);
  Atomics.notify(gate, 0);
}

/** On the helper thread, before a part: waits until no write of the request thread is waiting. */
function enterPart(gate: WriteGate): void {
  for (;;) {
    Atomics.add(gate, 1, 1);
    const waiting = Atomics.load(gate, 0);
    if (waiting === 0) return;
    leavePart(gate);
    Atomics.wait(gate, 0, waiting, 50);
  }
}

function leavePart(gate: WriteGate): void {
  Atomics.sub(gate, 1, 1);
  Atomics.notify(gate, 1);
}

/** Connections of the request thread whose automatic checkpoints are held: by how many imports, and the setting to restore. */
const held = new WeakMap<SQLite.Database, { imports: number; pages: number }>();

/**
 * While an import stores its parts, the request thread's connection leaves the WAL's checkpoints to
 * the helper (which runs them every 20,000 rows or so and at the end): otherwise a small commit there
 * (a witness's value, a session touched) finds the WAL past its 1,000 pages and copies the list's
 * pages into the database file and syncs it, holding up every other request meanwhile. Returns the
 * function that lets it checkpoint again (once the last import holding it is done).
 */
export function holdCheckpoints(sqlite: SQLite.Database): () => void {
  let h = held.get(sqlite);
  if (h === undefined) {
    h = { imports: 0, pages: sqlite.pragma('wal_autocheckpoint', { simple: true }) as number };
    held.set(sqlite, h);
  }
  if (h.imports++ === 0) sqlite.pragma('wal_autocheckpoint = 0');
  const hold = h;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--hold.imports === 0) {
      held.delete(sqlite);
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${hold.pages}`);
    }
  };
}

/** Imports of this process being stored now (by id): told apart from those a crash left behind. */
const storing = new Set<string>();

export function markStoring(id: string, on: boolean): void {
  if (on) storing.add(id);
  else storing.delete(id);
}

/** An import that stored nothing for this long is taken as abandoned even if its process id is in use again. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * True when the import's process is gone (a crash, a kill), or is this process and is not storing
 * it, or it stored nothing for ten minutes.
 */
export function isAbandoned(row: ImportsTable): boolean {
  if (Date.now() - Date.parse(row.touched_at) > ABANDONED_AFTER_MS) return true;
  if (row.pid === process.pid) return !storing.has(row.id);
  try {
    process.kill(row.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Rows per part at most, and how long a part may hold the write lock (it ends after the row that
 * passes it). Every part writes to the WAL each index page its rows touch, and the registration
 * and ID-card numbers are random keys: parts of 1,000 rows wrote the list's index pages to the WAL
 * again and again (9 s of CPU for 100,000 rows against 6 s in one transaction); parts of 5,000 rows
 * write them about 20 times.
 */
export const PART_ROWS = 5000;
const PART_MS = 60;
/**
 * Rows a part writes before it gives way to a waiting write (a few milliseconds): under a steady
 * trickle of the request thread's writes the parts still hold enough rows to be worth a commit.
 */
const MIN_PART_ROWS = 256;
/** Rows between the helper's checkpoints of the WAL. */
const CHECKPOINT_ROWS = 20_000;

/** The page cache of the helper's connection, in KiB: the list's index pages stay in it from part to part. */
const CACHE_KIB = 32768;

/** A row as the bulk insert writes it, marked with the import it belongs to until that import is done. */
const COLUMNS = [...APPLICANT_COLUMNS, 'import_id'] as const;

/**
 * The helper thread's own connection to the database file (opened and migrated by the request
 * thread's store), writing one import's rows part by part.
 */
export class ImportPartsWriter {
  private readonly sqlite: SQLite.Database;
  private readonly insert: SQLite.Statement;
  private readonly touch: SQLite.Statement;
  private sinceCheckpoint = 0;

  constructor(
    private readonly file: string,
    private readonly importId: string,
    private readonly gate: WriteGate,
    /** How long a part may hold the write lock while no other write waits. */
    private readonly partMs = PART_MS,
  ) {
    try {
      this.sqlite = new SQLite(file, { fileMustExist: true });
      this.sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
      this.sqlite.pragma('synchronous = FULL');
      this.sqlite.pragma('foreign_keys = ON');
      this.sqlite.pragma(`cache_size = ${-CACHE_KIB}`);
      // The WAL is checkpointed every CHECKPOINT_ROWS rows on this thread; the file is cut back afterwards.
      this.sqlite.pragma('journal_size_limit = 16777216');
      this.insert = this.sqlite.prepare(
        `INSERT INTO applicants (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
      );
      this.touch = this.sqlite.prepare('UPDATE imports SET touched_at = ? WHERE id = ?');
    } catch (e) {
      throw storeError(e, file);
    }
  }

  /** Every registration number of the event, as the part's rows must not repeat one. */
  regNos(eventId: string): Set<string> {
    const rows = this.sqlite.prepare('SELECT reg_no FROM applicants WHERE event_id = ?').pluck().all(eventId) as string[];
    return new Set(rows);
  }

  /**
   * Stores a part in its own transaction: the first of `rows` (they carry this import's id), as many
   * as fit in PART_MS, or fewer: after its first MIN_PART_ROWS the part ends as soon as a write of
   * the request thread is waiting (a witness's value waits for a few rows and a commit, not for a
   * whole part); returns how many.
   */
  writePart(rows: readonly ApplicantRow[], now: string): number {
    enterPart(this.gate);
    let k = 0;
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const touched = this.touch.run(now, this.importId);
        // The import was taken for abandoned and deleted (after ten minutes without a part): stop.
        if (touched.changes !== 1) throw new Error('the import was cancelled while it was being stored');
        const t0 = performance.now();
        const gate = this.gate;
        while (k < rows.length) {
          this.insert.run(rows[k]);
          if ((++k & 31) === 0 && ((k >= MIN_PART_ROWS && Atomics.load(gate, 0) > 0) || performance.now() - t0 > this.partMs)) break;
        }
        this.sqlite.exec('COMMIT');
      } catch (e) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw e;
      }
    } catch (e) {
      throw storeError(e, this.file);
    } finally {
      leavePart(this.gate);
    }
    crashPoint('applicants.import:part-stored');
    this.sinceCheckpoint += k;
    if (this.sinceCheckpoint >= CHECKPOINT_ROWS) this.checkpoint();
    return k;
  }

  /**
   * Copies the WAL into the database file on this thread, without waiting for readers (PASSIVE):
   * a commit on the request thread then finds little to checkpoint itself.
   */
  checkpoint(): void {
    this.sinceCheckpoint = 0;
    try {
      this.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      throw storeError(e, this.file);
    }
  }

  close(): void {
    this.sqlite.close();
  }
}

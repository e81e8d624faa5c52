/**
 * The import's helper thread: reads and checks one applicant file (importApplicantsFile) away from
 * the thread that answers requests, and hands back the outcome and the file's SHA-256, with the
 * applicants in one of three ways:
 *   - in slices once the file is checked (so that no single message takes long to receive);
 *   - `stream`: in slices as they are checked, while the file is still being read;
 *   - `store`: stored here, in parts on this thread's own connection, as they are checked; the
 *     caller finishes the import when the file has no error, and deletes it otherwise.
 * Started by in-worker.ts from the project's own build (dist/office/import/import-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { FairDrawError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { toHex } from '../../core/bytes.js';
import { importApplicantsFile } from './index.js';
import { SheetChoiceRequired } from './sheet-choice.js';
import type { FromWorker, StoreInParts, ToWorker } from './in-worker.js';
import { ApplicantRows } from './rows.js';
import type { ImportedApplicant } from './validate.js';
import { ImportPartsWriter, PART_ROWS } from '../../store/import-parts.js';
import { systemRandom } from '../../store/system.js';
import type { ApplicantRow } from '../../store/repositories/applicants.repository.js';

/** Applicants per message. */
const SLICE = 1000;

const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);

port.once('message', (job: ToWorker) => {
  void (async () => {
    let parts: PartsSink | undefined;
    try {
      const { bytes, fileName, options } = job;
      // The rows the file holds, as far as the reading knows yet: the total of the store's progress.
      let rowsSeen = 0;
      let slice: ImportedApplicant[] = [];
      if (job.store !== undefined) parts = new PartsSink(job.store, () => rowsSeen);
      const sink = parts;
      const onChecked =
        sink !== undefined
          ? (a: ImportedApplicant) => sink.add(a)
          : job.stream === true
            ? (a: ImportedApplicant) => {
                if (slice.push(a) === SLICE) {
                  post({ kind: 'checked', applicants: slice });
                  slice = [];
                }
              }
            : undefined;
      const result = await importApplicantsFile(bytes, fileName, {
        ...options,
        existingIdNumbers: new Set(options.existingIdNumbers),
        onProgress: (done, total) => {
          rowsSeen = total;
          post({ kind: 'progress', done, total });
        },
        ...(onChecked !== undefined ? { onChecked } : {}),
      });
      if (slice.length > 0) post({ kind: 'checked', applicants: slice });
      const { applicants, ...rest } = result;
      // What the caller is to receive: the rows handed on (streamed), or the list's slices.
      const count = job.stream === true ? result.summary.applicants : applicants.length;
      post({ kind: 'result', result: rest, count, fileSha256: toHex(sha256(bytes)) });
      if (sink !== undefined && result.ok) {
        const stored = sink.finish();
        // Closed before the caller hears of it (it ends this thread when it does).
        sink.close();
        post({ kind: 'stored', ...stored });
        return;
      }
      // With an error, what was stored stays an unfinished import, which the caller deletes.
      for (let i = 0; i < applicants.length; i += SLICE) post({ kind: 'applicants', applicants: applicants.slice(i, i + SLICE) });
      post({ kind: 'end' });
    } catch (thrown) {
      // A failure to store is reported as itself, not as the workbook's (the reader wraps what its
      // row callback throws).
      const e = parts?.failure ?? thrown;
      if (e instanceof FairDrawError) {
        post({
          kind: 'refused',
          error: { code: e.code, zh: e.zh, en: e.en, where: e.where, ...(e instanceof SheetChoiceRequired ? { sheets: e.sheets } : {}) },
        });
      } else post({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    } finally {
      parts?.close();
    }
  })();
});

/**
 * Stores the applicants part by part on this thread's own connection as they are checked, with
 * registration numbers and salts from the operating system's CSPRNG (the caller's source: it has
 * this thread store a list only when it uses that one).
 */
class PartsSink {
  private writer: ImportPartsWriter | undefined;
  private rows: ApplicantRows | undefined;
  private part: ApplicantRow[] = [];
  private stored = 0;
  /** What stopped the storing, if anything did. */
  failure: unknown;

  constructor(
    private readonly store: StoreInParts,
    private readonly rowsSeen: () => number,
  ) {}

  add(a: ImportedApplicant): void {
    this.failing(() => {
      this.part.push(this.open().row(a));
      if (this.part.length >= PART_ROWS) this.write(false);
    });
  }

  /** Stores what is left; returns how many were stored and the number of multiple-birth groups. */
  finish(): { count: number; groups: number } {
    return this.failing(() => {
      const rows = this.open();
      this.write(true);
      this.writer!.checkpoint();
      post({ kind: 'stored-part', done: this.stored, total: this.stored });
      return { count: this.stored, groups: rows.groups.size };
    });
  }

  private failing<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      this.failure ??= e;
      throw e;
    }
  }

  close(): void {
    this.writer?.close();
    this.writer = undefined;
  }

  private open(): ApplicantRows {
    if (this.rows === undefined) {
      const s = this.store;
      this.writer = new ImportPartsWriter(s.file, s.importId, s.gate);
      this.rows = new ApplicantRows(s.eventId, s.now, systemRandom, this.writer.regNos(s.eventId), s.importId);
    }
    return this.rows;
  }

  /** One part (the rows it leaves wait for the next), or all of them. */
  private write(all: boolean): void {
    while (this.part.length > 0) {
      const n = this.writer!.writePart(this.part, new Date().toISOString());
      this.part = this.part.slice(n);
      this.stored += n;
      post({ kind: 'stored-part', done: this.stored, total: Math.max(this.stored, this.rowsSeen()) });
      if (!all) return;
    }
  }
}

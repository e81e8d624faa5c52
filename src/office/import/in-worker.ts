/**
 * Reading and checking an applicant file on a helper thread, so that the server keeps answering
 * other requests (health, the live feed, witnesses' phones) while a city's list is read: the same
 * outcome as importApplicantsFile, errors included. The helper's code is the project's own build
 * (`npm run build:dist`: dist/office/import/import-worker.js), found from this module's place, which
 * is the same from src/office/import/ and dist/office/import/; it is never looked for in the
 * temporary folder or anywhere else another account could write. Files under 1 MiB (about 10,000
 * rows), and any file when the build is missing, are read on this thread: they take a moment.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FairDrawError, type ErrorCode, type Where } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { toHex } from '../../core/bytes.js';
import type { ImportOptions, ImportResult } from './index.js';
import type { ImportedApplicant } from './validate.js';
import { SheetChoiceRequired } from './sheet-choice.js';
import type { WriteGate } from '../../store/import-parts.js';

export const IMPORT_WORKER_FILE = fileURLToPath(new URL('../../../dist/office/import/import-worker.js', import.meta.url));

/** Below this many bytes a file is read on this thread. */
export const WORKER_MIN_BYTES = 1024 * 1024;

/**
 * A list the helper stores itself, in parts on a connection of its own (src/store/import-parts.ts),
 * once it has checked it without an error: the applicants then never come back to this thread.
 */
export interface StoreInParts {
  /** The database file. */
  file: string;
  eventId: string;
  /** The import's row in `imports`, made by the caller. */
  importId: string;
  /** The rows' created_at. */
  now: string;
  /** The store's gate (Store.gate). */
  gate: WriteGate;
}

/** What the helper is given: the options without the callback, the known ID numbers as a list. */
export interface ToWorker {
  bytes: Uint8Array;
  fileName: string;
  options: Omit<ImportOptions, 'onProgress' | 'existingIdNumbers'> & { existingIdNumbers: string[] };
  store?: StoreInParts;
  /** Send each row on as soon as it passes its own checks (`checked`), not the list at the end. */
  stream?: boolean;
}

export type FromWorker =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'stored-part'; done: number; total: number }
  | { kind: 'stored'; count: number; groups: number }
  | { kind: 'checked'; applicants: ImportedApplicant[] }
  | { kind: 'result'; result: Omit<ImportResult, 'applicants'>; count: number; fileSha256: string }
  | { kind: 'applicants'; applicants: ImportedApplicant[] }
  | { kind: 'end' }
  | { kind: 'refused'; error: { code: ErrorCode; zh: string; en: string; where: Where; sheets?: string[] } }
  | { kind: 'failed'; message: string };

export type CheckedFile = ImportResult & {
  fileSha256: string;
  /** Stored by the helper (`store` given and no error): how many, and how many multiple-birth groups; `applicants` is then empty. */
  stored?: { count: number; groups: number };
  /** Handed to `onChecked` as they were checked (`applicants` is then empty): how many. */
  streamed?: number;
};

/**
 * The import's helper thread, started before the file is handed to it: the command line starts it
 * as the command starts, so that it loads its code (the reader, ExcelJS) while the command's thread
 * loads its own and opens the database. Until it is taken it keeps no process alive; one that
 * failed to start is never taken (a new one then reports the failure).
 */
export class ImportHelper {
  private worker: Worker | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    const gone = (): void => {
      this.worker = undefined;
    };
    worker.once('error', gone);
    worker.once('exit', gone);
    worker.unref();
  }

  /** Starts the helper when the build holds it (else there is nothing to start: small files are read here anyway). */
  static start(): ImportHelper | undefined {
    return existsSync(IMPORT_WORKER_FILE) ? new ImportHelper(newWorker()) : undefined;
  }

  /** The thread, once, if it is still alive; from then on the caller ends it. */
  take(): Worker | undefined {
    const w = this.worker;
    this.worker = undefined;
    // A thread that stopped before its exit was heard of is no helper either.
    if (w === undefined || w.threadId < 0) return undefined;
    w.ref();
    return w;
  }

  /** Ends the thread if nobody took it. */
  async stop(): Promise<void> {
    await this.take()?.terminate();
  }
}

/**
 * The helper's young generation, in MB (Node 20's V8 lets it grow to 48): the reader makes a great
 * deal of short-lived garbage, which a smaller nursery collects more often, at no cost in time
 * measured; the server's peak memory during a 100,000-row import is 10–15 MB lower.
 */
const HELPER_YOUNG_MB = 16;

// Plain JavaScript: the helper takes none of this process's flags (a TypeScript loader under the tests).
const newWorker = (): Worker =>
  new Worker(IMPORT_WORKER_FILE, { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_MB } });

/** importApplicantsFile, on the helper thread for a large file; also the file's SHA-256 (hex). */
export async function checkApplicantsFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions,
  where: {
    worker?: boolean;
    store?: StoreInParts;
    onStored?: (done: number, total: number) => void;
    /**
     * Given: the helper thread sends each row on as soon as it passes its own checks, and this is
     * called with them a slice at a time, one call after the other, while the helper reads on. The
     * file may still have an error (result.ok false): what was done with them must then be undone.
     */
    onChecked?: (applicants: ImportedApplicant[]) => Promise<void>;
    /** A helper started beforehand, taken if it is still alive. */
    helper?: ImportHelper;
  } = {},
): Promise<CheckedFile> {
  const useWorker =
    where.store !== undefined ||
    where.onChecked !== undefined ||
    (where.worker ?? (bytes.length >= WORKER_MIN_BYTES && existsSync(IMPORT_WORKER_FILE)));
  if (!useWorker) {
    // The reader (ExcelJS and the rest) is loaded only by a thread that reads a file itself.
    const { importApplicantsFile } = await import('./index.js');
    const result = await importApplicantsFile(bytes, fileName, options);
    return { ...result, fileSha256: toHex(sha256(bytes)) };
  }
  const { onProgress, existingIdNumbers, ...rest } = options;
  // A copy of its own, handed over (not copied again) with the message.
  const own = bytes.slice();
  const job: ToWorker = {
    bytes: own,
    fileName,
    options: { ...rest, existingIdNumbers: [...(existingIdNumbers ?? [])] },
    ...(where.store !== undefined ? { store: where.store } : {}),
    ...(where.onChecked !== undefined ? { stream: true } : {}),
  };
  const worker = where.helper?.take() ?? newWorker();
  const onChecked = where.onChecked;
  // The slices handed on, one after the other. Nothing returns (and no caller's transaction ends)
  // while one is being handed on; after the first failure no further slice is.
  let handing: Promise<void> = Promise.resolve();
  let over = false;
  try {
    return await new Promise<CheckedFile>((resolve, reject) => {
      let head: Extract<FromWorker, { kind: 'result' }> | undefined;
      const applicants: ImportedApplicant[] = [];
      let streamed = 0;
      // The helper said all it had to say: its exit is then no failure (the slices may still be handed on).
      let said = false;
      const fail = (e: unknown): void => {
        over = true;
        reject(e);
      };
      worker.on('message', (m: FromWorker) => {
        if (over) return;
        if (m.kind === 'end' || m.kind === 'stored') said = true;
        if (m.kind === 'progress') onProgress?.(m.done, m.total);
        else if (m.kind === 'checked') {
          if (onChecked === undefined) return fail(new Error('the import helper thread streamed a list nobody asked for'));
          streamed += m.applicants.length;
          handing = handing.then(() => (over ? undefined : onChecked(m.applicants)));
          handing.catch(fail);
        } else if (m.kind === 'stored-part') where.onStored?.(m.done, m.total);
        else if (m.kind === 'result') head = m;
        else if (m.kind === 'applicants') for (const a of m.applicants) applicants.push(a);
        else if (m.kind === 'stored') {
          if (!head) fail(new Error('the import helper thread stored a list it did not report'));
          else resolve({ ...head.result, applicants: [], fileSha256: head.fileSha256, stored: { count: m.count, groups: m.groups } });
        } else if (m.kind === 'end' && onChecked !== undefined) {
          // A file with an error streamed rows that failed later; one without must have streamed them all.
          if (!head || (head.result.ok && streamed !== head.count)) fail(new Error('the import helper thread sent an incomplete list'));
          else {
            const done = { ...head.result, applicants: [], fileSha256: head.fileSha256, streamed };
            handing.then(() => resolve(done), fail);
          }
        } else if (m.kind === 'end') {
          if (!head || applicants.length !== head.count) fail(new Error('the import helper thread sent an incomplete list'));
          else resolve({ ...head.result, applicants, fileSha256: head.fileSha256 });
        } else if (m.kind === 'refused') {
          const e = m.error;
          fail(
            e.sheets !== undefined && e.code === 'import.sheet-ambiguous'
              ? new SheetChoiceRequired(e.where.file ?? fileName, e.sheets)
              : new FairDrawError(e.code, e.zh, e.en, e.where),
          );
        } else fail(new Error(`the import helper thread failed: ${m.message}`));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!said) fail(new Error(`the import helper thread stopped (exit code ${code})`));
      });
      worker.postMessage(job, [own.buffer as ArrayBuffer]);
    });
  } finally {
    over = true;
    await worker.terminate();
    await handing.catch(() => undefined);
  }
}

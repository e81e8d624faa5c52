/**
 * The import's helper thread: reads and checks one applicant file (importApplicantsFile) away from
 * the thread that answers requests, and hands back the outcome, the applicants in slices (so
 * that no single message takes long to receive) and the file's SHA-256. Started by
 * in-worker.ts from the project's own build (dist/office/import/import-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { FairDrawError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { toHex } from '../../core/bytes.js';
import { importApplicantsFile } from './index.js';
import { SheetChoiceRequired } from './xlsx.js';
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
    try {
      const { bytes, fileName, options } = job;
      // Streaming: each row that passes its own checks is sent on in slices as it is checked.
      let checked: ImportedApplicant[] = [];
      const result = await importApplicantsFile(bytes, fileName, {
        ...options,
        existingIdNumbers: new Set(options.existingIdNumbers),
        onProgress: (done, total) => post({ kind: 'progress', done, total }),
        ...(job.stream === true
          ? {
              onChecked: (a: ImportedApplicant) => {
                if (checked.push(a) === SLICE) {
                  post({ kind: 'checked', applicants: checked });
                  checked = [];
                }
              },
            }
          : {}),
      });
      if (checked.length > 0) post({ kind: 'checked', applicants: checked });
      const { applicants, ...rest } = result;
      post({ kind: 'result', result: rest, count: applicants.length, fileSha256: toHex(sha256(bytes)) });
      if (job.stream === true) {
        post({ kind: 'end' });
        return;
      }
      if (job.store !== undefined && result.ok) {
        post({ kind: 'stored', groups: storeInParts(job.store, applicants) });
        return;
      }
      for (let i = 0; i < applicants.length; i += SLICE) post({ kind: 'applicants', applicants: applicants.slice(i, i + SLICE) });
      post({ kind: 'end' });
    } catch (e) {
      if (e instanceof FairDrawError) {
        post({
          kind: 'refused',
          error: { code: e.code, zh: e.zh, en: e.en, where: e.where, ...(e instanceof SheetChoiceRequired ? { sheets: e.sheets } : {}) },
        });
      } else post({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});

/**
 * Stores the checked list part by part on this thread's own connection, with registration numbers
 * and salts from the operating system's CSPRNG (the caller's source: it sends a list here only
 * when it uses that one); returns the number of multiple-birth groups.
 */
function storeInParts(store: StoreInParts, applicants: ImportedApplicant[]): number {
  const writer = new ImportPartsWriter(store.file, store.importId, store.gate);
  try {
    const rows = new ApplicantRows(store.eventId, store.now, systemRandom, writer.regNos(store.eventId), store.importId);
    const total = applicants.length;
    let next = 0;
    let part: ApplicantRow[] = [];
    while (next < total || part.length > 0) {
      while (part.length < PART_ROWS && next < total) part.push(rows.row(applicants[next++]!));
      const stored = writer.writePart(part, new Date().toISOString());
      part = part.slice(stored);
      post({ kind: 'stored-part', done: next - part.length, total });
    }
    writer.checkpoint();
    return rows.groups.size;
  } finally {
    writer.close();
  }
}

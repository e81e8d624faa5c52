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
import type { FromWorker, ToWorker } from './in-worker.js';

/** Applicants per message. */
const SLICE = 1000;

const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);

port.once('message', (job: ToWorker) => {
  void (async () => {
    try {
      const { bytes, fileName, options } = job;
      const result = await importApplicantsFile(bytes, fileName, {
        ...options,
        existingIdNumbers: new Set(options.existingIdNumbers),
        onProgress: (done, total) => post({ kind: 'progress', done, total }),
      });
      const { applicants, ...rest } = result;
      post({ kind: 'result', result: rest, count: applicants.length, fileSha256: toHex(sha256(bytes)) });
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

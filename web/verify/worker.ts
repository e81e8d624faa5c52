/**
 * The verifier's worker: the whole bundle check (src/core/bundle/) off the page's thread, so
 * the progress bar moves while a hundred thousand tickets are recomputed.
 */
import { verifyBundle, type BundleInput } from '../../src/core/bundle/index.js';

export type ToWorker = BundleInput;
export type FromWorker =
  | { type: 'progress'; step: string; fraction: number }
  | { type: 'done'; report: ReturnType<typeof verifyBundle> }
  | { type: 'error'; message: string };

const post = (m: FromWorker): void => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  let last = 0;
  try {
    const report = verifyBundle(e.data, (p) => {
      const now = performance.now();
      if (now - last > 40 || p.fraction >= 1) {
        last = now;
        post({ type: 'progress', ...p });
      }
    });
    post({ type: 'done', report });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

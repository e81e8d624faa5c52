/**
 * Progress of a bundle check for a bar that moves evenly and never back: each step has a rough
 * share of the whole run.
 */
import type { BundleProgress, StepId } from './types.js';

const WEIGHT: Record<StepId, number> = {
  rules: 0.01,
  list: 0.14,
  drand: 0.05,
  sources: 0.01,
  seed: 0.01,
  tickets: 0.3,
  units: 0.28,
  applicants: 0.05,
  record: 0.05,
  published: 0.01,
  organiser: 0.01,
  audit: 0.07,
  sealed: 0.01,
};

export interface ProgressBar {
  /** `within` (0–1) of `step` is done. */
  at(step: StepId, within: number): void;
  /** `step` is done. */
  finish(step: StepId): void;
}

export function progressBar(onProgress: BundleProgress | undefined): ProgressBar {
  let done = 0;
  let shown = 0;
  const at = (step: StepId, within: number): void => {
    shown = Math.max(shown, Math.min(1, done + WEIGHT[step] * within));
    onProgress?.({ step, fraction: shown });
  };
  return {
    at,
    finish(step) {
      done += WEIGHT[step];
      at(step, 0);
    },
  };
}

/** Milliseconds, where the platform has a clock (the core never needs one to decide anything). */
export const clock = (): number => (typeof performance === 'undefined' ? 0 : performance.now());

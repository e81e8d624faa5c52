/**
 * How a step's verdict is worded: the first difference found, a refusal, or a pass.
 */
import { FairDrawError } from '../errors.js';
import { jcs, type Json } from '../encoding.js';
import type { Difference, Found, Outcome, Step, StepId, Text } from './types.js';

/** A value as shown in a difference: JSON, cut at 120 characters. */
export function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

export function diffText(d: Difference, zhWhat: string, enWhat: string): Text {
  return {
    zh: `${zhWhat}与重新计算不符：${d.path} 应为 ${d.expected}，实际为 ${d.found}`,
    en: `${enWhat} differs at ${d.path}: expected ${d.expected}, found ${d.found}`,
  };
}

/** A step's outcome: failed at the first difference `d` when there is one, else passed with `ok`. */
export function judged(d: Difference | undefined, value: string, what: [zh: string, en: string], ok: Text): Outcome {
  return d ? { status: 'failed', value, difference: d, message: diffText(d, ...what) } : { status: 'passed', value, message: ok };
}

/** Compares scalar fields of the published record with the recomputed values, in the given order. */
export function compareFields(found: Found | undefined, expected: [string, Json][]): Difference | undefined {
  if (!found) return undefined;
  for (const [k, v] of expected) {
    let same: boolean;
    try {
      same = found[k] !== undefined && jcs(v) === jcs(found[k] as Json);
    } catch {
      same = false; // not a value of the contract's JSON (e.g. a fraction): different by definition
    }
    if (!same) return { path: k, expected: show(v), found: show(found[k]) };
  }
  return undefined;
}

/** A refusal as a step: e.message is the located English text; describe() is "English / 中文". */
export function refused(e: FairDrawError): Outcome {
  return { status: 'refused', message: { zh: e.describe().slice(e.message.length + 3), en: e.message } };
}

/** A step that could not run because an earlier one did not pass. */
export function needs(what: string, en: string): Outcome {
  return { status: 'skipped', message: { zh: `未检查：${what}未通过`, en: `not checked: ${en} did not pass` } };
}

/** The steps of one check, in the order they are added, each named and timed. */
export interface StepList {
  readonly steps: Step[];
  /** Runs `body` as step `id`; a refusal it throws becomes the step's outcome. */
  add(id: StepId, ms: number, body: () => Outcome): void;
}

export function stepList(clock: () => number): StepList {
  const steps: Step[] = [];
  return {
    steps,
    add(id, ms, body) {
      const s0 = clock();
      let out: Outcome;
      try {
        out = body();
      } catch (e) {
        if (!(e instanceof FairDrawError)) throw e;
        out = refused(e);
      }
      steps.push({ id, ...out, ms: ms + Math.round(clock() - s0) });
    },
  };
}

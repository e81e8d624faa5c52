/**
 * The shapes of a bundle check: the files going in, each step's outcome and the report coming out.
 */
import type { AuditEntry, Checkpoint } from '../audit.js';

/**
 * The files of a public bundle, as bytes. `audit` is `audit.json`: the log, its checkpoints and
 * the organiser's key; `organiserPub` is `organiser.pub`, the key as the bureau publishes it.
 */
export interface BundleInput {
  rules: Uint8Array;
  list: Uint8Array;
  sources: Uint8Array;
  record: Uint8Array;
  audit?: Uint8Array;
  organiserPub?: Uint8Array;
}

export type StepId =
  | 'rules'
  | 'list'
  | 'drand'
  | 'sources'
  | 'seed'
  | 'tickets'
  | 'units'
  | 'applicants'
  | 'record'
  | 'published'
  | 'organiser'
  | 'audit'
  | 'sealed';

export interface Text {
  zh: string;
  en: string;
}

export interface Difference {
  path: string;
  expected: string;
  found: string;
}

export interface Step {
  id: StepId;
  status: 'passed' | 'failed' | 'refused' | 'skipped';
  /** What the step computed, e.g. a digest or a count. */
  value?: string;
  /** The first difference, when the step failed. */
  difference?: Difference;
  message: Text;
  ms: number;
}

/** A step's verdict before it is named and timed. */
export type Outcome = Omit<Step, 'id' | 'ms'>;

export interface BundleReport {
  /** Every step passed (an absent audit log is skipped, and `audited` says so). */
  valid: boolean;
  audited: boolean;
  steps: Step[];
  /** The first step that failed or was refused. */
  firstFailure?: Step;
  /** The organiser key the audit log was checked against (compare it with the published notice). */
  organiserPublicKey?: string;
  /** The notary key the log registered before the freeze, with its fingerprint. */
  notaryKey?: { publicKey: string; fingerprint: string; name: string };
  /** The newest entry of the log, `seq:hash` (compare it with the head printed in the announcement). */
  head?: string;
  applicants?: number;
  units?: number;
  ms: number;
}

export type BundleProgress = (p: { step: StepId; fraction: number }) => void;

/** audit.json once its shape has been checked (see audit-file.ts). */
export interface AuditFile {
  event?: string;
  organiserPublicKey?: string;
  entries?: AuditEntry[];
  checkpoints?: Checkpoint[];
}

/** The published record, read leniently, only to locate differences. */
export type Found = { [k: string]: unknown };

/** Steps that need audit.json: skipped (not failed) without it, and then `audited` is false. */
export const AUDIT_STEPS: readonly StepId[] = ['published', 'organiser', 'audit', 'sealed'];

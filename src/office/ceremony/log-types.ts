/**
 * The ceremony's public event log: one row per step the room sees, replayed in id order by the big
 * screen and by the public live view. Every payload is public: registration numbers and masked
 * names only, never a full name, an ID-card number or a phone number. Types only, shared with web/.
 */
import type { DeclaredSource } from '../../core/rules.js';
import type { Source } from '../../core/sources.js';
import { WITNESS_ROLES, type WitnessRole } from '../../api/ceremony.js';

export interface Digests {
  version: number;
  paramsSha256: string;
  listRoot: string;
  listSize: number;
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** The digests announced at publication (公示) next to those recomputed now from the frozen texts. */
export interface DigestCheck {
  published: Digests;
  recomputed: Digests | null;
  match: boolean;
  problems: Bilingual[];
}

export interface RosterSlot {
  /** Position in the declared sources (0-based). */
  index: number;
  label: string;
  witness: string | null;
  alternate: string | null;
  substituted: boolean;
}

export interface PublicPerson {
  regNo: string;
  /** Masked (张*三), never the full name. */
  name: string;
}

// The roles a named witness can hold are listed with the API's shapes (src/api/ceremony.ts).
export { WITNESS_ROLES };
export type { WitnessRole };

export interface StepPayloads {
  opened: {
    event: string;
    title: string;
    units: { id: string; name: string; seats: number; applicants: number }[];
    applicants: number;
    declaredSources: (DeclaredSource & { producedAt?: string })[];
    roster: RosterSlot[];
    check: DigestCheck;
  };
  halted: Bilingual;
  roster: { slots: RosterSlot[] };
  meeting: { place: string; startedAt: string };
  witness: { name: string; role: WitnessRole };
  'reps-prepared': {
    unit: string;
    unitName: string;
    drawId: string;
    seats: number;
    pool: 'volunteers' | 'all';
    poolSize: number;
    paramsSha256: string;
    listRoot: string;
    sourceLabel: string;
  };
  'reps-drawn': {
    unit: string;
    unitName: string;
    drawId: string;
    sourceLabel: string;
    value: string;
    sourcesSha256: string;
    seed: string;
    recordSha256: string;
    reps: PublicPerson[];
  };
  substitute: { index: number; label: string; absent: string; alternate: string };
  /** A witness's sealed value: only the commitment, never the value. */
  commitment: { index: number; label: string; commitment: string; via: 'phone' | 'hall'; at: string };
  /** Every witness value is sealed: public numbers, then the reveals, may follow. */
  sealed: { commitments: number; deadline?: string };
  /**
   * A public number typed by the operator (via 'keyboard'), or a witness value revealed against its
   * commitment (via 'phone' | 'hall', with its salt) or replaced as the published rules say ('replaced').
   */
  value: {
    index: number;
    kind: 'witness' | 'public';
    label: string;
    value: string;
    by: string;
    via: 'keyboard' | 'phone' | 'hall' | 'replaced';
    salt?: string;
    commitment?: string;
    reason?: string;
  };
  drand: { index: number; round: number; randomness: string; signature: string; producedAt: string; via: string };
  draw: {
    drawId: string;
    paramsSha256: string;
    listRoot: string;
    sources: Source[];
    sourcesSha256: string;
    seed: string;
    recordSha256: string;
  };
  reveal: {
    /** 0-based position of the unit in the rules. */
    position: number;
    of: number;
    unit: string;
    name: string;
    seats: number;
    applicants: number;
    admitted: PublicPerson[];
    waitlist: number;
    /** The first places of the 候补 order, for the screen. */
    waitlistHead: PublicPerson[];
  };
  summary: {
    drawId: string;
    seed: string;
    recordSha256: string;
    verifyPath: string;
    units: { id: string; name: string; seats: number; admitted: number; waitlist: number; applicants: number }[];
  };
  recording: { fileName: string; sha256: string; size: number };
}

export type StepType = keyof StepPayloads;

export type LogEntry = { [T in StepType]: { id: number; at: string; type: T; payload: StepPayloads[T] } }[StepType];

/**
 * The public views (公示 and 结果公布) as plain data: what the portal shows and what the static
 * site stores as JSON. Applicants appear by registration number (报名号) and masked name only;
 * no name, ID-card number, phone, birth date or guardian is ever part of these types.
 */
import type { InclusionProof } from '../../core/merkle.js';

/** Events at least published; a draft is never public. */
export type PublicStatus = 'published' | 'frozen' | 'drawn' | 'results';

export interface PublicEventSummary {
  id: string;
  title: string;
  status: PublicStatus;
  applicants: number;
  units: number;
  publishedAt: string | null;
  resultsAt: string | null;
  /** 撤回: withdrawn before its draw, with the public reason. */
  withdrawn: PublicWithdrawal | null;
  /** 区县: the district that runs it (absent for an event of no district). */
  district?: PublicDistrict;
}

/** A district of the city, as the portal lists it. */
export interface PublicDistrict {
  id: string;
  /** 行政区划代码 */
  code: string;
  name: string;
}

export interface PublicWithdrawal {
  at: string;
  reason: string;
}

export interface ScheduleItem {
  at: string;
  action: 'publish' | 'correct' | 'freeze' | 'draw' | 'results' | 'withdraw';
  version?: number;
  reason?: string;
}

export type PublicDeclaredSource =
  { kind: 'witness' | 'public'; label: string } | { kind: 'drand'; chain: string; round: number; producedAt: string };

export interface PublicUnit {
  id: string;
  name: string;
  seats: number;
  /** Applicants who listed the unit at any choice. */
  applicants: number;
  /** Applicants who listed it first. */
  firstChoice: number;
  /** Tiers (类别) present among its applicants, ascending. */
  tiers: number[];
  lotteryNeeded: boolean;
}

export interface Announcement {
  id: string;
  title: string;
  status: PublicStatus;
  resultsPublished: boolean;
  withdrawn: PublicWithdrawal | null;
  rules: {
    drawId: string;
    mechanism: 'deferred-acceptance' | 'immediate-acceptance';
    tieBreak: 'single' | 'multiple';
    groupFit: 'strict' | 'overflow';
    ageWindow: { bornFrom: string | null; bornTo: string | null } | null;
  };
  units: PublicUnit[];
  applicants: number;
  /** Multiple-birth groups (多胞胎) and their members. */
  groups: { count: number; members: number };
  schedule: ScheduleItem[];
  declaredSources: PublicDeclaredSource[];
  publications: { version: number; paramsSha256: string; listRoot: string; listSize: number; at: string }[];
  /** Only once results are published: the values of the sources, the seed, the record's hash. */
  draw: {
    drawId: string;
    at: string;
    sources: ({ kind: 'witness' | 'public'; label: string; value: string } | { kind: 'drand'; round: number; randomness: string })[];
    sourcesSha256: string;
    seed: string;
    recordSha256: string;
  } | null;
  organiserPublicKey: string;
  /** Files of the public bundle that can be downloaded now. */
  bundle: string[];
}

export type PublicOfferStatus = 'waiting' | 'offered' | 'confirmed' | 'declined' | 'revoked' | 'released';

export interface ResultRow {
  regNo: string;
  name: string;
  /** 1-based place in the admitted list or in the waitlist. */
  position: number;
  status: PublicOfferStatus;
}

export interface UnitResultsView {
  event: { id: string; title: string };
  unit: { id: string; name: string; seats: number; applicants: number };
  /** The record as drawn, each row with where its offer stands now. */
  admitted: ResultRow[];
  waitlist: ResultRow[];
  /** 当前录取 (递补 marked) and 当前候补 after declines and promotions, and how many places changed hands. */
  current: {
    admitted: { regNo: string; name: string; status: 'offered' | 'confirmed'; promoted: boolean }[];
    waitlist: { regNo: string; name: string; position: number }[];
    counts: { admitted: number; promoted: number; free: number; waiting: number; history: number };
  };
}

export interface ChoiceResult {
  unit: string;
  unitName: string;
  tier: number;
  seats: number;
  /** Applicants who listed this unit. */
  applicants: number;
  ticket: string;
  /** 1-based place at this unit by (tier, ticket), groups expanded. */
  rank: number;
  outcome: 'admitted' | 'waitlist' | 'higher-choice';
  waitlistPosition: number | null;
}

/** The public, non-personal settings a family needs to act on its result. */
export interface NextSteps {
  confirmBy?: string;
  reportDate?: string;
  reportPlace?: string;
  reportDocuments?: string;
  contactPhone?: string;
}

export interface ApplicantPage {
  event: { id: string; title: string; status: PublicStatus };
  regNo: string;
  name: string;
  choices: { unit: string; unitName: string; tier: number }[];
  group: { size: number } | null;
  /** The inclusion receipt (§3.3) against the latest published list. */
  receipt: { line: string; listRoot: string; version: number; proof: InclusionProof };
  /**
   * What follows from the result, from the event's public document settings (confirmation deadline,
   * 报到 date, place and documents, the contact phone). A setting not entered is absent, never blank.
   */
  nextSteps: NextSteps;
  /** Only once results are published. */
  result: {
    seed: string;
    mechanism: Announcement['rules']['mechanism'];
    tieBreak: Announcement['rules']['tieBreak'];
    groupFit: Announcement['rules']['groupFit'];
    /** What drew the ticket: the applicant, or the whole group (§6). */
    entrant: { kind: 'applicant' | 'group'; name: string };
    assigned: { unit: string; unitName: string } | null;
    choices: ChoiceResult[];
    offer: { unit: string; unitName: string; status: PublicOfferStatus; origin: 'draw' | 'waitlist' } | null;
  } | null;
}

/** `site.json` of a static export: the pages read it to know they run without the app server. */
export interface SiteManifest {
  format: 'fairdraw-site/v1';
  generatedAt: string;
  events: { id: string; title: string; shardPrefix: number }[];
}

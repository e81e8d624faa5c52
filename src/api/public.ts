/**
 * The public views (公示 and 结果公布) as zod schemas, the one source of their shapes: the server's
 * public routes declare them as their responses (so nothing undeclared can leak), the office builds
 * values of the inferred types, and the portal, the verifier and the static site read them.
 * Applicants appear by registration number (报名号) and masked name only; no name, ID-card number,
 * phone, birth date or guardian is ever part of these shapes.
 *
 * Browser-safe: only `zod` (web pages import the types, which cost the bundle nothing).
 */
import { z } from 'zod';

/** A hex string (hashes, keys, tickets). */
const Hex = z.string();

/** Events at least published; a draft is never public. */
export const PublicStatus = z.enum(['published', 'frozen', 'drawn', 'results']);
export type PublicStatus = z.infer<typeof PublicStatus>;

/** 撤回: withdrawn before the draw, with the public reason the log records. */
export const PublicWithdrawal = z.object({ at: z.string(), reason: z.string() });
export type PublicWithdrawal = z.infer<typeof PublicWithdrawal>;

/** A district of the city, as the portal lists it. */
export const PublicDistrict = z.object({
  id: z.string(),
  /** 行政区划代码 */
  code: z.string(),
  name: z.string(),
});
export type PublicDistrict = z.infer<typeof PublicDistrict>;

export const PublicEventSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: PublicStatus,
  applicants: z.number(),
  units: z.number(),
  publishedAt: z.string().nullable(),
  resultsAt: z.string().nullable(),
  withdrawn: PublicWithdrawal.nullable(),
  /** 区县: the district that runs it (absent for an event of no district). */
  district: PublicDistrict.optional(),
});
export type PublicEventSummary = z.infer<typeof PublicEventSummary>;

export const ScheduleItem = z.object({
  at: z.string(),
  action: z.enum(['publish', 'correct', 'freeze', 'draw', 'results', 'withdraw']),
  version: z.number().optional(),
  reason: z.string().optional(),
});
export type ScheduleItem = z.infer<typeof ScheduleItem>;

export const PublicDeclaredSource = z.union([
  z.object({ kind: z.enum(['witness', 'public']), label: z.string() }),
  z.object({ kind: z.literal('drand'), chain: Hex, round: z.number(), producedAt: z.string() }),
]);
export type PublicDeclaredSource = z.infer<typeof PublicDeclaredSource>;

export const PublicUnit = z.object({
  id: z.string(),
  name: z.string(),
  seats: z.number(),
  /** Applicants who listed the unit at any choice. */
  applicants: z.number(),
  /** Applicants who listed it first. */
  firstChoice: z.number(),
  /** Tiers (类别) present among its applicants, ascending. */
  tiers: z.array(z.number()),
  lotteryNeeded: z.boolean(),
});
export type PublicUnit = z.infer<typeof PublicUnit>;

const Mechanism = z.enum(['deferred-acceptance', 'immediate-acceptance']);
const TieBreak = z.enum(['single', 'multiple']);
const GroupFit = z.enum(['strict', 'overflow']);

export const Announcement = z.object({
  id: z.string(),
  title: z.string(),
  status: PublicStatus,
  resultsPublished: z.boolean(),
  withdrawn: PublicWithdrawal.nullable(),
  rules: z.object({
    drawId: z.string(),
    mechanism: Mechanism,
    tieBreak: TieBreak,
    groupFit: GroupFit,
    ageWindow: z.object({ bornFrom: z.string().nullable(), bornTo: z.string().nullable() }).nullable(),
  }),
  units: z.array(PublicUnit),
  applicants: z.number(),
  /** Multiple-birth groups (多胞胎) and their members. */
  groups: z.object({ count: z.number(), members: z.number() }),
  schedule: z.array(ScheduleItem),
  declaredSources: z.array(PublicDeclaredSource),
  publications: z.array(z.object({ version: z.number(), paramsSha256: Hex, listRoot: Hex, listSize: z.number(), at: z.string() })),
  /** Only once results are published: the values of the sources, the seed, the record's hash. */
  draw: z
    .object({
      drawId: z.string(),
      at: z.string(),
      sources: z.array(
        z.union([
          z.object({ kind: z.enum(['witness', 'public']), label: z.string(), value: z.string() }),
          z.object({ kind: z.literal('drand'), round: z.number(), randomness: Hex }),
        ]),
      ),
      sourcesSha256: Hex,
      seed: Hex,
      recordSha256: Hex,
    })
    .nullable(),
  organiserPublicKey: Hex,
  /** Files of the public bundle that can be downloaded now. */
  bundle: z.array(z.string()),
});
export type Announcement = z.infer<typeof Announcement>;

export const PublicOfferStatus = z.enum(['waiting', 'offered', 'confirmed', 'declined', 'revoked', 'released']);
export type PublicOfferStatus = z.infer<typeof PublicOfferStatus>;

export const ResultRow = z.object({
  regNo: z.string(),
  name: z.string(),
  /** 1-based place in the admitted list or in the waitlist. */
  position: z.number(),
  status: PublicOfferStatus,
});
export type ResultRow = z.infer<typeof ResultRow>;

export const UnitResultsView = z.object({
  event: z.object({ id: z.string(), title: z.string() }),
  unit: z.object({ id: z.string(), name: z.string(), seats: z.number(), applicants: z.number() }),
  /** The record as drawn, each row with where its offer stands now. */
  admitted: z.array(ResultRow),
  waitlist: z.array(ResultRow),
  /** 当前录取 (递补 marked) and 当前候补 after declines and promotions, and how many places changed hands. */
  current: z.object({
    admitted: z.array(z.object({ regNo: z.string(), name: z.string(), status: z.enum(['offered', 'confirmed']), promoted: z.boolean() })),
    waitlist: z.array(z.object({ regNo: z.string(), name: z.string(), position: z.number() })),
    counts: z.object({ admitted: z.number(), promoted: z.number(), free: z.number(), waiting: z.number(), history: z.number() }),
  }),
});
export type UnitResultsView = z.infer<typeof UnitResultsView>;

export const ChoiceResult = z.object({
  unit: z.string(),
  unitName: z.string(),
  tier: z.number(),
  seats: z.number(),
  /** Applicants who listed this unit. */
  applicants: z.number(),
  ticket: Hex,
  /** 1-based place at this unit by (tier, ticket), groups expanded. */
  rank: z.number(),
  outcome: z.enum(['admitted', 'waitlist', 'higher-choice']),
  waitlistPosition: z.number().nullable(),
});
export type ChoiceResult = z.infer<typeof ChoiceResult>;

/** The public, non-personal settings a family needs to act on its result. */
export const NextSteps = z.object({
  confirmBy: z.string().optional(),
  reportDate: z.string().optional(),
  reportPlace: z.string().optional(),
  reportDocuments: z.string().optional(),
  contactPhone: z.string().optional(),
});
export type NextSteps = z.infer<typeof NextSteps>;

/** An inclusion proof (§3.3): the line's 0-based index, the list's size, and the sibling hashes. */
export const InclusionProof = z.object({ index: z.number(), size: z.number(), path: z.array(Hex) });

export const ApplicantPage = z.object({
  event: z.object({ id: z.string(), title: z.string(), status: PublicStatus }),
  regNo: z.string(),
  name: z.string(),
  choices: z.array(z.object({ unit: z.string(), unitName: z.string(), tier: z.number() })),
  group: z.object({ size: z.number() }).nullable(),
  /** The inclusion receipt (§3.3) against the latest published list. */
  receipt: z.object({ line: z.string(), listRoot: Hex, version: z.number(), proof: InclusionProof }),
  /**
   * What follows from the result, from the event's public document settings (confirmation deadline,
   * 报到 date, place and documents, the contact phone). A setting not entered is absent, never blank.
   */
  nextSteps: NextSteps,
  /** Only once results are published. */
  result: z
    .object({
      seed: Hex,
      mechanism: Mechanism,
      tieBreak: TieBreak,
      groupFit: GroupFit,
      /** What drew the ticket: the applicant, or the whole group (§6). */
      entrant: z.object({ kind: z.enum(['applicant', 'group']), name: z.string() }),
      assigned: z.object({ unit: z.string(), unitName: z.string() }).nullable(),
      choices: z.array(ChoiceResult),
      offer: z
        .object({ unit: z.string(), unitName: z.string(), status: PublicOfferStatus, origin: z.enum(['draw', 'waitlist']) })
        .nullable(),
    })
    .nullable(),
});
export type ApplicantPage = z.infer<typeof ApplicantPage>;

/** `site.json` of a static export: the pages read it to know they run without the app server. */
export const SiteManifest = z.object({
  format: z.literal('fairdraw-site/v1'),
  generatedAt: z.string(),
  events: z.array(z.object({ id: z.string(), title: z.string(), shardPrefix: z.number() })),
});
export type SiteManifest = z.infer<typeof SiteManifest>;

const Bilingual = z.object({ zh: z.string(), en: z.string() });

/** The applicant list's columns a privacy notice may name. */
export const NoticeColumn = z.enum(['name', 'sex', 'idNumber', 'birthDate', 'guardian', 'phone', 'address', 'choices']);
export type NoticeColumn = z.infer<typeof NoticeColumn>;

/** 个人信息告知书: the same for every family of an event, from its settings; nothing personal. */
export const PrivacyNotice = z.object({
  eventId: z.string(),
  title: z.string(),
  /** The issuing body (document setting `issuer`), or null when not set. */
  issuer: z.string().nullable(),
  intro: Bilingual,
  /** 收集的信息: each column and why it is needed. */
  collected: z.array(z.object({ column: NoticeColumn, name: Bilingual, why: Bilingual })),
  /** 使用目的. */
  purposes: z.array(Bilingual),
  /** 谁能看到. */
  access: z.array(Bilingual),
  /** 保存期限: the retention date (YYYY-MM-DD) or null, and the sentence saying it. */
  retention: z.object({ until: z.string().nullable(), text: Bilingual }),
  /** 您的权利: what a family may ask. */
  rights: z.array(Bilingual),
  /** 联系方式: only the ones set, never blank. */
  contacts: z.array(z.object({ key: z.enum(['contactPhone', 'objectionPhone', 'objectionAddress']), label: Bilingual, value: z.string() })),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/** The path parameters of the public routes about one event (`/api/public/events/:id/…`). */
export const PublicEventParams = z.object({ id: z.string().max(64) });
export type PublicEventParams = z.infer<typeof PublicEventParams>;

export const PublicUnitParams = PublicEventParams.extend({ unit: z.string().max(64) });
export type PublicUnitParams = z.infer<typeof PublicUnitParams>;

export const PublicApplicantParams = PublicEventParams.extend({ reg: z.string().max(100) });
export type PublicApplicantParams = z.infer<typeof PublicApplicantParams>;

export const PublicBundleParams = PublicEventParams.extend({ file: z.string().max(32) });
export type PublicBundleParams = z.infer<typeof PublicBundleParams>;

/** GET /api/public/events: the events the public sees, and the districts when the city has them. */
export const PublicEventList = z.object({ events: z.array(PublicEventSummary), districts: z.array(PublicDistrict).optional() });
export type PublicEventList = z.infer<typeof PublicEventList>;

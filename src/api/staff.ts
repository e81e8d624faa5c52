/**
 * The staff API's shapes as zod schemas, the one source of their types: the routes declare them
 * (responses declare every field, so nothing else can leak; requests keep their limits here) and
 * the console and the control panel import the inferred types, answers and requests alike.
 * Browser-safe: only `zod`.
 */
import { z } from 'zod';

/** The path parameters of every route about one event (`/api/events/:id/…`, `/api/ceremony/:id/…`). */
export const EventParams = z.object({ id: z.string() });
export type EventParams = z.infer<typeof EventParams>;

/** The path parameters of every route about one unit of an event (`/api/events/:id/units/:unit`, …). */
export const UnitParams = z.object({ id: z.string(), unit: z.string() });
export type UnitParams = z.infer<typeof UnitParams>;

export const Account = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'operator', 'supervisor']),
  disabled: z.boolean(),
  /** The account's public name in logs is `role:tag`. */
  tag: z.string(),
  mustChangePassword: z.boolean(),
  /** The district the account works for; null: the city. */
  district: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const DeclaredSource = z.union([
  z.object({ kind: z.literal('witness'), label: z.string().min(1) }),
  z.object({ kind: z.literal('public'), label: z.string().min(1) }),
  z.object({ kind: z.literal('drand'), chain: z.string(), round: z.number().int().positive(), producedAt: z.string().optional() }),
]);
export type DeclaredSource = z.infer<typeof DeclaredSource>;

export const SourceValue = z.object({
  label: z.string().optional(),
  value: z.string().optional(),
  drand: z.object({ round: z.number().int().positive(), randomness: z.string(), signature: z.string() }).optional(),
});
export type SourceValue = z.infer<typeof SourceValue>;

export const UnitSummary = z.object({
  id: z.string(),
  seats: z.number(),
  admitted: z.number(),
  waitlist: z.number(),
  applicants: z.number(),
});
export type UnitSummary = z.infer<typeof UnitSummary>;

export const EventOverview = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published', 'frozen', 'drawn', 'results']),
  version: z.number(),
  mechanism: z.string(),
  tieBreak: z.string(),
  groupFit: z.string(),
  bornFrom: z.string().nullable(),
  bornTo: z.string().nullable(),
  declaredSources: z.array(DeclaredSource),
  applicants: z.number(),
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      seats: z.number(),
      applicants: z.number(),
      firstChoice: z.number(),
      lotteryNeeded: z.boolean(),
    }),
  ),
  publications: z.array(
    z.object({ version: z.number(), paramsSha256: z.string(), listRoot: z.string(), listSize: z.number(), createdAt: z.string() }),
  ),
  official: z
    .object({ drawId: z.string(), seed: z.string(), recordSha256: z.string(), createdAt: z.string(), units: z.array(UnitSummary) })
    .optional(),
  rehearsals: z.array(z.object({ drawId: z.string(), seed: z.string(), createdAt: z.string() })),
  organiserPublicKey: z.string(),
  withdrawn: z.object({ reason: z.string(), at: z.string(), statusAt: z.string(), actor: z.string() }).nullable(),
});
export type EventOverview = z.infer<typeof EventOverview>;

export const DrawOutcome = z.object({
  computedNow: z.boolean(),
  drawId: z.string(),
  seed: z.string(),
  recordSha256: z.string(),
  units: z.array(UnitSummary),
});
export type DrawOutcome = z.infer<typeof DrawOutcome>;

export const Applicant = z.object({
  regNo: z.string(),
  name: z.string(),
  sex: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  guardian: z.string(),
  phone: z.string(),
  tier: z.number(),
  choices: z.array(z.string()),
  group: z.string().nullable(),
  row: z.number(),
});
export type Applicant = z.infer<typeof Applicant>;

/** GET /api/events/:id/applicants: how many match, and one page of them. */
export const ApplicantSearch = z.object({ total: z.number(), rows: z.array(Applicant) });
export type ApplicantSearch = z.infer<typeof ApplicantSearch>;

export const Offer = z.object({
  id: z.number(),
  regNo: z.string(),
  unit: z.string(),
  status: z.string(),
  origin: z.string(),
  reason: z.string().nullable(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferChange = z.object({ regNo: z.string(), unit: z.string(), status: z.string(), reason: z.string().optional() });
export type OfferChange = z.infer<typeof OfferChange>;

/** GET /api/events/:id/offers. */
export const OfferList = z.object({ offers: z.array(Offer) });
export type OfferList = z.infer<typeof OfferList>;

/** POST /api/events/:id/offers/:reg/:act: every offer that changed (a decline can promote from the waitlist). */
export const OfferChanges = z.object({ changes: z.array(OfferChange) });
export type OfferChanges = z.infer<typeof OfferChanges>;

/** POST /api/events/:id/results: how many offers were made. */
export const ResultsPublished = z.object({ offers: z.number() });
export type ResultsPublished = z.infer<typeof ResultsPublished>;

/** DELETE /api/events/:id: the draft event deleted. */
export const EventDeleted = z.object({ deleted: z.string() });
export type EventDeleted = z.infer<typeof EventDeleted>;

/** POST /api/events: a new draft event. */
export const NewEventBody = z.object({
  id: z.string(),
  title: z.string(),
  mechanism: z.enum(['deferred-acceptance', 'immediate-acceptance']),
  tieBreak: z.enum(['single', 'multiple']),
  groupFit: z.enum(['strict', 'overflow']),
  bornFrom: z.string().optional(),
  bornTo: z.string().optional(),
  declaredSources: z.array(DeclaredSource).optional(),
  district: z.string().max(64).optional(),
});
export type NewEventBody = z.infer<typeof NewEventBody>;

/** POST /api/events/:id/units: a new unit of a draft event. */
export const NewUnitBody = z.object({ id: z.string(), name: z.string(), seats: z.number().int() });
export type NewUnitBody = z.infer<typeof NewUnitBody>;

/** PATCH /api/events/:id: a draft event's new title. */
export const RenameEventBody = z.object({ title: z.string() });
export type RenameEventBody = z.infer<typeof RenameEventBody>;

/** PATCH /api/events/:id/units/:unit: a draft unit's new name or seats, each left as it is when absent. */
export const UnitChangeBody = z.object({ name: z.string().optional(), seats: z.number().int().optional() });
export type UnitChangeBody = z.infer<typeof UnitChangeBody>;

/** POST /api/events/:id/withdraw: the public reason for withdrawing. */
export const WithdrawBody = z.object({ reason: z.string().max(500) });
export type WithdrawBody = z.infer<typeof WithdrawBody>;

/** PUT /api/events/:id/sources: the randomness sources the draw will use. */
export const SourcesBody = z.object({ declaredSources: z.array(DeclaredSource) });
export type SourcesBody = z.infer<typeof SourcesBody>;

/** GET /api/events/:id/applicants: a search, one page of it. */
export const ApplicantQuery = z.object({
  q: z.string().optional(),
  unit: z.string().optional(),
  tier: z.coerce.number().int().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ApplicantQuery = z.infer<typeof ApplicantQuery>;

/** POST /api/events/:id/import: the worksheet to read, when the file has more than one list. */
export const ImportQuery = z.object({
  sheet: z.string().max(200).optional().describe('the worksheet to import, when more than one sheet looks like an applicant list'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** POST /api/events/:id/import: the file's name (URI-encoded) beside its bytes. */
export const ImportHeaders = z.object({ 'x-file-name': z.string() }).passthrough();
export type ImportHeaders = z.infer<typeof ImportHeaders>;

/** POST /api/events/:id/import answers 409 when more than one sheet looks like an applicant list. */
export const ImportSheetChoice = z
  .object({ error: z.unknown(), errors: z.object({ sheets: z.array(z.string()) }) })
  .describe('more than one sheet looks like an applicant list: name one of `errors.sheets` in `sheet`');
export type ImportSheetChoice = z.infer<typeof ImportSheetChoice>;

/** One row error of an import, as the import answered it. */
export const ImportRowError = z.object({ row: z.number(), field: z.string(), code: z.string(), zh: z.string(), en: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

/** POST /api/events/:id/import/report: the file's name and its row errors, made into a workbook. */
export const ImportReportBody = z.object({ file: z.string(), errors: z.array(ImportRowError) });
export type ImportReportBody = z.infer<typeof ImportReportBody>;

/** What freezing answers: the published version's digests. */
export const FreezeResult = z.object({ version: z.number(), paramsSha256: z.string(), listRoot: z.string() });
export type FreezeResult = z.infer<typeof FreezeResult>;

/** What publishing answers: the new version's digests and the list's size. */
export const PublishResult = FreezeResult.extend({ listSize: z.number() });
export type PublishResult = z.infer<typeof PublishResult>;

/** POST /api/events/:id/publish: why a new version is published (optional; the body may be left out). */
export const PublishBody = z.object({ reason: z.string().optional() }).optional();
export type PublishBody = z.infer<typeof PublishBody>;

/** POST /api/events/:id/rehearse: the values to rehearse with (absent: made-up ones). */
export const RehearseBody = z.object({ sources: z.array(SourceValue).optional() }).optional();
export type RehearseBody = z.infer<typeof RehearseBody>;

/** POST /api/events/:id/draw: the declared sources' values. */
export const DrawBody = z.object({ sources: z.array(SourceValue) });
export type DrawBody = z.infer<typeof DrawBody>;

/** POST /api/events/:id/offers/:reg/:act: the family and what becomes of its offer. */
export const OfferParams = z.object({ id: z.string(), reg: z.string(), act: z.enum(['confirm', 'decline', 'revoke']) });
export type OfferParams = z.infer<typeof OfferParams>;

/** POST /api/events/:id/offers/:reg/:act: why (optional; the body may be left out). */
export const OfferChangeBody = z.object({ reason: z.string().optional() }).optional();
export type OfferChangeBody = z.infer<typeof OfferChangeBody>;

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.unknown(),
  prev: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const Checkpoint = z.object({
  seq: z.number(),
  hash: z.string(),
  signatures: z.array(z.object({ signer: z.string(), role: z.string(), publicKey: z.string(), signature: z.string(), at: z.string() })),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** GET /api/events/:id/audit: the view as of the checkpoint `head` (absent: now). */
export const AuditQuery = z.object({ head: z.string().optional() });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** GET /api/events/:id/export/:file: one public file of the bundle, or `units.xlsx` (with a reason). */
export const ExportParams = z.object({ id: z.string(), file: z.string() });
export type ExportParams = z.infer<typeof ExportParams>;

/** POST /api/events/:id/audit/cosign: a notary's or supervisor's signature over the checkpoint `seq`. */
export const CosignBody = z.object({
  seq: z.number().int(),
  signer: z.string().min(1),
  role: z.enum(['notary', 'supervisor']),
  publicKey: z.string(),
  signature: z.string(),
});
export type CosignBody = z.infer<typeof CosignBody>;

/** POST /api/events/:id/audit/notary-key: the notary's name and public key. */
export const NotaryKeyBody = z.object({ name: z.string().min(1), publicKey: z.string() });
export type NotaryKeyBody = z.infer<typeof NotaryKeyBody>;

/** What POST /api/events/:id/audit/notary-key answers: the key, its fingerprint and the log entry. */
export const NotaryKey = z.object({ name: z.string(), publicKey: z.string(), fingerprint: z.string(), seq: z.number() });
export type NotaryKey = z.infer<typeof NotaryKey>;

/** GET /api/events: every event, newest first as stored. */
/** A district (区县) of the city. */
export const District = z.object({ id: z.string(), code: z.string(), name: z.string(), createdAt: z.string() });
export type District = z.infer<typeof District>;

/** POST /api/districts: a new district (city admins). */
export const NewDistrictBody = z.object({ id: z.string().max(64), code: z.string().max(16), name: z.string().max(100) });
export type NewDistrictBody = z.infer<typeof NewDistrictBody>;

/** GET /api/districts. */
export const DistrictList = z.object({ districts: z.array(District) });
export type DistrictList = z.infer<typeof DistrictList>;

export const EventListItem = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  version: z.number(),
  createdAt: z.string(),
  withdrawn: z.boolean(),
  /** 区县 (absent: the city's own event). */
  district: z.string().optional(),
});
export type EventListItem = z.infer<typeof EventListItem>;
export const EventList = z.object({ events: z.array(EventListItem) });
export type EventList = z.infer<typeof EventList>;

/** 当前录取、当前候补 and the history of one unit, with names (the record's lists stay beside them). */
export const CurrentUnitBody = z.object({
  admitted: z.array(
    z.object({
      regNo: z.string(),
      name: z.string(),
      status: z.enum(['offered', 'confirmed']),
      promoted: z.boolean(),
      waitlistPosition: z.number().nullable(),
      since: z.string(),
    }),
  ),
  waitlist: z.array(z.object({ regNo: z.string(), name: z.string(), position: z.number(), holds: z.string().nullable() })),
  history: z.array(
    z.object({
      regNo: z.string(),
      name: z.string(),
      status: z.enum(['declined', 'revoked', 'released']),
      origin: z.enum(['draw', 'waitlist']),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  counts: z.object({
    admitted: z.number(),
    confirmed: z.number(),
    promoted: z.number(),
    free: z.number(),
    waiting: z.number(),
    history: z.number(),
  }),
});
export type CurrentUnitBody = z.infer<typeof CurrentUnitBody>;

/** GET /api/events/:id/results: each unit's record as drawn, with names, and where it stands now. */
export const StaffResults = z.object({
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      seats: z.number(),
      admitted: z.array(z.object({ regNo: z.string(), name: z.string() })),
      waitlist: z.array(z.object({ regNo: z.string(), name: z.string() })),
      current: CurrentUnitBody,
    }),
  ),
});
export type StaffResults = z.infer<typeof StaffResults>;

/** POST /api/events/:id/import: how many rows were imported, and the rows skipped with why. */
export const ImportSkipped = z.object({ row: z.number(), sheet: z.string().optional(), zh: z.string(), en: z.string() });
export type ImportSkipped = z.infer<typeof ImportSkipped>;
export const ImportResult = z.object({
  imported: z.number(),
  summary: z.unknown(),
  sheet: z.string().optional(),
  skipped: z.array(ImportSkipped),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** GET /api/events/:id/audit: the log, its checkpoints with the message signed, and whether it verifies. */
export const AuditView = z.object({
  entries: z.array(AuditEntry),
  head: z.object({ seq: z.number(), hash: z.string() }).optional(),
  notaryKey: NotaryKey.optional(),
  checkpoints: z.array(Checkpoint.extend({ message: z.string() })),
  verification: z.object({
    ok: z.boolean(),
    seq: z.number().optional(),
    reason: z.string().optional(),
    zh: z.string().optional(),
    publicKey: z.string(),
  }),
});
export type AuditView = z.infer<typeof AuditView>;

/** An event's 文书信息: every setting with its label, kind, example and value, and which documents need which. */
export const DocumentSettings = z.object({
  fields: z.array(
    z.object({ key: z.string(), zh: z.string(), en: z.string(), kind: z.string(), example: z.string(), value: z.string().nullable() }),
  ),
  required: z.record(z.string(), z.array(z.string())),
});
export type DocumentSettings = z.infer<typeof DocumentSettings>;

/** The documents an event's staff download (`/api/events/:id/documents/:file`). */
export const DocumentFile = z.enum([
  'announcement.pdf',
  'ceremony.pdf',
  'privacy-notice.pdf',
  'receipts.pdf',
  'notices.pdf',
  'notice.pdf',
  'workbook.xlsx',
  'admitted.pdf',
]);
export type DocumentFile = z.infer<typeof DocumentFile>;

export const DocumentParams = z.object({ id: z.string(), file: DocumentFile });
export type DocumentParams = z.infer<typeof DocumentParams>;

/** The unit (录取名单), the family (one notice or receipt) and the reason a look at personal data needs. */
export const DocumentQuery = z.object({ unit: z.string().optional(), reg: z.string().optional(), reason: z.string().optional() });
export type DocumentQuery = z.infer<typeof DocumentQuery>;

/** PUT /api/events/:id/settings: setting keys and their new values. */
export const DocumentSettingsChange = z.object({ settings: z.record(z.string(), z.string()) });
export type DocumentSettingsChange = z.infer<typeof DocumentSettingsChange>;

/** One row of the private access log (who looked at personal data, when, why). */
export const AccessLogEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  eventId: z.string().nullable(),
  what: z.string(),
  families: z.number(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

/** GET /api/privacy/access-log: one event's entries or all, a page of `limit` newest before the entry `before`. */
export const AccessLogQuery = z.object({
  event: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().optional(),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

export const AccessLogPage = z.object({ entries: z.array(AccessLogEntry) });
export type AccessLogPage = z.infer<typeof AccessLogPage>;

/** An event's retention: its date, the days left, what is held and erased, and what is due. */
export const RetentionState = z.object({
  eventId: z.string(),
  title: z.string(),
  status: z.string(),
  retainUntil: z.string().nullable(),
  /** Whole days from today (China) to the retention date; negative when past. */
  daysLeft: z.number().nullable(),
  held: z.number(),
  erased: z.number(),
  erasedAt: z.string().nullable(),
  /**
   * due: erase now (results published and the date has come); overdue: the date has come but the
   * results are not published yet; soon: within the warning period.
   */
  state: z.enum(['none', 'held', 'soon', 'due', 'overdue', 'erased']),
});
export type RetentionState = z.infer<typeof RetentionState>;

/** GET /api/privacy/retention: each event's retention date and what is still held. */
export const RetentionView = z.object({ today: z.string(), events: z.array(RetentionState) });
export type RetentionView = z.infer<typeof RetentionView>;

/** POST /api/events/:id/erase: what was erased, the log entry saying so, and the backups purged. */
export const EraseResult = z.object({
  eventId: z.string(),
  erased: z.number(),
  at: z.string(),
  seq: z.number(),
  personsRoot: z.string(),
  backups: z.object({ removed: z.number(), fresh: z.string().nullable(), elsewhere: z.array(z.string()) }).nullable(),
});
export type EraseResult = z.infer<typeof EraseResult>;

/** An event's privacy settings: the columns kept, until when, and whether they were chosen. */
export const PrivacySettings = z.object({ columns: z.array(z.string()), retainUntil: z.string().nullable(), chosen: z.boolean() });
export type PrivacySettings = z.infer<typeof PrivacySettings>;

/** PUT /api/events/:id/privacy: the columns to keep and the retention date, each left as it is when absent. */
export const PrivacySettingsChange = z.object({ columns: z.array(z.string()).optional(), retainUntil: z.string().nullable().optional() });
export type PrivacySettingsChange = z.infer<typeof PrivacySettingsChange>;

/** Who is logged in: the account, the session's CSRF token and when the session lapses. */
export const Me = z.object({ account: Account, csrf: z.string(), expiresAt: z.string() });

/** The answer of a request that only says it was done (logging out, co-signing a checkpoint). */
export const Done = z.object({ ok: z.boolean() });
export type Done = z.infer<typeof Done>;

/** The account as it is after its password was changed. */
export const PasswordChanged = z.object({ account: Account });
export type PasswordChanged = z.infer<typeof PasswordChanged>;
export type Me = z.infer<typeof Me>;

/** POST /api/auth/login. */
export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export type LoginBody = z.infer<typeof LoginBody>;

/** POST /api/auth/password: the current password and the new one. */
export const PasswordChangeBody = z.object({ current: z.string().min(1).max(1024), password: z.string().min(1).max(1024) });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

/** POST /api/admin/accounts: a new account, whose owner changes the password first. */
export const NewAccountBody = z.object({
  username: z.string().max(64),
  displayName: z.string().max(100).optional(),
  role: z.enum(['admin', 'operator', 'supervisor']),
  password: z.string().max(1024),
  /** 区县: the district the account works for (a city admin's choice; a district's admin makes its own). */
  district: z.string().max(64).optional(),
});
export type NewAccountBody = z.infer<typeof NewAccountBody>;

/** The path parameters of the routes about one account (`/api/admin/accounts/:username/…`). */
export const UsernameParams = z.object({ username: z.string().max(64) });
export type UsernameParams = z.infer<typeof UsernameParams>;

/** GET /api/admin/accounts. */
export const AccountList = z.object({ accounts: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

/** POST /api/admin/accounts/:username/reset: the new password, shown once to the admin. */
export const PasswordReset = z.object({ username: z.string(), password: z.string() });
export type PasswordReset = z.infer<typeof PasswordReset>;

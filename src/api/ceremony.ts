/**
 * The ceremony's API shapes as zod schemas, the one source of their types: the control panel's
 * view, a witness's link, the representatives' draws and the public log's entries, and every
 * request the ceremony's routes take (bodies, queries, path parameters). The routes declare them,
 * the office builds values of the inferred types, and the ceremony pages import them (the control
 * panel and the witness page send the request types). Browser-safe: only `zod`.
 */
import { z } from 'zod';
import { UnitParams } from './staff.js';

export const Person = z.object({ regNo: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const Digests = z.object({ version: z.number(), paramsSha256: z.string(), listRoot: z.string(), listSize: z.number() });
export type Digests = z.infer<typeof Digests>;

export const DigestCheck = z.object({
  published: Digests,
  recomputed: Digests.nullable(),
  match: z.boolean(),
  problems: z.array(Bilingual),
});
export type DigestCheck = z.infer<typeof DigestCheck>;

export const RosterSlot = z.object({
  index: z.number(),
  label: z.string(),
  witness: z.string().nullable(),
  alternate: z.string().nullable(),
  substituted: z.boolean(),
});
export type RosterSlot = z.infer<typeof RosterSlot>;

export const RepsView = z.object({
  unit: z.string(),
  drawId: z.string(),
  seats: z.number(),
  pool: z.enum(['volunteers', 'all']),
  poolSize: z.number(),
  paramsSha256: z.string(),
  listRoot: z.string(),
  sourceLabel: z.string(),
  drawn: z.boolean(),
  seed: z.string().optional(),
  recordSha256: z.string().optional(),
  reps: z.array(Person).optional(),
});
export type RepsView = z.infer<typeof RepsView>;

/** One declared slot of the ceremony as the control panel shows it. */
export const SlotView = z.object({
  index: z.number(),
  kind: z.enum(['witness', 'public', 'drand']),
  label: z.string(),
  round: z.number().optional(),
  producedAt: z.string().optional(),
  witness: z.string().nullable(),
  alternate: z.string().nullable(),
  substituted: z.boolean(),
  person: z.string(),
  /** A witness slot that cannot be revealed (or replaced) yet: sealing, public numbers or an earlier witness first. */
  waiting: z.boolean(),
  /** The sealed commitment (a witness slot), shown as it arrives. */
  commitment: z.object({ commitment: z.string(), via: z.enum(['phone', 'hall']), at: z.string() }).optional(),
  /** The value once revealed (or replaced); a public number once typed; the beacon's randomness. */
  value: z.object({ value: z.string(), by: z.string(), via: z.string(), at: z.string() }).optional(),
  link: z.object({ expiresAt: z.string(), state: z.enum(['active', 'used', 'expired']) }).optional(),
});
export type SlotView = z.infer<typeof SlotView>;

/** What the operator's control panel shows: the event, the ceremony's phase, each declared slot, the representatives' draws. */
export const CeremonyView = z.object({
  event: z.object({ id: z.string(), title: z.string(), status: z.enum(['draft', 'published', 'frozen', 'drawn', 'results']) }),
  ceremony: z
    .object({
      phase: z.enum(['open', 'halted', 'drawn', 'closed']),
      revealed: z.number(),
      check: DigestCheck,
      halted: Bilingual.nullable(),
    })
    .nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string(), seats: z.number(), applicants: z.number() })),
  slots: z.array(SlotView),
  ready: z.boolean(),
  /** Commit, then reveal: where the ceremony stands, and the published rule for an unrevealed value. */
  sealing: z.object({
    phase: z.enum(['commit', 'public', 'reveal', 'complete']),
    deadline: z.string().nullable(),
    rule: z.object({ unrevealed: z.literal('fixed'), replacement: z.string() }).nullable(),
  }),
  reps: z.array(RepsView),
  meeting: z.object({ place: z.string(), startedAt: z.string() }).nullable(),
  witnesses: z.array(z.object({ name: z.string(), role: z.string() })),
  recordings: z.array(z.object({ fileName: z.string(), sha256: z.string(), size: z.number() })),
  official: z.object({ drawId: z.string(), seed: z.string(), recordSha256: z.string() }).nullable(),
});
export type CeremonyView = z.infer<typeof CeremonyView>;

/** What a witness's phone shows for its one-time link. */
export const LinkView = z.object({
  event: z.string(),
  /** The rules' drawId, bound into the commitment. */
  drawId: z.string(),
  title: z.string(),
  index: z.number(),
  kind: z.enum(['witness', 'drand']),
  label: z.string(),
  person: z.string(),
  state: z.enum(['ready', 'waiting', 'used', 'expired', 'revoked', 'closed']),
  /** The earlier witness whose value must come first (state "waiting"). */
  waitingFor: z.string().optional(),
  /** A witness link: seal the value first, then reveal it once every value is sealed. */
  step: z.enum(['commit', 'reveal']).optional(),
  /** The commitment stored for this slot (shown on the phone, to compare with its own). */
  commitment: z.string().optional(),
  /** With a drand round: commitments and reveals must come before this moment (ISO). */
  deadline: z.string().optional(),
  expiresAt: z.string(),
  round: z.number().optional(),
  chain: z.string().optional(),
});
export type LinkView = z.infer<typeof LinkView>;

/** One entry of the ceremony's public log. */
export const Entry = z.object({ id: z.number(), at: z.string(), type: z.string(), payload: z.unknown() });
export type Entry = z.infer<typeof Entry>;

/** The roles a named witness of the ceremony can hold. */
export const WITNESS_ROLES = ['人大代表', '政协委员', '公证员', '学校代表', '家长代表', '纪检监察'] as const;
export const WitnessRole = z.enum(WITNESS_ROLES);
export type WitnessRole = z.infer<typeof WitnessRole>;

/** The answer of the operator's steps that only record something. */
export const Ok = z.object({ ok: z.boolean() });
export type Ok = z.infer<typeof Ok>;

// Requests and answers of the ceremony's routes (`/api/ceremony/…`).

/** The path parameters of the routes about one declared slot (`/api/ceremony/:id/slots/:index/…`). */
export const SlotParams = z.object({ id: z.string(), index: z.coerce.number().int().min(0) });
export type SlotParams = z.infer<typeof SlotParams>;

/** GET /api/ceremony/:id/reps/:unit/:file: one file of a representatives draw. */
export const RepsFileParams = UnitParams.extend({ file: z.enum(['rules.json', 'list.jsonl', 'sources.json', 'record.json']) });
export type RepsFileParams = z.infer<typeof RepsFileParams>;

/** GET /api/ceremony/:id/stream: resume after this entry (the Last-Event-ID header wins). */
export const StreamQuery = z.object({ lastEventId: z.coerce.number().int().min(0).optional() });
export type StreamQuery = z.infer<typeof StreamQuery>;

/** GET /api/ceremony/:id/log: the entries after this one. */
export const LogQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });
export type LogQuery = z.infer<typeof LogQuery>;

/** GET /api/ceremony/:id/log: the event and the public log's entries. */
export const CeremonyLog = z.object({ event: z.object({ id: z.string(), title: z.string() }), entries: z.array(Entry) });
export type CeremonyLog = z.infer<typeof CeremonyLog>;

/** POST /api/ceremony/witness/lookup: a witness's one-time link. */
export const WitnessTokenBody = z.object({ token: z.string() });
export type WitnessTokenBody = z.infer<typeof WitnessTokenBody>;

/** POST /api/ceremony/witness/commit: only the commitment leaves the phone. */
export const WitnessCommitBody = z.object({ token: z.string(), commitment: z.string().max(200) });
export type WitnessCommitBody = z.infer<typeof WitnessCommitBody>;

/** What sealing by link answers. */
export const WitnessSealed = z.object({ label: z.string(), commitment: z.string() });
export type WitnessSealed = z.infer<typeof WitnessSealed>;

/** POST /api/ceremony/witness/reveal: the value and salt, checked against the commitment. */
export const WitnessRevealBody = z.object({ token: z.string(), value: z.string().max(4000), salt: z.string().max(400) });
export type WitnessRevealBody = z.infer<typeof WitnessRevealBody>;

/** POST /api/ceremony/witness/submit: the drand slot's beacon, brought by a phone. */
export const WitnessSubmitBody = z.object({ token: z.string(), value: z.string().max(4000) });
export type WitnessSubmitBody = z.infer<typeof WitnessSubmitBody>;

/** What revealing or submitting by link answers. */
export const WitnessValue = z.object({ label: z.string(), value: z.string() });
export type WitnessValue = z.infer<typeof WitnessValue>;

/** GET /api/ceremony/:id/lan: the addresses phones in the hall can reach. */
export const LanAddresses = z.object({ addresses: z.array(z.string()) });
export type LanAddresses = z.infer<typeof LanAddresses>;

/** POST /api/ceremony/:id/open: the phase, and the published digests checked again. */
export const CeremonyOpened = z.object({ phase: z.string(), check: DigestCheck });
export type CeremonyOpened = z.infer<typeof CeremonyOpened>;

/** PUT /api/ceremony/:id/roster: each witness slot's witness and alternate. */
export const RosterBody = z.object({
  slots: z.array(
    z.object({
      index: z.number().int().min(0),
      witness: z.string().nullable().optional(),
      alternate: z.string().nullable().optional(),
    }),
  ),
});
export type RosterBody = z.infer<typeof RosterBody>;

export const Roster = z.object({ slots: z.array(RosterSlot) });
export type Roster = z.infer<typeof Roster>;

/** POST /api/ceremony/:id/slots/:index/link: how long the link lasts (optional; the body may be left out). */
export const LinkBody = z.object({ minutes: z.number().int().min(1).max(240).optional() }).optional();
export type LinkBody = z.infer<typeof LinkBody>;

/** A one-time link issued for a slot. */
export const IssuedLink = z.object({ token: z.string(), index: z.number(), label: z.string(), person: z.string(), expiresAt: z.string() });
export type IssuedLink = z.infer<typeof IssuedLink>;

/** POST /api/ceremony/:id/slots/:index/value: a public number typed in the hall. */
export const ValueBody = z.object({ value: z.string().max(4000) });
export type ValueBody = z.infer<typeof ValueBody>;

export const EnteredValue = z.object({ label: z.string(), value: z.string(), by: z.string() });
export type EnteredValue = z.infer<typeof EnteredValue>;

/** POST /api/ceremony/:id/slots/:index/commit: a commitment sealed in the hall, confirmed by a second staff member. */
export const HallCommitBody = z.object({
  commitment: z.string().max(200),
  confirm: z.object({ username: z.string().max(100), password: z.string().max(1000) }),
});
export type HallCommitBody = z.infer<typeof HallCommitBody>;

export const HallCommitted = z.object({ index: z.number(), label: z.string(), commitment: z.string(), allCommitted: z.boolean() });
export type HallCommitted = z.infer<typeof HallCommitted>;

/** POST /api/ceremony/:id/slots/:index/reveal: the value and salt, checked against the commitment. */
export const HallRevealBody = z.object({ value: z.string().max(4000), salt: z.string().max(400) });
export type HallRevealBody = z.infer<typeof HallRevealBody>;

/** POST /api/ceremony/:id/slots/:index/replace: why an unrevealed value is replaced by the published rule. */
export const ReplaceBody = z.object({ reason: z.string().max(1000) });
export type ReplaceBody = z.infer<typeof ReplaceBody>;

/** What revealing or replacing a slot's value answers. */
export const SlotRevealed = z.object({ index: z.number(), label: z.string(), value: z.string(), complete: z.boolean() });
export type SlotRevealed = z.infer<typeof SlotRevealed>;

/** POST /api/ceremony/:id/drand: the beacon's text and how it came. */
export const DrandBody = z.object({ text: z.string().max(20_000), via: z.enum(['paste', 'file', 'qr', 'fetch']).default('paste') });
export type DrandBody = z.infer<typeof DrandBody>;

export const DrandBeacon = z.object({ round: z.number(), randomness: z.string(), signature: z.string() });
export type DrandBeacon = z.infer<typeof DrandBeacon>;

/** POST /api/ceremony/:id/draw: the official draw. */
export const CeremonyDrawn = z.object({
  drawId: z.string(),
  seed: z.string(),
  recordSha256: z.string(),
  sourcesSha256: z.string(),
  computedNow: z.boolean(),
});
export type CeremonyDrawn = z.infer<typeof CeremonyDrawn>;

/** POST /api/ceremony/:id/reveal: the next unit, or all at once (optional; the body may be left out). */
export const RevealBody = z.object({ all: z.boolean().optional() }).optional();
export type RevealBody = z.infer<typeof RevealBody>;

export const RevealProgress = z.object({ revealed: z.number(), of: z.number(), done: z.boolean() });
export type RevealProgress = z.infer<typeof RevealProgress>;

/** POST /api/ceremony/:id/reps/:unit/prepare: how many representatives, from which pool, by which value. */
export const RepsPrepareBody = z.object({
  seats: z.number().int().optional(),
  volunteers: z.array(z.string()).max(100_000).optional(),
  sourceLabel: z.string().optional(),
});
export type RepsPrepareBody = z.infer<typeof RepsPrepareBody>;

/** POST /api/ceremony/:id/reps/:unit/draw: the public value drawn from. */
export const RepsDrawBody = z.object({ value: z.string().max(4000) });
export type RepsDrawBody = z.infer<typeof RepsDrawBody>;

/** POST /api/ceremony/:id/meeting: where and when the ceremony began. */
export const MeetingBody = z.object({ place: z.string(), startedAt: z.string() });
export type MeetingBody = z.infer<typeof MeetingBody>;

/** POST /api/ceremony/:id/witnesses: a witness present in the hall. */
export const WitnessBody = z.object({ name: z.string(), role: WitnessRole });
export type WitnessBody = z.infer<typeof WitnessBody>;

/** POST /api/ceremony/:id/recording: the recording's file name, digest and size. */
export const RecordingBody = z.object({ fileName: z.string(), sha256: z.string(), size: z.number().int().min(0) });
export type RecordingBody = z.infer<typeof RecordingBody>;

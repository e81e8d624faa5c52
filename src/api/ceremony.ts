/**
 * The ceremony's API shapes as zod schemas, the one source of their types: the control panel's
 * view, a witness's link, the representatives' draws and the public log's entries. The routes
 * declare them, the office builds values of the inferred types, and the ceremony pages import
 * them. Browser-safe: only `zod`.
 */
import { z } from 'zod';

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

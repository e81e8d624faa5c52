/** Shared zod schemas of the API: responses declare every field, so nothing else can leak. */
import { z } from 'zod';

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

export const DeclaredSource = z.union([
  z.object({ kind: z.literal('witness'), label: z.string().min(1) }),
  z.object({ kind: z.literal('public'), label: z.string().min(1) }),
  z.object({ kind: z.literal('drand'), chain: z.string(), round: z.number().int().positive(), producedAt: z.string().optional() }),
]);

export const SourceValue = z.object({
  label: z.string().optional(),
  value: z.string().optional(),
  drand: z.object({ round: z.number().int().positive(), randomness: z.string(), signature: z.string() }).optional(),
});

export const UnitSummary = z.object({
  id: z.string(),
  seats: z.number(),
  admitted: z.number(),
  waitlist: z.number(),
  applicants: z.number(),
});

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

export const DrawOutcome = z.object({
  computedNow: z.boolean(),
  drawId: z.string(),
  seed: z.string(),
  recordSha256: z.string(),
  units: z.array(UnitSummary),
});

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

export const Offer = z.object({
  id: z.number(),
  regNo: z.string(),
  unit: z.string(),
  status: z.string(),
  origin: z.string(),
  reason: z.string().nullable(),
  updatedAt: z.string(),
});

export const OfferChange = z.object({ regNo: z.string(), unit: z.string(), status: z.string(), reason: z.string().optional() });

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.unknown(),
  prev: z.string(),
  hash: z.string(),
});
export const Checkpoint = z.object({
  seq: z.number(),
  hash: z.string(),
  signatures: z.array(z.object({ signer: z.string(), role: z.string(), publicKey: z.string(), signature: z.string(), at: z.string() })),
});

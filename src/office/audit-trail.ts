/** Appends to an event's hash-chained audit log and signs checkpoints with the organiser's key. */
import { checkpointMessage, nextEntry, type AuditEntry } from '../core/audit.js';
import type { Json } from '../core/encoding.js';
import type { Repos } from '../store/index.js';
import type { Actor, Office } from './ports.js';
import { publicAuditDetails, refusePersonalNumbers } from './masking.js';

export async function logAction(
  repos: Repos,
  office: Office,
  event: string,
  actor: Actor,
  action: string,
  details: Json,
): Promise<AuditEntry> {
  // The log is published with the results: people's names go in masked, free text without ID-card
  // or phone numbers (a refusal here rolls back the caller's transaction).
  for (const key of ['reason', 'place'] as const) {
    const v = (details as Record<string, unknown> | null)?.[key];
    if (typeof v === 'string') refusePersonalNumbers(v, key);
  }
  const prev = await repos.audit.last(event);
  const entry = nextEntry(prev, {
    event,
    at: office.clock.now().toISOString(),
    actor,
    action,
    details: publicAuditDetails(action, details),
  });
  await repos.audit.append(entry);
  return entry;
}

/**
 * Signs the chain up to `entry` (a checkpoint) with the organiser's key. The signature is dated
 * with its entry, so every byte of a checkpoint is fixed by the log or by the signature.
 */
export async function signCheckpoint(repos: Repos, office: Office, entry: AuditEntry): Promise<void> {
  const publicKey = await office.keys.publicKey();
  const signature = await office.keys.sign(checkpointMessage(entry.event, entry.seq, entry.hash));
  await repos.audit.insertCheckpoint({
    event: entry.event,
    seq: entry.seq,
    hash: entry.hash,
    signatures: [{ signer: 'organiser', role: 'organiser', publicKey, signature, at: entry.at }],
  });
}

/** Logs an action and signs a checkpoint on it: used for every step of the lifecycle. */
export async function logMilestone(
  repos: Repos,
  office: Office,
  event: string,
  actor: Actor,
  action: string,
  details: Json,
): Promise<AuditEntry> {
  const entry = await logAction(repos, office, event, actor, action, details);
  await signCheckpoint(repos, office, entry);
  return entry;
}

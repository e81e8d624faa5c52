/**
 * Checks a family can run in its own browser, with the project's core (SHA-256 from @noble, no
 * WebCrypto, so they work on a plain-http LAN page too): the receipt against the root published
 * in the announcement (never the root the receipt itself carries, §15), and the ticket against
 * the published seed (§6.2).
 */
import { fromHex, utf8 } from '../../src/core/bytes.js';
import { verifyInclusion } from '../../src/core/merkle.js';
import { singleTicket } from '../../src/core/ticket.js';
import type { Announcement, ApplicantPage } from '../../src/api/public.js';

export function receiptHolds(page: ApplicantPage, ann: Announcement): boolean {
  const published = ann.publications[ann.publications.length - 1];
  if (!published) return false;
  const root = fromHex(published.listRoot, 32);
  if (!root) return false;
  let id: unknown;
  try {
    id = (JSON.parse(page.receipt.line) as { id?: unknown }).id;
  } catch {
    return false;
  }
  if (id !== page.regNo) return false; // the proven line must be this family's own
  return verifyInclusion(utf8(page.receipt.line), { ...page.receipt.proof, size: published.listSize }, root);
}

/** Every ticket of the page recomputed from the seed; true when all agree. */
export function ticketsHold(page: ApplicantPage): boolean {
  const r = page.result;
  if (!r) return false;
  const seed = fromHex(r.seed, 32);
  if (!seed) return false;
  return r.choices.every(
    (c) => singleTicket(seed, r.tieBreak === 'single' ? '' : `unit:${c.unit}`, r.entrant.kind, r.entrant.name) === c.ticket,
  );
}

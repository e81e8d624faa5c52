/**
 * §6.2 Tickets: an HMAC keyed by the seed over public names only, so a family can recompute its
 * own ticket from the published seed.
 */
import { hmacSha256 } from '../hash.js';
import type { TieBreak } from '../rules.js';
import type { Entrant } from './entrants.js';
import { enc, join, str } from './text.js';

/** `scope(u)`: empty under a single tie-break, `unit:<id>` under a multiple one. */
export const scopeOf = (tieBreak: TieBreak, unit: string): string => (tieBreak === 'single' ? '' : `unit:${unit}`);

export function ticketOf(seed: Uint8Array, tieBreak: TieBreak, e: Entrant, unit: string): Uint8Array {
  const msg = join([enc(str('fairdraw/ticket/v1')), enc(str(scopeOf(tieBreak, unit))), enc(str(e.kind)), enc(str(e.name))]);
  return hmacSha256(seed, msg);
}

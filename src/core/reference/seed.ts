/**
 * §5 Seed: one SHA-256 over the draw's name and the three digests, so that a change to any input
 * changes every ticket.
 */
import { sha256 } from '../hash.js';
import { enc, join, str } from './text.js';

export function seedOf(drawId: string, paramsSha256: Uint8Array, listRoot: Uint8Array, sourcesSha256: Uint8Array): Uint8Array {
  return sha256(join([enc(str('fairdraw/seed/v1')), enc(str(drawId)), enc(paramsSha256), enc(listRoot), enc(sourcesSha256)]));
}

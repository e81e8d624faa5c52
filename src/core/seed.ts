/** Contract §5: the seed binds the draw to its id, its rules, its list and its randomness. */
import { concat, enc, fromHex, toHex, utf8 } from './bytes.js';
import { sha256 } from './hash.js';

export const SEED_TAG = 'fairdraw/seed/v1';

/**
 * `seed = SHA256(enc("fairdraw/seed/v1") ‖ enc(drawId) ‖ enc(paramsSha256) ‖ enc(listRoot) ‖ enc(sourcesSha256))`,
 * the three digests as raw 32 bytes.
 * @example computeSeed('tiny', paramsHex, rootHex, sourcesHex) // 64 hex
 */
export function computeSeed(drawId: string, paramsSha256: string, listRoot: string, sourcesSha256: string): string {
  const raw = (h: string): Uint8Array => {
    const b = fromHex(h, 32);
    if (!b) throw new TypeError(`computeSeed: ${h} is not a 64-hex digest`);
    return b;
  };
  return toHex(
    sha256(concat([enc(utf8(SEED_TAG)), enc(utf8(drawId)), enc(raw(paramsSha256)), enc(raw(listRoot)), enc(raw(sourcesSha256))])),
  );
}

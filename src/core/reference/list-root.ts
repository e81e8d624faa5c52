/**
 * §3.2 List size and list root: the RFC 6962 Merkle Tree Hash of the list's lines, written as the
 * RFC writes it, recursively.
 */
import { sha256 } from '../hash.js';
import { join } from './text.js';

/** `MTH(D)` over the lines `D` (each without its "\n"). */
export function merkleTreeHash(lines: readonly Uint8Array[]): Uint8Array {
  if (lines.length === 0) return sha256(new Uint8Array(0));
  if (lines.length === 1) return sha256(join([new Uint8Array([0x00]), lines[0]!]));
  let k = 1;
  while (k * 2 < lines.length) k *= 2; // the largest power of two below n
  return sha256(join([new Uint8Array([0x01]), merkleTreeHash(lines.slice(0, k)), merkleTreeHash(lines.slice(k))]));
}

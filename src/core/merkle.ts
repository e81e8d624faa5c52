/**
 * Contract §3: the list root is the RFC 6962 Merkle Tree Hash over the list lines (without their
 * newline). Each family can be given an inclusion proof of its own line (RFC 6962 §2.1.1) and check
 * it against the published root and size (RFC 9162 §2.1.3.2 gives the verification algorithm).
 */
import { concat, equalBytes, fromHex, toHex } from './bytes.js';
import { sha256 } from './hash.js';

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

/** `SHA256(0x00 ‖ d)`. */
export function leafHash(d: Uint8Array): Uint8Array {
  return sha256(concat([LEAF, d]));
}

/** `SHA256(0x01 ‖ l ‖ r)`. */
export function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
  return sha256(concat([NODE, l, r]));
}

/**
 * The whole tree, level by level. RFC 6962's recursive MTH (split at the largest power of two
 * below n) builds the same tree as pairing neighbours left to right and carrying an odd last node
 * up unchanged, which needs no recursion and gives every receipt's path in O(log n).
 */
export class MerkleTree {
  readonly levels: Uint8Array[][];

  constructor(leafHashes: readonly Uint8Array[]) {
    const levels: Uint8Array[][] = [leafHashes.slice()];
    let level = levels[0]!;
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
      if (level.length % 2 === 1) next.push(level[level.length - 1]!);
      levels.push(next);
      level = next;
    }
    this.levels = levels;
  }

  static fromEntries(entries: readonly Uint8Array[]): MerkleTree {
    return new MerkleTree(entries.map(leafHash));
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** `MTH(D[0:n])`; `SHA256("")` for the empty list. */
  root(): Uint8Array {
    return this.size === 0 ? sha256(new Uint8Array(0)) : this.levels[this.levels.length - 1]![0]!;
  }

  /** RFC 6962 §2.1.1 `PATH(m, D[n])`: sibling hashes from the leaf up. */
  path(m: number): Uint8Array[] {
    if (!Number.isInteger(m) || m < 0 || m >= this.size) throw new RangeError('MerkleTree.path: index out of range');
    const path: Uint8Array[] = [];
    let idx = m;
    for (let l = 0; l < this.levels.length - 1; l++) {
      const level = this.levels[l]!;
      const sib = idx ^ 1;
      if (sib < level.length) path.push(level[sib]!);
      idx >>= 1;
    }
    return path;
  }

  /** The receipt proof of line `m`. */
  prove(m: number): InclusionProof {
    return { index: m, size: this.size, path: this.path(m).map(toHex) };
  }
}

/** An inclusion proof as handed to a family (the receipt). */
export interface InclusionProof {
  /** 0-based position of the line in the list. */
  index: number;
  /** Number of lines in the list (`listSize`). */
  size: number;
  /** Sibling hashes from the leaf upwards, hex. */
  path: string[];
}

/**
 * Recomputes the root from one entry and its proof (RFC 9162 §2.1.3.2) and compares it with the
 * published root. Any flipped bit, extra or missing hash, or wrong index or size gives false.
 */
export function verifyInclusion(entry: Uint8Array, proof: InclusionProof, root: Uint8Array): boolean {
  const { index, size, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(entry);
  for (const hex of path) {
    const p = fromHex(hex, 32);
    if (!p || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

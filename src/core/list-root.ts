/**
 * The list root (§3): the RFC 6962 Merkle Tree Hash over the lines of `list.jsonl`, computed from the
 * file's bytes, four messages at a time (sha256-lanes.ts). For two threads the tree is cut into
 * pieces: RFC 6962 splits n leaves at k, the largest power of two below n, into a perfect subtree
 * D[0:k] and the rest D[k:n], which splits again the same way. So the root is made of perfect
 * subtrees along the tree's right edge, one per binary digit of n; each is hashed on its own, on
 * either thread, and they are joined at the end into the root hashing the whole would give.
 */
import { concat } from './bytes.js';
import { sha256 } from './hash.js';
import { wordsToBytes } from './sha256-block.js';
import { hashMessages, packBytes, paddedBlocks, type MessageSet } from './sha256-lanes.js';

/**
 * The Merkle leaf hash `SHA256(0x00 ‖ line)` of every line (RFC 6962 §2.1), 8 words each; `starts`
 * holds where each line begins, and every line ends with "\n" (not hashed).
 */
export function leafWordsOf(bytes: Uint8Array, starts: ArrayLike<number>): Uint32Array {
  const n = starts.length;
  const end = (m: number) => (m + 1 < n ? starts[m + 1]! - 1 : bytes.length - 1);
  const words = new Uint32Array(n * 8);
  hashMessages(
    {
      count: n,
      blocks: (m) => paddedBlocks(1 + end(m) - starts[m]!),
      pack: (m, dst, base, stride) => packBytes(bytes, starts[m]!, end(m), 0x00, 0, dst, base, stride),
    },
    words,
  );
  return words;
}

/**
 * The nodes `SHA256(0x01 ‖ left ‖ right)` (65 bytes, two blocks) over a level of digests held as 8
 * words each: message m joins digests 2m and 2m + 1.
 */
function nodeSet(level: Uint32Array, count: number): MessageSet {
  return {
    count,
    blocks: () => 2,
    sameBlocks: 2,
    pack(m, dst, base, stride) {
      const x = 16 * m;
      dst[base] = 0x01000000 | (level[x]! >>> 8);
      for (let j = 1; j < 16; j++) dst[base + stride * j] = (level[x + j - 1]! << 24) | (level[x + j]! >>> 8);
      dst[base + stride * 16] = (level[x + 15]! << 24) | 0x00800000;
      dst[base + stride * 31] = 65 * 8;
    },
  };
}

/** RFC 6962 root over leaf hashes stored as 8 words each, level by level. */
export function rootFromLeafWords(words: Uint32Array, n: number): Uint8Array {
  if (n === 0) {
    return sha256(new Uint8Array(0));
  }
  let level = words;
  let len = n;
  while (len > 1) {
    const pairs = len >> 1;
    const next = new Uint32Array((pairs + (len & 1)) * 8);
    hashMessages(nodeSet(level, pairs), next);
    if (len & 1) next.set(level.subarray((len - 1) * 8, len * 8), pairs * 8);
    level = next;
    len = pairs + (len & 1);
  }
  return wordsToBytes(level, 0, 8);
}

/** Where each line of a list file starts (a last line without "\n" counts too). */
export function lineStarts(bytes: Uint8Array): Uint32Array {
  let starts = new Uint32Array(1024);
  let n = 0;
  for (let s = 0; s < bytes.length; s = bytes.indexOf(0x0a, s) + 1 || bytes.length) {
    if (n === starts.length) {
      const grown = new Uint32Array(2 * n);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = s;
  }
  return starts.slice(0, n);
}

/** Lines [from, to) of the list: one perfect subtree of the Merkle tree. */
export type TreePiece = readonly [from: number, to: number];

/**
 * The perfect subtrees whose roots make up the root of a tree of n leaves, left to right: one for
 * each binary digit of n, largest first (n = 1,000,000 gives 524,288 + 262,144 + … + 64 lines).
 */
export function treePieces(n: number): TreePiece[] {
  const pieces: TreePiece[] = [];
  let k = 1;
  while (k * 2 <= n) k *= 2;
  for (let lo = 0; k >= 1; k /= 2) {
    if (n - lo >= k) {
      pieces.push([lo, lo + k]);
      lo += k;
    }
  }
  return pieces;
}

/**
 * The pieces of a tree of n lines shared between two threads: this thread's (`mine[i]` true) are the
 * largest that fit in `share` × n lines together; the other thread hashes the rest.
 */
export function splitTree(n: number, share: number): { pieces: TreePiece[]; mine: boolean[] } {
  const pieces = treePieces(n);
  let budget = share * n;
  const mine = pieces.map(([from, to]) => {
    if (to - from > budget) return false;
    budget -= to - from;
    return true;
  });
  return { pieces, mine };
}

/** The root of each piece, from the list file's bytes and where its lines start. */
export function pieceRoots(bytes: Uint8Array, starts: Uint32Array, pieces: readonly TreePiece[]): Uint8Array[] {
  return pieces.map(([from, to]) => {
    // The piece's lines, each ending with its "\n".
    const upTo = to < starts.length ? bytes.subarray(0, starts[to]) : bytes;
    return rootFromLeafWords(leafWordsOf(upTo, starts.subarray(from, to)), to - from);
  });
}

/**
 * The root of the whole tree from the roots of the pieces of `splitTree`, hashed apart: `ours`
 * for the pieces marked `mine`, `theirs` for the others, each in order.
 */
export function joinShares(mine: readonly boolean[], ours: readonly Uint8Array[], theirs: readonly Uint8Array[]): Uint8Array {
  let a = 0;
  let b = 0;
  return joinTree(mine.map((m) => (m ? ours[a++]! : theirs[b++]!)));
}

/**
 * The root of the whole tree from the roots of its pieces in order: RFC 6962 joins the first piece
 * with the tree of all the others, `SHA256(0x01 ‖ first ‖ rest)`, and so on down the right edge.
 */
export function joinTree(roots: readonly Uint8Array[]): Uint8Array {
  if (roots.length === 0) return sha256(new Uint8Array(0));
  let root = roots[roots.length - 1]!;
  for (let i = roots.length - 2; i >= 0; i--) root = sha256(concat([Uint8Array.of(0x01), roots[i]!, root]));
  return root;
}

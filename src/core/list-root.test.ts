/**
 * The list root computed in pieces (as the two-thread engine does) is the RFC 6962 root of the
 * lines, for every list size and every way of sharing the pieces; checked against merkle.ts, which
 * follows the RFC's recursive definition.
 */
import { describe, expect, it } from 'vitest';
import { joinShares, joinTree, lineStarts, pieceRoots, rootFromLeafWords, leafWordsOf, splitTree, treePieces } from './list-root.js';
import { MerkleTree } from './merkle.js';
import { toHex, utf8 } from './bytes.js';

/** A list file of n lines of varied lengths (one and two SHA-256 blocks). */
function file(n: number): { bytes: Uint8Array; lines: Uint8Array[] } {
  const lines = Array.from({ length: n }, (_, i) => utf8(`{"id":"a${i}${'x'.repeat((i * 37) % 90)}"}`));
  return { bytes: utf8(lines.map((l) => `${new TextDecoder().decode(l)}\n`).join('')), lines };
}

describe('list root in pieces', () => {
  it('the pieces are the binary digits of n, largest first, covering every line once', () => {
    expect(treePieces(0)).toEqual([]);
    expect(treePieces(1)).toEqual([[0, 1]]);
    expect(treePieces(6)).toEqual([
      [0, 4],
      [4, 6],
    ]);
    expect(treePieces(1_000_000).map(([a, b]) => b - a)).toEqual([524288, 262144, 131072, 65536, 16384, 512, 64]);
  });

  it('this thread takes the largest pieces that fit in its share', () => {
    const { pieces, mine } = splitTree(1_000_000, 0.15);
    const taken = pieces.filter((_, i) => mine[i]).map(([a, b]) => b - a);
    expect(taken).toEqual([131072, 16384, 512, 64]);
    expect(splitTree(1000, 0).mine.every((m) => !m)).toBe(true);
    expect(splitTree(1000, 1).mine.every((m) => m)).toBe(true);
  });

  it('joining the pieces gives the RFC 6962 root for every size 0–70 and any share', () => {
    for (let n = 0; n <= 70; n++) {
      const { bytes, lines } = file(n);
      const want = toHex(MerkleTree.fromEntries(lines).root());
      const starts = lineStarts(bytes);
      expect(toHex(rootFromLeafWords(leafWordsOf(bytes, starts), n))).toBe(want);
      for (const share of [0, 0.1, 0.15, 0.3, 0.5, 1]) {
        const { pieces, mine } = splitTree(n, share);
        // Each thread's pieces hashed on their own, then put back in order.
        const a = pieceRoots(
          bytes,
          starts,
          pieces.filter((_, i) => mine[i]),
        );
        const b = pieceRoots(
          bytes,
          starts,
          pieces.filter((_, i) => !mine[i]),
        );
        expect(toHex(joinShares(mine, a, b))).toBe(want);
      }
    }
  });

  it('also for sizes around powers of two where the SIMD lanes are in use', () => {
    for (const n of [255, 256, 257, 1023, 1025]) {
      const { bytes, lines } = file(n);
      const starts = lineStarts(bytes);
      const { pieces } = splitTree(n, 0.15);
      expect(toHex(joinTree(pieceRoots(bytes, starts, pieces)))).toBe(toHex(MerkleTree.fromEntries(lines).root()));
    }
  });
});

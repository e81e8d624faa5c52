/**
 * Inclusion proofs at their edges: index and size changed together, a tree that must not share its
 * caller's array, malformed path hashes. The expected shapes come from RFC 6962's recursive PATH,
 * written out here, not from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { MerkleTree, leafHash, verifyInclusion } from './merkle.js';

const entry = (i: number) => new TextEncoder().encode(`{"id":"A${String(i).padStart(4, '0')}"}`);
const entries = (n: number) => Array.from({ length: n }, (_, i) => entry(i));

/** Which side each sibling of PATH(m, D[n]) is on, leaf upwards (RFC 6962 §2.1.1). */
function shape(m: number, n: number): string {
  if (n === 1) return '';
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k ? shape(m, k) + 'R' : shape(m - k, n - k) + 'L';
}

describe('inclusion proofs with index and size changed together', () => {
  it('verify only where RFC 6962 gives the same path shape, so the size must be the published one', () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (let n = 1; n <= 12; n++) {
      const d = entries(n);
      const tree = MerkleTree.fromEntries(d);
      const root = tree.root();
      for (let m = 0; m < n; m++) {
        const { path } = tree.prove(m);
        for (let n2 = 1; n2 <= 20; n2++) {
          for (let m2 = 0; m2 < n2; m2++) {
            if (m2 === m && n2 === n) continue;
            const same = shape(m2, n2) === shape(m, n);
            const ok = verifyInclusion(d[m]!, { index: m2, size: n2, path }, root);
            if (ok) accepted++;
            // Under the published size, no other index may verify.
            if (ok !== same || (n2 === n && ok)) wrong.push(`${m}/${n} as ${m2}/${n2}: ${ok}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(accepted).toBeGreaterThan(0); // the limit is real: some other (index, size) pairs do verify
  });

  it('the last leaf of 3 presented as the last of 2: accepted, as the RFC allows; under the published size 3, refused', () => {
    const d = entries(3);
    const tree = MerkleTree.fromEntries(d);
    const proof = tree.prove(2);
    expect(verifyInclusion(d[2]!, { ...proof, index: 1, size: 2 }, tree.root())).toBe(true);
    expect(verifyInclusion(d[2]!, { ...proof, index: 1, size: 3 }, tree.root())).toBe(false);
    expect(verifyInclusion(d[2]!, { ...proof, index: 3, size: 4 }, tree.root())).toBe(false);
  });

  it('accept the last, even-indexed leaf of odd-sized trees (the RFC 9162 right-shift branch)', () => {
    for (const n of [3, 5, 6, 7, 9, 11, 13, 21]) {
      const d = entries(n);
      const tree = MerkleTree.fromEntries(d);
      const m = n - 1;
      expect(verifyInclusion(d[m]!, tree.prove(m), tree.root()), `${m}/${n}`).toBe(true);
      expect(verifyInclusion(d[m]!, { ...tree.prove(m), index: m - 1 }, tree.root()), `${m - 1}/${n}`).toBe(false);
    }
  });

  it('answer false, without throwing, for a path hash that is not hex', () => {
    const d = entries(6);
    const tree = MerkleTree.fromEntries(d);
    for (const m of [0, 3, 5]) {
      const proof = tree.prove(m);
      for (let j = 0; j < proof.path.length; j++) {
        const path = proof.path.slice();
        path[j] = 'not hex';
        expect(verifyInclusion(d[m]!, { ...proof, path }, tree.root()), `m=${m} j=${j}`).toBe(false);
      }
    }
  });
});

describe('MerkleTree', () => {
  it('keeps its own copy of the leaves', () => {
    const leaves = entries(4).map(leafHash);
    const tree = new MerkleTree(leaves);
    const before = tree.prove(3);
    leaves.push(leafHash(entry(99)));
    leaves[2] = leafHash(entry(98));
    expect(tree.size).toBe(4);
    expect(tree.prove(3)).toEqual(before);
    expect(tree.levels[0]).toHaveLength(4);
  });

  it('gives SHA256("") as the root of no entries', () => {
    expect(Buffer.from(MerkleTree.fromEntries([]).root()).toString('hex')).toBe(Buffer.from(sha256(new Uint8Array(0))).toString('hex'));
  });

  it('names the error when asked for a path outside the tree', () => {
    const tree = MerkleTree.fromEntries(entries(3));
    for (const m of [-1, 3, 0.5, Number.NaN]) expect(() => tree.path(m)).toThrow(new RangeError('MerkleTree.path: index out of range'));
  });
});

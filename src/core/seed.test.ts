/** The seed (contract §5), written out byte by byte with an independent SHA-256. */
import { describe, expect, it } from 'vitest';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { SEED_TAG, computeSeed } from './seed.js';

const P = '89a019ec5a1f652312f05dc0035d5e53891609bc6740b85f832213f5785768c5';
const L = '8ec126a42f44c796bb621f182d3020f72c36ce3e287a1bbc9c512cefa9c7e528';
const S = 'fe818a06249258a5e9cbbbbabcfd9c338b4fa1dc1e87b1949cab7f99fd42b6d0';

function byHand(drawId: string, p: string, l: string, s: string): string {
  const bytes: number[] = [];
  const enc = (b: Uint8Array) => bytes.push(0, 0, (b.length >> 8) & 255, b.length & 255, ...b);
  enc(new TextEncoder().encode('fairdraw/seed/v1'));
  enc(new TextEncoder().encode(drawId));
  for (const h of [p, l, s]) enc(Uint8Array.from(Buffer.from(h, 'hex')));
  return Buffer.from(nobleSha256(Uint8Array.from(bytes))).toString('hex');
}

describe('computeSeed', () => {
  it('gives the seed of the contract’s 2020 seed case', () => {
    // vectors/seed-case/record.json
    expect(computeSeed('zlj-2020-surplus', P, L, S)).toBe('94219207cdd6df586734e626f6835cedee68e7264a2b7c574442e02e8f827635');
  });

  it('follows the published formula, the digests as raw bytes, in their order', () => {
    expect(SEED_TAG).toBe('fairdraw/seed/v1');
    expect(computeSeed('演示-2020', P, L, S)).toBe(byHand('演示-2020', P, L, S));
    expect(computeSeed('d', L, P, S)).toBe(byHand('d', L, P, S));
    expect(computeSeed('d', L, P, S)).not.toBe(computeSeed('d', P, L, S));
    expect(computeSeed('d', P, S, L)).not.toBe(computeSeed('d', P, L, S));
  });

  it('refuses a digest that is not 64 lowercase hex, naming it', () => {
    for (const bad of [P.slice(2), P.toUpperCase(), P + '00', 'zz'.repeat(32)]) {
      expect(() => computeSeed('d', bad, L, S)).toThrow(new TypeError(`computeSeed: ${bad} is not a 64-hex digest`));
      expect(() => computeSeed('d', P, bad, S)).toThrow(TypeError);
      expect(() => computeSeed('d', P, L, bad)).toThrow(TypeError);
    }
  });
});

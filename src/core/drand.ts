/**
 * Contract §4: the drand quicknet beacon. The chain's parameters are pinned here (they never
 * change); a round is accepted only if its BLS signature verifies under the pinned key, on the
 * message SHA256(u64be(round)), and its randomness is SHA256(signature).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { equalBytes, fromHex } from './bytes.js';
import { sha256 } from './hash.js';

export const DRAND_QUICKNET = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  scheme: 'bls-unchained-g1-rfc9380',
  periodSeconds: 3,
  genesisTime: 1692803367,
  dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
} as const;

/** Unix time (seconds) at which quicknet produces `round`: genesis + (round − 1) × period. */
export function drandRoundTime(round: number): number {
  return DRAND_QUICKNET.genesisTime + (round - 1) * DRAND_QUICKNET.periodSeconds;
}

/** `SHA256(u64be(round))`, the message quicknet signs. */
export function drandMessage(round: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(round));
  return sha256(b);
}

export type DrandCheck = { ok: true } | { ok: false; reason: 'signature-format' | 'randomness' | 'signature' };

/**
 * Verifies a quicknet round: signature format, randomness = SHA256(signature), and the BLS
 * signature under the pinned public key.
 */
export function verifyDrandRound(round: number, signatureHex: string, randomnessHex: string): DrandCheck {
  const sig = fromHex(signatureHex, 48);
  if (!sig) return { ok: false, reason: 'signature-format' };
  const rnd = fromHex(randomnessHex, 32);
  if (!rnd || !equalBytes(rnd, sha256(sig))) return { ok: false, reason: 'randomness' };
  const bls = bls12_381.shortSignatures;
  let valid = false;
  try {
    const msg = bls.hash(drandMessage(round), DRAND_QUICKNET.dst);
    valid = bls.verify(sig, msg, fromHex(DRAND_QUICKNET.publicKey)!);
  } catch {
    valid = false; // a point that does not decode is a bad signature, not a crash
  }
  return valid ? { ok: true } : { ok: false, reason: 'signature' };
}

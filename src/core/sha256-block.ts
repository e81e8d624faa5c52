/**
 * A bare SHA-256 compression function (FIPS 180-4 §6.2.2) over 32-bit words, for the paths that
 * call SHA-256 millions of times (tickets §6, the list's Merkle tree §3), and the states of an HMAC
 * key's pad blocks, compressed once ("midstates", RFC 2104 §4) so that a ticket costs two or three
 * block compressions. Bulk hashing normally runs four messages at a time in WebAssembly
 * (`sha256-lanes.ts`), which falls back to this function where WebAssembly SIMD is missing.
 * `sha256Large` hashes one big file (a published record) on the same function. Everything else
 * uses @noble/hashes; tests check both paths against it.
 */
import { toHex } from './bytes.js';

/** The round constants (FIPS 180-4 §4.2.2). */
export const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export const SHA256_IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

// Int32Array, not Uint32Array: V8 keeps int32 values unboxed, while uint32 values ≥ 2^31 become doubles.
const W = new Int32Array(64);

/**
 * Compresses one 64-byte block, given as 16 big-endian words at `block[off..off+16)`, into `state`
 * (8 words, updated in place).
 */
export function compress(state: Int32Array, block: Int32Array, off: number): void {
  for (let t = 0; t < 16; t++) W[t] = block[off + t]!;
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * The states after compressing an HMAC key's inner (0x36) and outer (0x5c) pad blocks (RFC 2104):
 * every MAC under that key starts from them. Keys longer than one block are refused, not hashed
 * first, since tickets' keys are 32-byte seeds.
 */
export function hmacStates(key: Uint8Array): { inner: Int32Array; outer: Int32Array } {
  if (key.length > 64) throw new RangeError('hmacStates: key longer than one block');
  const inner = new Int32Array(8);
  const outer = new Int32Array(8);
  const pad = new Int32Array(16);
  for (const [mask, target] of [
    [0x36, inner],
    [0x5c, outer],
  ] as const) {
    for (let i = 0; i < 16; i++) {
      let w = 0;
      for (let j = 0; j < 4; j++) w = (w << 8) | (((key[4 * i + j] ?? 0) ^ mask) & 0xff);
      pad[i] = w;
    }
    target.set(SHA256_IV);
    compress(target, pad, 0);
  }
  return { inner, outer };
}

/** Big-endian words to bytes. */
export function wordsToBytes(words: Uint32Array, off: number, count: number): Uint8Array {
  const out = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    const w = words[off + i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  return out;
}

/**
 * SHA-256 (FIPS 180-4) of a large file, as hex, on the core's compression function: in browsers it
 * hashes a 50 MB record several times faster than the general-purpose @noble code (which the tests
 * check it against). No WebCrypto, so it runs on a plain-http page too.
 */
export function sha256Large(data: Uint8Array): string {
  const st = new Int32Array(SHA256_IV);
  const block = new Int32Array(16);
  const n = data.length;
  const full = n - (n % 64);
  for (let o = 0; o < full; o += 64) {
    for (let k = 0, i = o; k < 16; k++, i += 4) block[k] = (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    compress(st, block, 0);
  }
  // The tail: the last bytes, 0x80, zeros, and the length in bits as 64 bits big-endian.
  const tail = new Uint8Array((n % 64) + 9 <= 64 ? 64 : 128);
  tail.set(data.subarray(full));
  tail[n % 64] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(n / 0x20000000));
  view.setUint32(tail.length - 4, (n * 8) >>> 0);
  for (let o = 0; o < tail.length; o += 64) {
    for (let k = 0; k < 16; k++) block[k] = view.getInt32(o + 4 * k);
    compress(st, block, 0);
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let k = 0; k < 8; k++) ov.setInt32(4 * k, st[k]!);
  return toHex(out);
}

/**
 * A bare SHA-256 compression function (FIPS 180-4 §6.2.2) over 32-bit words, for the paths that
 * call SHA-256 millions of times (tickets §6, the list's Merkle tree §3). HMAC with a fixed key lets
 * the key's inner and outer pad blocks be compressed once ("midstates", RFC 2104 §4); a ticket then
 * costs two or three block compressions with no allocation. Bulk hashing normally runs four
 * messages at a time in WebAssembly (`sha256-lanes.ts`), which falls back to this function where
 * WebAssembly SIMD is missing. Everything else uses @noble/hashes; tests check this file against
 * it on random inputs.
 */

const K = new Int32Array([
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
  if (key.length > 64) throw new RangeError('FixedKeyHmac: key longer than one block');
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

/**
 * HMAC-SHA-256 under one fixed key of at most 64 bytes, for many short messages.
 * `mac(msg, len, out, outOff)` writes the 8 big-endian digest words to `out[outOff..outOff+8)`.
 */
export class FixedKeyHmac {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private blocks = new Int32Array(32);
  private readonly outerBlock = new Int32Array(16);

  constructor(key: Uint8Array) {
    const { inner, outer } = hmacStates(key);
    this.inner.set(inner);
    this.outer.set(outer);
    // Outer message is always the 32-byte inner digest after one 64-byte pad block.
    this.outerBlock[8] = 0x80000000 | 0;
    this.outerBlock[15] = (64 + 32) * 8;
  }

  /** MACs `msg[0..len)`. */
  mac(msg: Uint8Array, len: number, out: Uint32Array, outOff: number): void {
    const total = len + 9;
    const nBlocks = Math.ceil(total / 64);
    const nWords = nBlocks * 16;
    if (this.blocks.length < nWords) this.blocks = new Int32Array(nWords * 2);
    const blocks = this.blocks;
    for (let z = 0; z < nWords; z++) blocks[z] = 0;
    let i = 0;
    for (; i + 4 <= len; i += 4) {
      blocks[i >> 2] = (msg[i]! << 24) | (msg[i + 1]! << 16) | (msg[i + 2]! << 8) | msg[i + 3]!;
    }
    let tail = 0;
    let shift = 24;
    for (; i < len; i++, shift -= 8) tail |= msg[i]! << shift;
    tail |= 0x80 << shift;
    blocks[len >> 2] = tail;
    const bits = (64 + len) * 8; // the key's pad block counts in the length
    blocks[nWords - 1] = bits | 0;
    blocks[nWords - 2] = Math.floor(bits / 0x100000000);

    const st = this.state;
    for (let w = 0; w < 8; w++) st[w] = this.inner[w]!;
    for (let b = 0; b < nBlocks; b++) compress(st, blocks, b * 16);
    const ob = this.outerBlock;
    for (let w = 0; w < 8; w++) ob[w] = st[w]!;
    for (let w = 0; w < 8; w++) st[w] = this.outer[w]!;
    compress(st, ob, 0);
    for (let w = 0; w < 8; w++) out[outOff + w] = st[w]!;
  }
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

const st = new Int32Array(8);
let scratch = new Int32Array(64);

/**
 * SHA-256 of `prefix ‖ data[start..end)` (prefix is one byte, or -1 for none), written as 8
 * big-endian words to `out[outOff..outOff+8)`. Used for the Merkle leaves and nodes of large
 * lists (RFC 6962 prefixes 0x00 and 0x01), with no allocation per call.
 */
export function sha256Words(data: Uint8Array, start: number, end: number, prefix: number, out: Uint32Array, outOff: number): void {
  const len = end - start + (prefix >= 0 ? 1 : 0);
  const nBlocks = Math.ceil((len + 9) / 64);
  const nWords = nBlocks * 16;
  if (scratch.length < nWords) scratch = new Int32Array(nWords * 2);
  const w = scratch;
  for (let i = 0; i < nWords; i++) w[i] = 0;
  let pos = 0; // byte position in the message
  if (prefix >= 0) {
    w[0] = (prefix & 0xff) << 24;
    pos = 1;
  }
  for (let i = start; i < end; i++, pos++) w[pos >> 2]! |= data[i]! << (24 - 8 * (pos & 3));
  w[pos >> 2]! |= 0x80 << (24 - 8 * (pos & 3));
  const bits = len * 8;
  w[nWords - 1] = bits | 0;
  w[nWords - 2] = Math.floor(bits / 0x100000000);
  for (let i = 0; i < 8; i++) st[i] = SHA256_IV[i]!;
  for (let b = 0; b < nBlocks; b++) compress(st, w, b * 16);
  for (let i = 0; i < 8; i++) out[outOff + i] = st[i]!;
}

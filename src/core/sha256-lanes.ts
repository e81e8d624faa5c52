/**
 * SHA-256 of many independent messages at once. A draw hashes millions of short messages (tickets,
 * Merkle leaves and nodes); WebAssembly's 128-bit SIMD runs the FIPS 180-4 compression function on
 * four messages side by side, one message per 32-bit lane, about three times as fast as one message
 * at a time in JavaScript. The module is assembled here from `wasm.ts` instructions (no binary in the
 * repository). Where WebAssembly SIMD is missing the same driver runs `compress` from
 * `sha256-block.ts` one message at a time; tests check both against @noble/hashes.
 */
import { compress, K, SHA256_IV } from './sha256-block.js';
import { assemble, Code, I32, V128 } from './wasm.js';

/** A set of messages to hash, each written straight into padded 64-byte blocks. */
export interface MessageSet {
  count: number;
  /** Number of 64-byte blocks message m fills once padded (FIPS 180-4 §5.1.1). */
  blocks(m: number): number;
  /** Set when every message fills this many blocks. */
  sameBlocks?: number;
  /**
   * Writes message m, its padding and its length as big-endian words at `dst[base + stride·j]`
   * (j = 0, 1, …); the words are zero beforehand.
   */
  pack(m: number, dst: Int32Array, base: number, stride: number): void;
}

/** Groups of four messages compressed together, their instructions interleaved (more work in flight). */
const G = 2;
const K_OFF = 0; // 64 round constants
const MID_OFF = 256; // start state (8 words), then the HMAC outer state (8 words)
const STATE_OFF = 512; // per group: 8 × v128
const W_OFF = 1024; // per group: 64 × v128 message schedule
const OUTER_OFF = W_OFF + G * 1024; // per group: 16 × v128, HMAC's outer block
const DATA_OFF = OUTER_OFF + G * 256;
const INPUT_BYTES = 1 << 18;
const OUTPUT_OFF = DATA_OFF + INPUT_BYTES;
const PAGES = Math.ceil((OUTPUT_OFF + INPUT_BYTES / 2) / 65536);
/** Longer messages go one at a time. */
const MAX_LANE_BLOCKS = 16;

/** `rotr(x, n)` of the v128 in local x, four lanes at once. */
function rotr(c: Code, x: number, n: number): Code {
  return c
    .get(x)
    .i32(n)
    .shrU()
    .get(x)
    .i32(32 - n)
    .shl()
    .or();
}

/** `rotr(x,a) ^ rotr(x,b) ^ (third)`, the Σ/σ functions (FIPS 180-4 §4.1.2). */
function sigma(c: Code, x: number, a: number, b: number, third: number, shiftOnly: boolean): Code {
  rotr(c, x, a);
  rotr(c, x, b).xor();
  if (shiftOnly) c.get(x).i32(third).shrU();
  else rotr(c, x, third);
  return c.xor();
}

/**
 * Function 0, `compress(blk0, blk1)`: one block for each of G = 2 groups of four lanes. Reads 16
 * v128 words at blk_g (word t of lane l at blk_g + 16t + 4l) and updates group g's state at
 * STATE_OFF + 128g. The two groups' instructions alternate, so the processor always has
 * independent work while one chain of additions waits.
 */
function compressFunc(): Code {
  const L = (g: number, i: number) => G + 8 * g + i; // a..h of group g
  const T1 = (g: number) => G + 8 * G + g;
  const X = G + 9 * G;
  const P = X + 1; // i32
  const Q = X + 2; // i32
  const st = (g: number) => STATE_OFF + 128 * g;
  const w = (g: number) => W_OFF + 1024 * g;
  const c = new Code();
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < 16; t++)
      c.i32(0)
        .get(g)
        .load(16 * t)
        .store(w(g) + 16 * t);
  }
  // Message schedule, W[t] for t = 16..63, with P = 16·(t − 16).
  c.i32(0).set(P).loop();
  for (let g = 0; g < G; g++) {
    c.get(P);
    c.get(P)
      .load(w(g) + 16 * 14)
      .set(X);
    sigma(c, X, 17, 19, 10, true);
    c.get(P)
      .load(w(g) + 16 * 9)
      .add4();
    c.get(P)
      .load(w(g) + 16 * 1)
      .set(X);
    sigma(c, X, 7, 18, 3, true).add4();
    c.get(P).load(w(g)).add4();
    c.store(w(g) + 16 * 16);
  }
  c.get(P)
    .i32(16)
    .add()
    .tee(P)
    .i32(16 * 48)
    .ltU()
    .brIf(0)
    .end();
  // 64 rounds, eight per pass with the roles of a..h rotating instead of the values moving.
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < 8; i++)
      c.i32(0)
        .load(st(g) + 16 * i)
        .set(L(g, i));
  }
  c.i32(0).set(P).i32(0).set(Q).loop();
  for (let r = 0; r < 8; r++) {
    for (let g = 0; g < G; g++) {
      const v = (k: number) => L(g, (k - r + 8) & 7);
      const [a, b, cc, d, e, f, gg, h] = [v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7)];
      c.get(h);
      sigma(c, e, 6, 11, 25, false).add4();
      c.get(f).get(gg).get(e).bitselect().add4(); // Ch(e, f, g)
      c.get(Q)
        .splat32(K_OFF + 4 * r)
        .add4();
      c.get(P)
        .load(w(g) + 16 * r)
        .add4();
      c.set(T1(g));
      c.get(d).get(T1(g)).add4().set(d);
      c.get(T1(g));
      sigma(c, a, 2, 13, 22, false).add4();
      c.get(cc).get(a).get(a).get(b).xor().bitselect().add4(); // Maj(a, b, c)
      c.set(h);
    }
  }
  c.get(Q).i32(32).add().set(Q);
  c.get(P).i32(128).add().tee(P).i32(1024).ltU().brIf(0).end();
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < 8; i++)
      c.i32(0)
        .i32(0)
        .load(st(g) + 16 * i)
        .get(L(g, i))
        .add4()
        .store(st(g) + 16 * i);
  }
  return c;
}

/**
 * Function 1, `run(in, out, groups, blocks, hmac)`: for each group of four messages of `blocks` blocks
 * each (groups even, taken two at a time), starts from the state at MID_OFF, compresses the blocks
 * and, for HMAC, the outer block; writes the four digests to `out`, 8 words each.
 */
function runFunc(): Code {
  const [IN, OUT, GROUPS, BLOCKS, HMAC, B, STRIDE, V] = [0, 1, 2, 3, 4, 5, 6, 7];
  const st = (g: number) => STATE_OFF + 128 * g;
  const c = new Code();
  c.get(BLOCKS).i32(256).mul().set(STRIDE); // bytes from one group's input to the next
  c.loop();
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < 8; i++)
      c.i32(0)
        .i32(0)
        .splat32(MID_OFF + 4 * i)
        .store(st(g) + 16 * i);
  }
  c.get(BLOCKS).set(B).loop();
  for (let g = 0; g < G; g++) {
    c.get(IN);
    if (g > 0) c.get(STRIDE).i32(g).mul().add();
  }
  c.call(0);
  c.get(IN).i32(256).add().set(IN);
  c.get(B).i32(1).sub().tee(B).brIf(0).end();
  c.get(HMAC).ifThen();
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < 8; i++)
      c.i32(0)
        .i32(0)
        .load(st(g) + 16 * i)
        .store(OUTER_OFF + 256 * g + 16 * i);
    for (let i = 0; i < 8; i++)
      c.i32(0)
        .i32(0)
        .splat32(MID_OFF + 32 + 4 * i)
        .store(st(g) + 16 * i);
  }
  for (let g = 0; g < G; g++) c.i32(OUTER_OFF + 256 * g);
  c.call(0);
  c.end();
  // Each lane's digest goes out as its own 8 consecutive words (message order within the group).
  for (let g = 0; g < G; g++) {
    for (let w = 0; w < 8; w++) {
      c.i32(0)
        .load(st(g) + 16 * w)
        .set(V);
      for (let l = 0; l < 4; l++)
        c.get(OUT)
          .get(V)
          .store32Lane(128 * g + 32 * l + 4 * w, l);
    }
  }
  c.get(OUT)
    .i32(128 * G)
    .add()
    .set(OUT);
  // The blocks loop advanced IN past the first group; skip the other groups' inputs too.
  c.get(IN)
    .get(STRIDE)
    .i32(G - 1)
    .mul()
    .add()
    .set(IN);
  c.get(GROUPS).i32(G).sub().tee(GROUPS).brIf(0).end();
  return c;
}

/** The module's bytes (exported for tests and for anyone who wants to inspect them). */
export function sha256LanesModule(): Uint8Array<ArrayBuffer> {
  return assemble(
    [
      {
        params: Array<number>(G).fill(I32),
        results: [],
        locals: [
          [9 * G + 1, V128],
          [2, I32],
        ],
        code: compressFunc(),
      },
      {
        params: [I32, I32, I32, I32, I32],
        results: [],
        locals: [
          [2, I32],
          [1, V128],
        ],
        code: runFunc(),
        export: 'run',
      },
    ],
    PAGES,
  );
}

interface Lanes {
  run: (inPtr: number, outPtr: number, groups: number, blocks: number, hmac: number) => void;
  mem: Int32Array;
  words: Uint32Array;
}

let lanes: Lanes | null | undefined;

function loadLanes(): Lanes | null {
  if (lanes !== undefined) return lanes;
  lanes = null;
  try {
    const wa = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
    if (!wa) return null;
    const bytes = sha256LanesModule();
    if (!wa.validate(bytes)) return null;
    const inst = new wa.Instance(new wa.Module(bytes), {});
    const memory = inst.exports.memory as WebAssembly.Memory;
    const mem = new Int32Array(memory.buffer);
    for (let i = 0; i < 64; i++) mem[K_OFF / 4 + i] = K[i]! | 0;
    // HMAC's outer block after the inner digest: 0x80 terminator, length (64 + 32) · 8 bits.
    for (let g = 0; g < G; g++) {
      for (let l = 0; l < 4; l++) {
        mem[(OUTER_OFF + 256 * g) / 4 + 8 * 4 + l] = 0x80000000 | 0;
        mem[(OUTER_OFF + 256 * g) / 4 + 15 * 4 + l] = (64 + 32) * 8;
      }
    }
    lanes = { run: inst.exports.run as Lanes['run'], mem, words: new Uint32Array(memory.buffer) };
  } catch {
    lanes = null;
  }
  return lanes;
}

/** Whether this platform runs the four-lane module (otherwise hashing goes one message at a time). */
export function lanesAvailable(): boolean {
  return loadLanes() !== null;
}

/**
 * Hashes every message of `set`, starting from `start` (8 words: SHA-256's IV, or an HMAC key's inner
 * pad state) and, when `outer` is given, finishing each digest as HMAC's outer hash from that state.
 * Digest m goes to `out[outOff + 8m ..+8)` as big-endian words. `simd: false` forces one message at
 * a time.
 */
export function hashMessages(
  set: MessageSet,
  out: Uint32Array,
  options: { start?: Int32Array; outer?: Int32Array; outOff?: number; simd?: boolean } = {},
): void {
  const start = options.start ?? SHA256_IV;
  const outOff = options.outOff ?? 0;
  const n = set.count;
  // Few messages go one at a time: not worth the module (which a browser's main thread, allowing
  // only small synchronous compiles, would refuse anyway; workers and Node compile it).
  const ln = options.simd === false || n < 8 ? null : loadLanes();
  if (!ln) {
    oneAtATime(set, 0, n, null, out, outOff, start, options.outer);
    return;
  }
  const mem = ln.mem;
  for (let i = 0; i < 8; i++) {
    mem[MID_OFF / 4 + i] = start[i]!;
    mem[MID_OFF / 4 + 8 + i] = options.outer ? options.outer[i]! : 0;
  }
  const hmac = options.outer ? 1 : 0;
  // Messages longer than MAX_LANE_BLOCKS all count as MAX_LANE_BLOCKS + 1: they go one at a time.
  const blocksOf = (m: number): number => Math.min(set.blocks(m), MAX_LANE_BLOCKS + 1);
  let same = set.sameBlocks === undefined ? undefined : Math.min(set.sameBlocks, MAX_LANE_BLOCKS + 1);
  let nb: Uint8Array | undefined;
  if (same === undefined) {
    nb = new Uint8Array(n);
    same = blocksOf(0);
    for (let m = 0; m < n; m++) {
      nb[m] = blocksOf(m);
      if (nb[m] !== same) same = 0;
    }
  }
  if (same > 0 && same <= MAX_LANE_BLOCKS) {
    // Every message the same length in blocks: they go in their own order.
    inLanes(ln, set, null, 0, n, same, hmac, out, outOff);
    return;
  }
  // Otherwise messages of the same length in blocks travel together: sort them by it (a counting sort).
  nb ??= new Uint8Array(n).fill(same);
  const first = new Uint32Array(MAX_LANE_BLOCKS + 3);
  for (let m = 0; m < n; m++) first[nb[m]! + 1]!++;
  for (let k = 1; k <= MAX_LANE_BLOCKS + 1; k++) first[k + 1]! += first[k]!;
  const order = new Uint32Array(n);
  const fill = first.slice();
  for (let m = 0; m < n; m++) order[fill[nb[m]!]!++] = m;
  for (let k = 1; k <= MAX_LANE_BLOCKS; k++) inLanes(ln, set, order, first[k]!, first[k + 1]!, k, hmac, out, outOff);
  oneAtATime(set, first[MAX_LANE_BLOCKS + 1]!, n, order, out, outOff, start, options.outer);
}

/**
 * Messages `order[lo..hi)` (or lo..hi themselves when order is null), each `blocks` blocks long,
 * through the module a chunk at a time; digest m goes to `out[outOff + 8m ..)`.
 */
function inLanes(
  ln: Lanes,
  set: MessageSet,
  order: Uint32Array | null,
  lo: number,
  hi: number,
  blocks: number,
  hmac: number,
  out: Uint32Array,
  outOff: number,
): void {
  const mem = ln.mem;
  const groupWords = blocks * 64; // 16 words × 4 lanes per block
  const perCall = Math.floor(INPUT_BYTES / 4 / groupWords / G) * G * 4;
  for (let c0 = lo; c0 < hi; c0 += perCall) {
    const c1 = Math.min(hi, c0 + perCall);
    const groups = Math.ceil((c1 - c0) / (4 * G)) * G;
    mem.fill(0, DATA_OFF / 4, DATA_OFF / 4 + groups * groupWords);
    for (let j = c0, q = 0; j < c1; j++, q++) set.pack(order ? order[j]! : j, mem, DATA_OFF / 4 + (q >> 2) * groupWords + (q & 3), 4);
    ln.run(DATA_OFF, OUTPUT_OFF, groups, blocks, hmac);
    // The module writes each message's digest as 8 consecutive words, in chunk order.
    const words = ln.words;
    if (!order) {
      out.set(words.subarray(OUTPUT_OFF / 4, OUTPUT_OFF / 4 + (c1 - c0) * 8), outOff + c0 * 8);
      continue;
    }
    for (let j = c0, src = OUTPUT_OFF / 4; j < c1; j++, src += 8) {
      const o = outOff + order[j]! * 8;
      for (let w = 0; w < 8; w++) out[o + w] = words[src + w]!;
    }
  }
}

const scalarState = new Int32Array(8);
const outerBlock = new Int32Array(16);
let scalarBlocks = new Int32Array(64);

function oneAtATime(
  set: MessageSet,
  from: number,
  to: number,
  order: Uint32Array | null,
  out: Uint32Array,
  outOff: number,
  start: Int32Array,
  outer: Int32Array | undefined,
): void {
  const st = scalarState;
  for (let j = from; j < to; j++) {
    const m = order ? order[j]! : j;
    const k = set.blocks(m);
    if (scalarBlocks.length < k * 16) scalarBlocks = new Int32Array(k * 32);
    scalarBlocks.fill(0, 0, k * 16);
    set.pack(m, scalarBlocks, 0, 1);
    st.set(start);
    for (let b = 0; b < k; b++) compress(st, scalarBlocks, b * 16);
    if (outer) {
      outerBlock.set(st);
      outerBlock[8] = 0x80000000 | 0;
      for (let w = 9; w < 15; w++) outerBlock[w] = 0;
      outerBlock[15] = (64 + 32) * 8;
      st.set(outer);
      compress(st, outerBlock, 0);
    }
    const o = outOff + m * 8;
    for (let w = 0; w < 8; w++) out[o + w] = st[w]!;
  }
}

/** Padded length in blocks of a message of `len` bytes (FIPS 180-4 §5.1.1). */
export function paddedBlocks(len: number): number {
  return Math.ceil((len + 9) / 64);
}

/**
 * Writes `prefix` (a byte, or −1 for none), then `src[s..e)`, the 0x80 terminator and the length in
 * bits (plus `extraBits`, e.g. 512 for an HMAC key block already hashed) as big-endian words at
 * `dst[base + stride·j]`.
 */
export function packBytes(
  src: Uint8Array,
  s: number,
  e: number,
  prefix: number,
  extraBits: number,
  dst: Int32Array,
  base: number,
  stride: number,
): void {
  let pos = 0;
  let acc = 0;
  let j = base;
  if (prefix >= 0) {
    acc = prefix & 0xff;
    pos = 1;
  }
  let i = s;
  // Fill the first word up to a word boundary, then whole words, then the tail.
  for (; (pos & 3) !== 0 && i < e; i++, pos++) acc = (acc << 8) | src[i]!;
  if ((pos & 3) === 0 && pos > 0) {
    dst[j] = acc;
    j += stride;
    acc = 0;
  }
  for (; i + 4 <= e; i += 4, pos += 4, j += stride) {
    dst[j] = (src[i]! << 24) | (src[i + 1]! << 16) | (src[i + 2]! << 8) | src[i + 3]!;
  }
  for (; i < e; i++, pos++) acc = (acc << 8) | src[i]!;
  const r = pos & 3;
  acc = (acc << 8) | 0x80;
  dst[j] = acc << (8 * (3 - r));
  const len = pos;
  const words = paddedBlocks(len) * 16;
  const bits = len * 8 + extraBits;
  dst[base + stride * (words - 1)] = bits | 0;
  dst[base + stride * (words - 2)] = Math.floor(bits / 0x100000000);
}

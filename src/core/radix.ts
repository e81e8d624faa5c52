/**
 * Least-significant-digit radix sorts of 32-bit unsigned keys, 11 bits a pass. A million keys sort in
 * a few milliseconds a pass; the engine sorts tickets once and each deferred-acceptance round's
 * proposals, where a comparison sort costs several times more. A pass whose digit is the same for
 * every key is skipped.
 */

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
const counts = new Uint32Array(RADIX * 3);

function histogram(keys: Uint32Array, n: number): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    counts[k & MASK]!++;
    counts[RADIX + ((k >>> BITS) & MASK)]!++;
    counts[2 * RADIX + (k >>> (2 * BITS))]!++;
  }
}

/** Turns the counts of pass `d` into start positions; false when every key has the same digit. */
function starts(d: number, n: number): boolean {
  const o = d * RADIX;
  let acc = 0;
  for (let b = 0; b < RADIX; b++) {
    const c = counts[o + b]!;
    if (c === n) return false;
    counts[o + b] = acc;
    acc += c;
  }
  return true;
}

/** Sorts `keys[0..n)` ascending in place; `scratch` has room for n keys. */
export function radixSort(keys: Uint32Array, n: number, scratch: Uint32Array): void {
  histogram(keys, n);
  let src = keys;
  let dst = scratch;
  for (let d = 0; d < 3; d++) {
    if (!starts(d, n)) continue;
    const o = d * RADIX;
    const shift = d * BITS;
    for (let i = 0; i < n; i++) {
      const k = src[i]!;
      dst[counts[o + ((k >>> shift) & MASK)]!++] = k;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src.subarray(0, n));
}

/**
 * Sorts `keys[0..n)` ascending and moves `values` with them; stable, so equal keys keep their
 * values' original order. `scratchKeys` and `scratchValues` have room for n entries.
 */
export function radixSortPairs(
  keys: Uint32Array,
  values: Uint32Array,
  n: number,
  scratchKeys: Uint32Array,
  scratchValues: Uint32Array,
): void {
  histogram(keys, n);
  let sk = keys;
  let sv = values;
  let dk = scratchKeys;
  let dv = scratchValues;
  for (let d = 0; d < 3; d++) {
    if (!starts(d, n)) continue;
    const o = d * RADIX;
    const shift = d * BITS;
    for (let i = 0; i < n; i++) {
      const k = sk[i]!;
      const at = counts[o + ((k >>> shift) & MASK)]!++;
      dk[at] = k;
      dv[at] = sv[i]!;
    }
    [sk, dk] = [dk, sk];
    [sv, dv] = [dv, sv];
  }
  if (sk !== keys) {
    keys.set(sk.subarray(0, n));
    values.set(sv.subarray(0, n));
  }
}

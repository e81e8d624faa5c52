/**
 * Identifiers (§1: 1–64 ASCII characters) held as byte ranges of one buffer, such as the ids of a
 * list copied back to back. A million ids as strings are a million objects on the heap for the garbage collector to
 * trace; as ranges they are two typed arrays. Strings are made only where someone reads them.
 */
import { fromUtf8 } from './bytes.js';

/** Id i is `bytes[start[i]..end[i])`. */
export interface IdTable {
  readonly bytes: Uint8Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
}

/** How many ids the table holds. */
export function idCount(t: IdTable): number {
  return t.start.length;
}

/** Id i as a string. */
export function idString(t: IdTable, i: number): string {
  return String.fromCharCode(...t.bytes.subarray(t.start[i]!, t.end[i]!));
}

/** The buffers' text where it is ASCII (byte offsets are then string offsets), or null. */
const asciiText = new WeakMap<Uint8Array, string | null>();

function textOf(bytes: Uint8Array): string | null {
  let text = asciiText.get(bytes);
  if (text === undefined) {
    let decoded: string | null;
    try {
      decoded = fromUtf8(bytes);
    } catch {
      decoded = null;
    }
    text = decoded !== null && decoded.length === bytes.length ? decoded : null;
    asciiText.set(bytes, text);
  }
  return text;
}

/** Every id as a string, in table order. */
export function idStrings(t: IdTable): string[] {
  const n = t.start.length;
  const out = new Array<string>(n);
  // One decode of the whole buffer (kept while the buffer lives), then substrings.
  const text = n > 0 ? textOf(t.bytes) : null;
  for (let i = 0; i < n; i++) out[i] = text !== null ? text.substring(t.start[i]!, t.end[i]!) : idString(t, i);
  return out;
}

/** A table of ids given as strings (ASCII identifiers), packed back to back. */
export function packIds(ids: readonly string[]): IdTable {
  let total = 0;
  for (const id of ids) total += id.length;
  const bytes = new Uint8Array(total);
  const start = new Uint32Array(ids.length);
  const end = new Uint32Array(ids.length);
  let o = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    start[i] = o;
    for (let c = 0; c < id.length; c++) bytes[o++] = id.charCodeAt(c);
    end[i] = o;
  }
  return { bytes, start, end };
}

/**
 * Whether `b[s1..e1)` sorts strictly before `b[s2..e2)`. For ASCII, byte order is the UTF-16 order
 * in which the list is sorted (§3).
 */
export function lessId(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  const n1 = e1 - s1;
  const n2 = e2 - s2;
  const n = n1 < n2 ? n1 : n2;
  for (let k = 0; k < n; k++) {
    const x = b[s1 + k]!;
    const y = b[s2 + k]!;
    if (x !== y) return x < y;
  }
  return n1 < n2;
}

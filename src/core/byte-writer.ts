/**
 * Appends text and hex to a growing byte buffer. Records of a city-wide draw are over 100 MB;
 * writing their bytes directly is several times faster than building and encoding a string.
 */
import { utf8 } from './bytes.js';

const HEX_CODES = new TextEncoder().encode('0123456789abcdef');
/** The two hex digits of each byte value, high digit first. */
const HEX_HI = Uint8Array.from({ length: 256 }, (_, b) => HEX_CODES[b >>> 4]!);
const HEX_LO = Uint8Array.from({ length: 256 }, (_, b) => HEX_CODES[b & 15]!);

export class ByteWriter {
  private buf: Uint8Array;
  private n = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  /** Makes room for k more bytes; returns the buffer to write at `position`, then call `advance`. */
  reserve(k: number): Uint8Array {
    this.room(k);
    return this.buf;
  }

  get position(): number {
    return this.n;
  }

  /** Marks the bytes written directly after `reserve` as used, up to position n. */
  advance(n: number): void {
    this.n = n;
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  /** Appends a string known to be ASCII without characters JSON would escape (identifiers, hex, digits, punctuation). */
  ascii(s: string): this {
    const l = s.length;
    this.room(l);
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < l; i++) b[n++] = s.charCodeAt(i);
    this.n = n;
    return this;
  }

  /** Appends bytes (a short, pre-encoded piece of ASCII). */
  lit(bytes: Uint8Array): this {
    const l = bytes.length;
    this.room(l);
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < l; i++) b[n++] = bytes[i]!;
    this.n = n;
    return this;
  }

  /** Appends bytes of any length (copied at once). */
  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
    return this;
  }

  /** Appends one byte. */
  byte(x: number): this {
    this.room(1);
    this.buf[this.n++] = x;
    return this;
  }

  /** Appends any string as UTF-8. */
  text(s: string): this {
    const b = utf8(s);
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }

  /** Appends `count` big-endian words as lowercase hex. */
  hexWords(words: Uint32Array, off: number, count: number): this {
    this.room(count * 8);
    this.n = putHex(this.buf, this.n, words, off, count);
    return this;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

/** Writes `src` into `b` at n; returns the new position. */
export function put(b: Uint8Array, n: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) b[n++] = src[i]!;
  return n;
}

/** Writes an ASCII string into `b` at n; returns the new position. */
export function putAscii(b: Uint8Array, n: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[n++] = s.charCodeAt(i);
  return n;
}

/** Writes `count` big-endian words as lowercase hex into `b` at n; returns the new position. */
export function putHex(b: Uint8Array, n: number, words: Uint32Array, off: number, count: number): number {
  for (let i = off; i < off + count; i++) {
    const w = words[i]!;
    const b0 = w >>> 24;
    const b1 = (w >>> 16) & 0xff;
    const b2 = (w >>> 8) & 0xff;
    const b3 = w & 0xff;
    b[n] = HEX_HI[b0]!;
    b[n + 1] = HEX_LO[b0]!;
    b[n + 2] = HEX_HI[b1]!;
    b[n + 3] = HEX_LO[b1]!;
    b[n + 4] = HEX_HI[b2]!;
    b[n + 5] = HEX_LO[b2]!;
    b[n + 6] = HEX_HI[b3]!;
    b[n + 7] = HEX_LO[b3]!;
    n += 8;
  }
  return n;
}

/**
 * Appends text and hex to a growing byte buffer. Records of a city-wide draw are over 100 MB;
 * writing their bytes directly is several times faster than building and encoding a string.
 */
import { utf8 } from './bytes.js';

const HEX_CODES = new TextEncoder().encode('0123456789abcdef');

export class ByteWriter {
  private buf: Uint8Array;
  private dv: DataView;
  private n = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.dv = new DataView(this.buf.buffer);
  }

  /** A DataView of the buffer `reserve` last returned (for `putHexView`). */
  view(): DataView {
    return this.dv;
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
    this.dv = new DataView(b.buffer);
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

  /** Appends bytes of any length (copied at once). */
  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
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

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

/** Writes `src` into `b` at n; returns the new position. */
export function put(b: Uint8Array, n: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) b[n++] = src[i]!;
  return n;
}

/** Four hex digits of each 16-bit value, as the bytes of a little-endian 32-bit word. */
const HEX4 = new Uint32Array(65536);
for (let v = 0; v < 65536; v++) {
  HEX4[v] = HEX_CODES[v >>> 12]! | (HEX_CODES[(v >>> 8) & 15]! << 8) | (HEX_CODES[(v >>> 4) & 15]! << 16) | (HEX_CODES[v & 15]! << 24);
}

/**
 * Writes `count` big-endian words as lowercase hex through a DataView of the buffer at n, four
 * digits per store; returns the new position. For the record's tickets, 64 digits each.
 */
export function putHexView(dv: DataView, n: number, words: Uint32Array, off: number, count: number): number {
  for (let i = off; i < off + count; i++) {
    const w = words[i]!;
    dv.setUint32(n, HEX4[w >>> 16]!, true);
    dv.setUint32(n + 4, HEX4[w & 0xffff]!, true);
    n += 8;
  }
  return n;
}

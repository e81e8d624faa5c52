/**
 * Appends text and hex to a growing byte buffer. Records of a city-wide draw are over 100 MB;
 * writing their bytes directly is several times faster than building and encoding a string.
 */
import { utf8 } from './bytes.js';

const HEX_CODES = new TextEncoder().encode('0123456789abcdef');

export class ByteWriter {
  private buf: Uint8Array;
  private n = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
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
    const b = this.buf;
    let n = this.n;
    for (let i = off; i < off + count; i++) {
      const w = words[i]!;
      for (let sh = 28; sh >= 0; sh -= 4) b[n++] = HEX_CODES[(w >>> sh) & 15]!;
    }
    this.n = n;
    return this;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

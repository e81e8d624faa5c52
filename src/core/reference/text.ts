/**
 * §1 as the reference reads it: strings hashed as their UTF-8 bytes, length-prefixed by `enc`, and
 * compared byte by byte (never by JavaScript's UTF-16 order).
 */
import { utf8 } from '../bytes.js';

/** `str(s)`: the UTF-8 bytes of a string. */
export const str = (s: string): Uint8Array => utf8(s);

/** `enc(b) = u32be(len(b)) ‖ b`. */
export function enc(b: Uint8Array): Uint8Array {
  return join([u32be(b.length), b]);
}

export function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** `a ‖ b ‖ …`. */
export function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Unsigned bytes compared from the first; a prefix comes first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Two strings in the order of their UTF-8 bytes. */
export const compareText = (a: string, b: string): number => compareBytes(str(a), str(b));

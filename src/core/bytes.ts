/** Byte helpers shared by the core (browser-safe: no Buffer). */

const encoder = new TextEncoder();
// ignoreBOM: a byte-order mark stays in the text, so the readers can refuse it (§1) instead of
// silently dropping it while the file's bytes (and so its hash) still hold it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `str(x)` of the contract (§1): the UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8, refusing invalid sequences (a file that is not UTF-8 is an error, not mojibake). */
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex, as every digest travels (§1). */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

/** Parses lowercase hex of an exact byte length; returns undefined for anything else. */
export function fromHex(s: string, length?: number): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(s)) return undefined;
  if (length !== undefined && s.length !== length * 2) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** `enc(b) = u32be(len(b)) ‖ b` (§1): length-prefixes every variable field inside a hash input. */
export function enc(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length);
  out.set(b, 4);
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

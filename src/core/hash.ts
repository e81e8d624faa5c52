/**
 * Contract §1: SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), from @noble/hashes so the same
 * code runs in the server, the CLI and a browser on a plain-http LAN page (no WebCrypto needed).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { utf8 } from './bytes.js';

/** `SHA256(b)`. */
export function sha256(b: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof b === 'string' ? utf8(b) : b);
}

/** `HMAC(k, m)` with SHA-256. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return nobleHmac(nobleSha256, key, message);
}

/** An incremental SHA-256 for large inputs (e.g. hashing a file in chunks). */
export function sha256Stream(): { update(b: Uint8Array): void; digest(): Uint8Array } {
  const h = nobleSha256.create();
  return {
    update: (b) => void h.update(b),
    digest: () => h.digest(),
  };
}

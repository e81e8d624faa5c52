/**
 * The four-lane SHA-256 driver (sha256-lanes.ts) and its WebAssembly module, checked against
 * @noble/hashes: every length through the padding boundaries and past the longest message that goes
 * in lanes, prefixes, HMAC under random keys, and both the SIMD and the one-at-a-time paths.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { hashMessages, lanesAvailable, packBytes, paddedBlocks, sha256LanesModule, type MessageSet } from './sha256-lanes.js';
import { hmacStates, wordsToBytes } from './sha256-block.js';
import { singleTicket, ticketRange } from './ticket.js';
import { packIds } from './id-table.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Messages `prefix ‖ msgs[m]` (prefix −1: none), hashed by the driver. */
function setOf(msgs: Uint8Array[], prefix: number, extraBits = 0): MessageSet {
  const p = prefix >= 0 ? 1 : 0;
  return {
    count: msgs.length,
    blocks: (m) => paddedBlocks(p + msgs[m]!.length),
    pack: (m, dst, base, stride) => packBytes(msgs[m]!, 0, msgs[m]!.length, prefix, extraBits, dst, base, stride),
  };
}

function digests(out: Uint32Array, n: number): string[] {
  return Array.from({ length: n }, (_, i) => hex(wordsToBytes(out, 8 * i, 8)));
}

const pattern = (len: number, salt: number) => Uint8Array.from({ length: len }, (_, j) => (salt * 131 + j * 29 + (j >> 3)) & 0xff);

describe('SHA-256 in four lanes', () => {
  it('runs here: Node 20 has WebAssembly SIMD, so the draw uses the fast path', () => {
    expect(WebAssembly.validate(sha256LanesModule())).toBe(true);
    expect(lanesAvailable()).toBe(true);
  });

  for (const simd of [true, false]) {
    it(`equals noble SHA-256 at every length 0..1100 (lanes hold up to 16 blocks), simd ${simd}`, () => {
      const msgs = Array.from({ length: 1101 }, (_, len) => pattern(len, len));
      const out = new Uint32Array(8 * msgs.length);
      hashMessages(setOf(msgs, -1), out, { simd });
      expect(digests(out, msgs.length)).toEqual(msgs.map((m) => hex(nobleSha256(m))));
    });

    it(`equals noble SHA-256 of prefix ‖ message with a prefix byte, simd ${simd}`, () => {
      const msgs = Array.from({ length: 300 }, (_, len) => pattern(len, 7 * len));
      for (const prefix of [0x00, 0x01, 0xff]) {
        const out = new Uint32Array(8 * msgs.length);
        hashMessages(setOf(msgs, prefix), out, { simd });
        expect(digests(out, msgs.length)).toEqual(msgs.map((m) => hex(nobleSha256(Uint8Array.from([prefix, ...m])))));
      }
    });
  }

  it('finishes HMAC under random keys of 0–64 bytes like noble hmac, in lanes and one at a time', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (key, msgs, simd) => {
          const { inner, outer } = hmacStates(key);
          const out = new Uint32Array(8 * msgs.length);
          hashMessages(setOf(msgs, -1, 512), out, { start: inner, outer, simd });
          expect(digests(out, msgs.length)).toEqual(msgs.map((m) => hex(nobleHmac(nobleSha256, key, m))));
        },
      ),
      { numRuns: 200 },
    );
  });

  for (const mixed of [true, false]) {
    it(`writes digest m at outOff + 8m and nothing before it (${mixed ? 'mixed lengths, taken out of order' : 'one length'})`, () => {
      const msgs = Array.from({ length: 64 }, (_, i) => pattern(mixed ? (i * 37) % 250 : 40, i));
      const out = new Uint32Array(8 * 100).fill(0xdeadbeef);
      hashMessages(setOf(msgs, -1), out, { outOff: 8 * 30 });
      for (let m = 0; m < msgs.length; m++) expect(hex(wordsToBytes(out, 8 * (30 + m), 8))).toBe(hex(nobleSha256(msgs[m]!)));
      expect(out.subarray(0, 8 * 30).every((w) => w === 0xdeadbeef)).toBe(true);
      expect(out.subarray(8 * 94).every((w) => w === 0xdeadbeef)).toBe(true);
    });
  }

  it('handles sets that are not a multiple of four and chunks larger than one call', () => {
    for (const n of [8, 9, 10, 11, 5000]) {
      const msgs = Array.from({ length: n }, (_, i) => pattern(i % 3 === 0 ? 300 : 20, i));
      const out = new Uint32Array(8 * n);
      hashMessages(setOf(msgs, -1), out);
      expect(digests(out, n)).toEqual(msgs.map((m) => hex(nobleSha256(m))));
    }
  });
});

describe('tickets through the lanes', () => {
  it('ticketRange equals the one-ticket definition for few tickets (one at a time) and many (lanes)', () => {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    for (const n of [3, 200]) {
      // Names of every length from 1 to 70 bytes cross the one- and two-block boundaries.
      const names = Array.from({ length: n }, (_, i) => `N${'x'.repeat(i % 70)}${i}`);
      const scopes = ['', 'unit:a', 'unit:long-unit-name-0123456789'];
      const scopeIdx = Uint32Array.from(names, (_, i) => i % 3);
      const kinds = Uint8Array.from(names, (_, i) => (i % 5 === 0 ? 1 : 0));
      // One pair per name: pair i belongs to entrant i, at unit scopeIdx[i].
      const words = new Uint32Array(8 * n);
      const pairs = { entrant: Uint32Array.from(names, (_, i) => i), unit: scopeIdx };
      ticketRange(seed, { kind: kinds, names: packIds(names), pairs, scopes }, 0, n, words, 0);
      names.forEach((name, i) => {
        const want = singleTicket(seed, scopes[i % 3]!, kinds[i] ? 'group' : 'applicant', name);
        expect(hex(wordsToBytes(words, 8 * i, 8))).toBe(want);
      });
    }
  });
});

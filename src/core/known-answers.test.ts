/**
 * Known answers from outside the project (test/fixtures/contract/known-answers.md, RFC 4231, RFC 6962,
 * RFC 8785, FIPS 180-4, drand quicknet), and the hand-written SHA-256 of sha256-block.ts (through
 * the bulk driver's one-at-a-time path) checked against @noble/hashes on random inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { hmacSha256, sha256 } from './hash.js';
import { leafHash, MerkleTree } from './merkle.js';
import { parseList } from './list.js';
import { rootFromLeafWords } from './list-root.js';
import { drandMessage, verifyDrandRound } from './drand.js';
import { jcs, parseStrictJson } from './encoding.js';
import { hmacStates, wordsToBytes } from './sha256-block.js';
import { hashMessages, packBytes, paddedBlocks } from './sha256-lanes.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/**
 * SHA-256 of `prefix ‖ src[s..e)` (prefix −1 for none), or HMAC under `key`, through the driver of
 * sha256-lanes.ts one message at a time: the JavaScript path (the lanes are tested in their file).
 */
function oneAtATime(src: Uint8Array, s = 0, e = src.length, prefix = -1, key?: Uint8Array): string {
  const p = prefix >= 0 ? 1 : 0;
  const states = key ? hmacStates(key) : undefined;
  const out = new Uint32Array(8);
  hashMessages(
    {
      count: 1,
      blocks: () => paddedBlocks(p + e - s),
      pack: (_m, dst, base, stride) => packBytes(src, s, e, prefix, key ? 512 : 0, dst, base, stride),
    },
    out,
    { start: states?.inner, outer: states?.outer, simd: false },
  );
  return hex(wordsToBytes(out, 0, 8));
}

describe('HMAC-SHA-256 (RFC 4231 test case 2)', () => {
  const key = ascii('Jefe');
  const data = ascii('what do ya want for nothing?');
  const mac = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('hmacSha256 gives the RFC 4231 MAC for key "Jefe"', () => {
    expect(hex(hmacSha256(key, data))).toBe(mac);
  });

  it('the precomputed-pad HMAC of the ticket path gives the same RFC 4231 MAC', () => {
    expect(oneAtATime(data, 0, data.length, -1, key)).toBe(mac);
  });

  it('refuses an HMAC key longer than one block instead of computing a wrong MAC', () => {
    expect(() => hmacStates(new Uint8Array(65))).toThrow(RangeError);
  });
});

describe('SHA-256 (FIPS 180-4)', () => {
  it('hashes "abc" to the FIPS 180-4 example digest, in hash.ts and in the bulk driver', () => {
    const abc = ascii('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(hex(sha256(abc))).toBe(expected);
    expect(oneAtATime(abc)).toBe(expected);
  });

  it('hashes the two-block FIPS 180-4 message to its published digest in the bulk driver', () => {
    const msg = ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(oneAtATime(msg)).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});

describe('RFC 6962 Merkle tree hashes', () => {
  const EMPTY_MTH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const EMPTY_LEAF = '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d';

  it('gives SHA256("") as the MTH of the empty list, through every root function', () => {
    expect(hex(MerkleTree.fromEntries([]).root())).toBe(EMPTY_MTH);
    expect(hex(new MerkleTree([]).root())).toBe(EMPTY_MTH);
    expect(hex(rootFromLeafWords(new Uint32Array(0), 0))).toBe(EMPTY_MTH);
  });

  it('gives the known list root for an empty list.jsonl (0 bytes)', () => {
    const list = parseList(new Uint8Array(0), { units: [{ id: 'A', seats: 1 }] });
    expect(list.size).toBe(0);
    expect(list.listRoot).toBe(EMPTY_MTH);
  });

  it('gives the known leaf hash SHA256(0x00) for the empty entry', () => {
    expect(hex(leafHash(new Uint8Array(0)))).toBe(EMPTY_LEAF);
    expect(hex(MerkleTree.fromEntries([new Uint8Array(0)]).root())).toBe(EMPTY_LEAF);
    expect(oneAtATime(new Uint8Array(0), 0, 0, 0x00)).toBe(EMPTY_LEAF);
  });
});

describe('drand quicknet rounds', () => {
  const R1000 = {
    round: 1000,
    signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
    randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  };
  const R32281667 = {
    round: 32281667,
    signature: 'b0f5ae301358ff87a9d3dd539ed4a07c0148b1ab4f7b61a8ca43c7e9ca7ca9553e4faae9188deb30b2cd1a7f447e3e5b',
    randomness: '4fd2fc55983dbfa3f446d8a0bd56f16cc8c5e76afd1ec154b60d477cbabed13b',
  };

  /** Flips one bit and recomputes the randomness, so only the BLS check can refuse it. */
  const flipped = (sigHex: string, byte: number, bit: number): { signature: string; randomness: string } => {
    const sig = unhex(sigHex);
    sig[byte]! ^= 1 << bit;
    return { signature: hex(sig), randomness: hex(nobleSha256(sig)) };
  };

  it('the message of a round is SHA256 of its 8-byte big-endian number', () => {
    expect(hex(drandMessage(1000))).toBe(hex(nobleSha256(unhex('00000000000003e8'))));
  });

  it('verifies round 1000', () => {
    expect(verifyDrandRound(R1000.round, R1000.signature, R1000.randomness)).toEqual({ ok: true });
  });

  it('verifies round 32281667', () => {
    expect(verifyDrandRound(R32281667.round, R32281667.signature, R32281667.randomness)).toEqual({ ok: true });
  });

  it('rejects the round-1000 signature presented as round 1001', () => {
    expect(verifyDrandRound(1001, R1000.signature, R1000.randomness)).toEqual({ ok: false, reason: 'signature' });
  });

  it('rejects the round-32281667 signature presented as round 1000', () => {
    expect(verifyDrandRound(1000, R32281667.signature, R32281667.randomness)).toEqual({ ok: false, reason: 'signature' });
  });

  it('rejects a signature with one flipped bit even when the randomness matches the flipped signature', () => {
    // Last byte (inside the x coordinate), a middle byte, and the sign flag (which gives -P, a valid
    // point with the wrong signature), and the compression flag (which does not decode).
    for (const [byte, bit] of [
      [47, 0],
      [20, 3],
      [0, 5],
      [0, 7],
    ] as const) {
      const f = flipped(R1000.signature, byte, bit);
      expect(verifyDrandRound(1000, f.signature, f.randomness), `byte ${byte} bit ${bit}`).toEqual({ ok: false, reason: 'signature' });
    }
  });

  it('rejects a signature with one flipped bit when the randomness is the original one', () => {
    const f = flipped(R1000.signature, 10, 1);
    expect(verifyDrandRound(1000, f.signature, R1000.randomness)).toEqual({ ok: false, reason: 'randomness' });
  });

  it('rejects a valid signature with wrong randomness', () => {
    const wrong = R1000.randomness.slice(0, 63) + (R1000.randomness.endsWith('d') ? 'e' : 'd');
    expect(verifyDrandRound(1000, R1000.signature, wrong)).toEqual({ ok: false, reason: 'randomness' });
    expect(verifyDrandRound(1000, R1000.signature, R32281667.randomness)).toEqual({ ok: false, reason: 'randomness' });
  });

  it('rejects a signature or randomness that is not 48/32 bytes of lowercase hex', () => {
    expect(verifyDrandRound(1000, R1000.signature.toUpperCase(), R1000.randomness).ok).toBe(false);
    expect(verifyDrandRound(1000, R1000.signature.slice(0, 94), R1000.randomness).ok).toBe(false);
    expect(verifyDrandRound(1000, R1000.signature, R1000.randomness.toUpperCase()).ok).toBe(false);
  });
});

describe('JSON canonicalization (RFC 8785)', () => {
  it('canonicalises {"b":1,"a":"檀木林"} to the bytes of {"a":"檀木林","b":1}', () => {
    const expected = new Uint8Array([
      ...ascii('{"a":"'),
      // 檀 U+6A80, 木 U+6728, 林 U+6797 in UTF-8, written out by hand
      0xe6,
      0xaa,
      0x80,
      0xe6,
      0x9c,
      0xa8,
      0xe6,
      0x9e,
      0x97,
      ...ascii('","b":1}'),
    ]);
    expect(new TextEncoder().encode(jcs({ b: 1, a: '檀木林' }))).toEqual(expected);
    expect(new TextEncoder().encode(jcs(parseStrictJson('{"b":1,"a":"檀木林"}')))).toEqual(expected);
  });
});

describe('the one-at-a-time path of the bulk driver agrees with @noble/hashes', () => {
  const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

  it('HMAC equals noble hmac for random keys of 0–64 bytes and messages of 0–300 bytes', () => {
    fc.assert(
      fc.property(bytes(64), fc.array(bytes(300), { minLength: 1, maxLength: 6 }), (key, msgs) => {
        msgs.forEach((m) => {
          expect(oneAtATime(m, 0, m.length, -1, key)).toBe(hex(nobleHmac(nobleSha256, key, m)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('HMAC reads only the given range of a longer buffer', () => {
    fc.assert(
      fc.property(bytes(64), bytes(300), bytes(20), (key, msg, garbage) => {
        const buf = new Uint8Array([...msg, ...garbage, 0xff]);
        expect(oneAtATime(buf, 0, msg.length, -1, key)).toBe(hex(nobleHmac(nobleSha256, key, msg)));
      }),
      { numRuns: 200 },
    );
  });

  it('HMAC equals noble hmac at every message length 0..300 (every padding boundary)', () => {
    const key = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
    for (let len = 0; len <= 300; len++) {
      const m = new Uint8Array(len).map((_, i) => (i * 151 + len) & 0xff);
      expect(oneAtATime(m, 0, len, -1, key), `length ${len}`).toBe(hex(nobleHmac(nobleSha256, key, m)));
    }
  });

  it('SHA-256 without a prefix equals noble sha256 on a random slice of random data', () => {
    fc.assert(
      fc.property(bytes(300), bytes(8), bytes(8), (data, before, after) => {
        const buf = new Uint8Array([...before, ...data, ...after]);
        expect(oneAtATime(buf, before.length, before.length + data.length)).toBe(hex(nobleSha256(data)));
      }),
      { numRuns: 300 },
    );
  });

  it('SHA-256 with a prefix byte equals noble sha256 of prefix ‖ data', () => {
    fc.assert(
      fc.property(bytes(300), fc.integer({ min: 0, max: 255 }), (data, prefix) => {
        expect(oneAtATime(data, 0, data.length, prefix)).toBe(hex(nobleSha256(new Uint8Array([prefix, ...data]))));
      }),
      { numRuns: 300 },
    );
  });

  it('SHA-256 equals noble sha256 at every length 0..300, with and without a prefix', () => {
    for (let len = 0; len <= 300; len++) {
      const m = new Uint8Array(len).map((_, i) => (i * 89 + 3 * len + 1) & 0xff);
      expect(oneAtATime(m, 0, len), `length ${len}`).toBe(hex(nobleSha256(m)));
      expect(oneAtATime(m, 0, len, 0x01), `prefixed length ${len}`).toBe(hex(nobleSha256(new Uint8Array([1, ...m]))));
    }
  });
});

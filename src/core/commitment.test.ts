import { describe, expect, it } from 'vitest';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { commitmentOf, opens } from './commitment.js';

const base = { drawId: 'demo-2020', index: 1, label: '证人 2 的骰子', value: '3', salt: 'ab'.repeat(32) };

/** The formula of the doc comment, written out byte by byte with an independent SHA-256. */
function byHand(o: typeof base): string {
  const te = new TextEncoder();
  const parts: number[] = [];
  const enc = (b: Uint8Array) => {
    parts.push((b.length >>> 24) & 255, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255, ...b);
  };
  enc(te.encode('fairdraw/commit/v1'));
  enc(te.encode(o.drawId));
  parts.push(0, 0, 0, o.index);
  enc(te.encode(o.label));
  enc(te.encode(o.value));
  enc(Uint8Array.from(o.salt.match(/../g)!.map((h) => parseInt(h, 16))));
  return Buffer.from(nobleSha256(Uint8Array.from(parts))).toString('hex');
}

describe('commitments', () => {
  it('follows the published formula', () => {
    expect(commitmentOf(base)).toBe(byHand(base));
  });

  it('binds every field: draw, slot, label, value and salt', () => {
    const c = commitmentOf(base)!;
    for (const change of [
      { drawId: 'demo-2021' },
      { index: 2 },
      { label: '证人 1 的骰子' },
      { value: '4' },
      { salt: 'ac' + 'ab'.repeat(31) },
    ]) {
      expect(opens(c, { ...base, ...change })).toBe(false);
    }
    expect(opens(c, base)).toBe(true);
  });

  it('refuses a salt that is not 32 bytes of lowercase hex, and a bad index', () => {
    expect(commitmentOf({ ...base, salt: 'ab'.repeat(31) })).toBeUndefined();
    expect(commitmentOf({ ...base, salt: 'AB'.repeat(32) })).toBeUndefined();
    expect(commitmentOf({ ...base, index: -1 })).toBeUndefined();
    expect(commitmentOf({ ...base, index: 1.5 })).toBeUndefined();
  });

  it('keeps a value and label apart (length prefixes)', () => {
    expect(commitmentOf({ ...base, label: 'a', value: 'bc' })).not.toBe(commitmentOf({ ...base, label: 'ab', value: 'c' }));
  });
});

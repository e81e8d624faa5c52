/** Sealing a witness value on a phone or the hall keyboard: the value as sealed, the salt, the code written down. */
import { describe, expect, it } from 'vitest';
import { randomSalt, sealedValue, sealingCode } from '../../web/ceremony/seal.js';

describe('sealing', () => {
  it('seals the value in NFC without surrounding spaces', () => {
    // "é" as e + combining acute becomes the one code point U+00E9.
    expect(sealedValue('  cafe\u0301 \n')).toBe('caf\u00e9');
    expect(sealedValue('\u3000')).toBe('');
  });

  it('draws 32 fresh random bytes as hex', () => {
    const a = randomSalt();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(a);
  });

  it('writes the code in groups of eight', () => {
    expect(sealingCode('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe(
      '01234567 89abcdef 01234567 89abcdef 01234567 89abcdef 01234567 89abcdef',
    );
    expect(sealingCode('0123456789')).toBe('01234567 89');
  });
});

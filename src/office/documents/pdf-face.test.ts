import { describe, expect, it } from 'vitest';
import { hash, num, rgb } from './pdf-face.js';

describe('content-stream operands', () => {
  it('writes colours as three numbers between 0 and 1, and refuses anything but #rrggbb', () => {
    expect(rgb('#000000')).toBe('0 0 0');
    expect(rgb('#ffffff')).toBe('1 1 1');
    expect(rgb('#E8ECF1')).toBe('0.91 0.925 0.945');
    expect(rgb('#808080')).toBe('0.502 0.502 0.502');
    expect(() => rgb('#fff')).toThrow(/expected #rrggbb/);
    expect(() => rgb('808080')).toThrow(/expected #rrggbb/);
  });

  it('writes coordinates to a hundredth of a point', () => {
    expect(num(10)).toBe('10');
    expect(num(595.276)).toBe('595.28');
    expect(num(-0.004)).toBe('0');
    expect(num(1.005 + 0.001)).toBe('1.01');
  });

  it('hashes text with 32-bit FNV-1a', () => {
    // FNV-1a test values: "" is the offset basis, "a" is 0xe40c292c (as a signed 32-bit number).
    expect(hash('')).toBe(0x811c9dc5 | 0);
    expect(hash('a')).toBe(0xe40c292c | 0);
    expect(hash('foobar')).toBe(0xbf9cf968 | 0);
    expect(hash('ab')).not.toBe(hash('ba'));
  });
});

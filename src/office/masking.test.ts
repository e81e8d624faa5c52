import { describe, expect, it } from 'vitest';
import { maskName } from './masking.js';

describe('maskName', () => {
  it('keeps the surname of a two-character name', () => expect(maskName('张三')).toBe('张*'));
  it('keeps surname and last character of a three-character name', () => expect(maskName('张小三')).toBe('张*三'));
  it('stars the middle of a four-character name', () => expect(maskName('张小三丰')).toBe('张**丰'));
  it('keeps a compound surname whole and stars the given name', () => expect(maskName('欧阳小明')).toBe('欧阳**'));
  it('treats a two-character name starting like a compound surname as a plain name', () => expect(maskName('欧阳')).toBe('欧*'));
  it('masks each part of a name with an interpunct', () => expect(maskName('阿依古丽·买买提')).toBe('阿***·买**'));
  it('masks Latin names word by word', () => expect(maskName('Anna Li')).toBe('A*** L*'));
  it('never returns the original name of two or more characters', () => {
    for (const n of ['李四', '王五六', '司马相如', '迪丽热巴·迪力木拉提']) expect(maskName(n)).not.toBe(n);
  });
});

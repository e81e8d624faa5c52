import { describe, expect, it } from 'vitest';
import { unitLookup } from './units.js';

describe('unitLookup', () => {
  const units = unitLookup([
    { id: 'tanmulin', name: '檀木林小学' },
    { id: 'A01', name: '塘坎上小学（东校区）' },
  ]);

  it('finds a unit by name or id, ignoring half- and full-width spaces and width forms', () => {
    expect(units.find('檀木林小学')).toBe('tanmulin');
    expect(units.find(' 檀木林 小学\u3000')).toBe('tanmulin');
    expect(units.find('tanmulin')).toBe('tanmulin');
    expect(units.find('塘坎上小学(东校区)')).toBe('A01');
    expect(units.find('Ａ01')).toBe('A01');
  });

  it('does not guess', () => {
    expect(units.find('檀木林')).toBeUndefined();
    expect(units.find('a01')).toBeUndefined();
    expect(units.find('')).toBeUndefined();
  });

  it('refuses an empty list and units that cannot be told apart', () => {
    expect(() => unitLookup([])).toThrow(expect.objectContaining({ code: 'import.no-units' }));
    expect(() =>
      unitLookup([
        { id: 'a', name: '一小' },
        { id: 'b', name: '一 小' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'import.units-ambiguous' }));
    expect(() =>
      unitLookup([
        { id: 'a', name: 'b' },
        { id: 'b', name: '二小' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'import.units-ambiguous' }));
  });
});

/** The tabs' keyboard (ARIA tabs pattern): arrows move and wrap, Home and End jump, other keys do nothing. */
import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from '../../web/shared/tabs.js';

describe('tab keys', () => {
  it('Right and Left move to the neighbour, wrapping at the ends', () => {
    expect(tabKeyTarget('ArrowRight', 0, 8)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 7, 8)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 3, 8)).toBe(2);
    expect(tabKeyTarget('ArrowLeft', 0, 8)).toBe(7);
  });
  it('Home and End go to the first and the last tab', () => {
    expect(tabKeyTarget('Home', 5, 8)).toBe(0);
    expect(tabKeyTarget('End', 2, 8)).toBe(7);
  });
  it('leaves other keys to the page (Tab, Enter, letters, Up and Down)', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'ArrowUp', 'ArrowDown']) expect(tabKeyTarget(key, 2, 8)).toBeUndefined();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeUndefined();
  });
});

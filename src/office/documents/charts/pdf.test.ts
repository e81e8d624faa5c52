import { describe, expect, it } from 'vitest';
import { sceneRows } from './pdf.js';

describe('sceneRows', () => {
  it('puts as many scenes in a row as fit the column, gaps included', () => {
    // 230 + 10 + 230 = 470 ≤ 480; a third would need 710.
    expect(sceneRows([230, 230, 230, 230, 230], 480, 10)).toEqual([
      { items: [0, 1], width: 470 },
      { items: [2, 3], width: 470 },
      { items: [4], width: 230 },
    ]);
    // Exactly full: 100 + 10 + 100 = 210.
    expect(sceneRows([100, 100, 100], 210, 10)).toEqual([
      { items: [0, 1], width: 210 },
      { items: [2], width: 100 },
    ]);
  });

  it('gives a scene wider than the column a row of its own, and no rows for no scenes', () => {
    expect(sceneRows([600, 100], 480, 10)).toEqual([
      { items: [0], width: 600 },
      { items: [1], width: 100 },
    ]);
    expect(sceneRows([], 480, 10)).toEqual([]);
  });
});

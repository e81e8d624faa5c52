/** Preparing the parent representatives' draw: the volunteers' numbers as typed or uploaded, and the request. */
import { describe, expect, it } from 'vitest';
import { prepareBody, volunteerNumbers } from '../../../web/ceremony/control/reps.js';

describe('representatives', () => {
  it('reads 报名号 separated by spaces, new lines, commas, semicolons or 、, in either width', () => {
    expect(volunteerNumbers(' A001, A002，A003;A004；A005、A006\nA007\r\n\tA008  ')).toEqual([
      'A001',
      'A002',
      'A003',
      'A004',
      'A005',
      'A006',
      'A007',
      'A008',
    ]);
    expect(volunteerNumbers(' \n，、 ')).toEqual([]);
  });

  it('sends the volunteers only when the pool is the volunteers', () => {
    expect(prepareBody(5, '公证员', 'all', ['A001'])).toEqual({ seats: 5, sourceLabel: '公证员' });
    expect(prepareBody(3, '公证员', 'volunteers', ['A001', 'A002'])).toEqual({
      seats: 3,
      sourceLabel: '公证员',
      volunteers: ['A001', 'A002'],
    });
  });
});

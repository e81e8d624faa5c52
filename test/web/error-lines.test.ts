/** A server refusal as the pages show it: the server's words in the page's language, the other one under it where asked. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/shared/api.js';
import { errorLines } from '../../web/shared/i18n.js';

const refused = new ApiError(409, { code: 'ceremony.phase', zh: '仪式尚未开始', en: 'the ceremony has not started', where: {} });

describe('errorLines', () => {
  it('gives the line in the page language, and the other language only when asked', () => {
    expect(errorLines(refused, 'zh', false)).toEqual({ main: '仪式尚未开始' });
    expect(errorLines(refused, 'en', false)).toEqual({ main: 'the ceremony has not started' });
    expect(errorLines(refused, 'zh', true)).toEqual({ main: '仪式尚未开始', other: 'the ceremony has not started' });
    expect(errorLines(refused, 'en', true)).toEqual({ main: 'the ceremony has not started', other: '仪式尚未开始' });
  });

  it('says a message without languages once (a network failure in the browser)', () => {
    expect(errorLines(new TypeError('Failed to fetch'), 'zh', true)).toEqual({ main: 'Failed to fetch' });
  });
});

import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, statusOf } from './error-codes.js';
import { FairDrawError } from './errors.js';

describe('error codes and their HTTP status', () => {
  it('answers who may ask with 401/403, state conflicts with 409, and a wait with 423/429/503', () => {
    expect(statusOf('auth.required')).toBe(401);
    expect(statusOf('auth.failed')).toBe(401);
    expect(statusOf('auth.forbidden')).toBe(403);
    expect(statusOf('auth.csrf')).toBe(403);
    expect(statusOf('auth.locked')).toBe(423);
    expect(statusOf('rate.limited')).toBe(429);
    expect(statusOf('event.status')).toBe(409);
    expect(statusOf('ceremony.drawn')).toBe(409);
    expect(statusOf('event.missing')).toBe(404);
    expect(statusOf('ceremony.link-used')).toBe(410);
    expect(statusOf('store.busy')).toBe(503);
    expect(statusOf('store.full')).toBe(507);
    expect(statusOf('import.invalid')).toBe(422);
  });

  it('answers a correctable request with 400, and a code it does not know as one', () => {
    expect(statusOf('json.bom')).toBe(400);
    expect(ERROR_STATUS['json.bom']).toBe(400);
    expect(statusOf('no.such-code')).toBe(400);
    expect(statusOf('toString')).toBe(400); // not a property of any object
  });

  it('lists codes in the form area.what, and a FairDrawError carries one', () => {
    for (const code of Object.keys(ERROR_STATUS)) expect(code).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);
    expect(new FairDrawError('event.missing', '没有', 'missing').code).toBe('event.missing');
  });
});

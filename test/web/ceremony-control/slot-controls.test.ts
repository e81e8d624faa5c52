/** What a source's row offers the operator, stage by stage. */
import { describe, expect, it } from 'vitest';
import { slotControls, witnessLink } from '../../../web/ceremony/control/slot-controls.js';
import { slot, view } from './view.js';

const sealed = { commitment: 'ab'.repeat(32), via: 'phone' as const, at: '2020-07-20T01:30:00Z' };
const entered = { value: '2020', by: 'operator', via: 'hall', at: '2020-07-20T01:40:00Z' };
const none = { substitute: false, seal: false, reveal: false, publicValue: false, drand: false };

describe('slot controls', () => {
  it('offers sealing to a witness who has not sealed, and the alternate while the witness is absent', () => {
    const w = slot(0, 'witness', { witness: '王建国', alternate: '李秀英' });
    expect(slotControls(w, view([w], 'open'), true)).toEqual({ ...none, substitute: true, seal: true });
    const substituted = { ...w, substituted: true };
    expect(slotControls(substituted, view([substituted], 'open'), true)).toEqual({ ...none, seal: true });
    const alone = slot(0, 'witness', { witness: '王建国' });
    expect(slotControls(alone, view([alone], 'open'), true)).toEqual({ ...none, seal: true });
  });

  it('offers the reveal of a sealed value only in the reveal phase', () => {
    const w = slot(0, 'witness', { alternate: '李秀英', commitment: sealed });
    expect(slotControls(w, view([w], 'open', 'commit'), true)).toEqual(none);
    expect(slotControls(w, view([w], 'open', 'reveal'), true)).toEqual({ ...none, reveal: true });
  });

  it('offers the keyboard for a public number and the beacon import for drand', () => {
    const p = slot(1, 'public');
    const d = slot(2, 'drand', { round: 1000 });
    expect(slotControls(p, view([p, d], 'open', 'public'), true)).toEqual({ ...none, publicValue: true });
    expect(slotControls(d, view([p, d], 'open', 'public'), true)).toEqual({ ...none, drand: true });
  });

  it('offers nothing once the value is in, before or after the open ceremony, or to an account that may not act', () => {
    const w = slot(0, 'witness', { alternate: '李秀英' });
    expect(slotControls({ ...w, value: entered }, view([w], 'open'), true)).toEqual(none);
    expect(slotControls(w, view([w], null), true)).toEqual(none);
    expect(slotControls(w, view([w], 'drawn'), true)).toEqual(none);
    expect(slotControls(w, view([w], 'open'), false)).toEqual(none);
  });

  it('puts the token after #, on the address phones reach', () => {
    expect(witnessLink('http://192.168.1.20:8080', 'zlj 2020', 'tok-1')).toBe('http://192.168.1.20:8080/ceremony/zlj%202020/witness#tok-1');
  });
});

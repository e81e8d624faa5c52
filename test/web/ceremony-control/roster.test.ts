/** The witness roster of the control panel: its draft from the server, when it is fixed, what is sent. */
import { describe, expect, it } from 'vitest';
import { rosterBody, rosterDraft, rosterLocked, witnessSlots } from '../../../web/ceremony/control/roster.js';
import { slot, view } from './view.js';

const sealed = { commitment: 'ab'.repeat(32), via: 'phone' as const, at: '2020-07-20T01:30:00Z' };

describe('roster', () => {
  it('names only the witness slots, starting from the names the server holds', () => {
    const v = view([slot(0, 'witness', { witness: '王建国', alternate: '李秀英' }), slot(1, 'public'), slot(2, 'witness')], 'open');
    const slots = witnessSlots(v);
    expect(slots.map((s) => s.index)).toEqual([0, 2]);
    expect(rosterDraft(slots)).toEqual({ 0: { witness: '王建国', alternate: '李秀英' }, 2: { witness: '', alternate: '' } });
  });

  it('sends every witness slot, an empty name as null', () => {
    const slots = witnessSlots(view([slot(0, 'witness'), slot(1, 'witness')], 'open'));
    expect(rosterBody(slots, { 0: { witness: '王建国', alternate: '' } })).toEqual({
      slots: [
        { index: 0, witness: '王建国', alternate: null },
        { index: 1, witness: null, alternate: null },
      ],
    });
  });

  it('is open before the ceremony and while it is open, fixed once a witness sealed or the draw ran', () => {
    expect(rosterLocked(view([slot(0, 'witness')], null))).toBe(false);
    expect(rosterLocked(view([slot(0, 'witness')], 'open'))).toBe(false);
    expect(rosterLocked(view([slot(0, 'witness', { commitment: sealed })], 'open'))).toBe(true);
    expect(rosterLocked(view([slot(0, 'witness', { commitment: sealed })], null))).toBe(true);
    expect(rosterLocked(view([slot(0, 'witness')], 'drawn'))).toBe(true);
    expect(rosterLocked(view([slot(0, 'witness')], 'halted'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { demandFromRecord, type RecordLike } from './record-data.js';

const record: RecordLike = {
  units: [
    { id: 'U1', seats: 2, admitted: ['b', 'd'], waitlist: ['a', 'c'] },
    { id: 'U2', seats: 5, admitted: ['a'], waitlist: [] },
    { id: 'U3', seats: 1, admitted: [], waitlist: [] },
  ],
  applicants: [
    { id: 'd', tickets: { U1: 'f'.repeat(64) } },
    { id: 'a', tickets: { U1: '1'.repeat(64), U2: '1'.repeat(64) } },
    { id: 'b', tickets: { U1: '2'.repeat(64) } },
    { id: 'c', tickets: { U1: '3'.repeat(64) } },
  ],
};

describe('demandFromRecord', () => {
  it('counts who listed each unit (a ticket per listed unit), in the record’s unit order, named where a name is known', () => {
    expect(demandFromRecord(record, new Map([['U2', '二小']]))).toEqual([
      { id: 'U1', name: 'U1', seats: 2, applicants: 4 },
      { id: 'U2', name: '二小', seats: 5, applicants: 1 },
      { id: 'U3', name: 'U3', seats: 1, applicants: 0 },
    ]);
  });
});

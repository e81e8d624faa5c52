/**
 * The record assembled in parts (as the two-thread engine does: applicants' tails written before the
 * assignment, stitched after it, then the rest) is byte for byte the record of the contract vectors.
 */
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../test/spec-files.js';
import { draw } from './draw.js';
import { idRanges, lineStarts } from './list.js';
import { assignedUnits, recordRest, recordRestBound, renderTails, stitchApplicants, tailSource } from './record.js';
import { fromUtf8 } from './bytes.js';

describe('record in parts', () => {
  for (const name of caseNames('vectors')) {
    it(`assembles ${name} to the same bytes as the one-pass writer`, () => {
      const c = readCase('vectors', name);
      const r = draw(c);
      const unitIds = r.rules.units.map((u) => u.id);
      const ids = idRanges(c.list, lineStarts(c.list));
      expect(Array.from({ length: r.list.size }, (_, i) => fromUtf8(c.list.subarray(ids.start[i], ids.end[i])))).toEqual(r.list.ids);
      const tails = renderTails(tailSource(r.entrants, r.tickets), unitIds, c.list, ids.start, ids.end);
      const rest = recordRest(r.header, r.units);
      const maxId = Math.max(0, ...r.list.ids.map((id) => id.length));
      const room = recordRestBound(r.header, unitIds, r.list.choiceStart[r.list.size]!, maxId);
      expect(room).toBeGreaterThanOrEqual(rest.length);
      const w = stitchApplicants(assignedUnits(r.entrants, r.assigned, r.list.size), tails, unitIds, room);
      expect(fromUtf8(w.raw(rest).bytes())).toBe(fromUtf8(r.recordBytes));
    });
  }
});

/**
 * The record assembled in parts (as the two-thread engine does: applicants' tails written before the
 * assignment, stitched after it, then the rest) is byte for byte the record of the contract vectors.
 */
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../test/spec-files.js';
import { draw } from './draw.js';
import { idRanges } from './list.js';
import { lineStarts } from './list-root.js';
import {
  assignedUnits,
  recordRest,
  recordRestBound,
  renderTails,
  stitchApplicants,
  tailsCapacity,
  tailSource,
  unitCounts,
} from './record.js';
import { idStrings, untouched } from './id-table.js';
import { fromUtf8 } from './bytes.js';

describe('record in parts', () => {
  for (const name of caseNames('vectors')) {
    it(`assembles ${name} to the same bytes as the one-pass writer`, () => {
      const c = readCase('vectors', name);
      const r = draw(c);
      const unitIds = r.rules.units.map((u) => u.id);
      const ids = idRanges(c.list, lineStarts(c.list));
      expect(idStrings(ids)).toEqual(r.list.ids);
      const rest = recordRest(r.header, r.units);
      // Unit results as plain arrays of strings (e.g. read back from JSON) give the same bytes.
      const plain = JSON.parse(JSON.stringify(r.units)) as typeof r.units;
      expect(fromUtf8(recordRest(r.header, plain))).toBe(fromUtf8(rest));
      // Counts without making strings, the same before and after they are made.
      const fresh = draw(c).units;
      for (const u of fresh) {
        const n = unitCounts(u);
        expect(untouched(u, 'admitted') && untouched(u, 'waitlist')).toBe(true);
        expect(n).toEqual({ admitted: u.admitted.length, waitlist: u.waitlist.length });
        expect(unitCounts(u)).toEqual(n);
      }
      // Unit results read like plain objects, keys in the order they always had.
      for (const u of r.units) expect(Object.keys(u)).toEqual(['id', 'seats', 'admitted', 'waitlist', 'applicants']);
      // Lists changed after they were read, or replaced, are written as they now are.
      const replaced = draw(c).units;
      for (const u of replaced) u.waitlist = ['zz-replaced'];
      expect(fromUtf8(recordRest(r.header, replaced))).toContain('"waitlist":["zz-replaced"]');
      const changed = draw(c).units;
      for (const u of changed) u.admitted.push('zz-added');
      expect(fromUtf8(recordRest(r.header, changed))).toContain('"zz-added"');
      const maxId = Math.max(0, ...r.list.ids.map((id) => id.length));
      const choices = r.list.choiceStart[r.list.size]!;
      const restRoom = recordRestBound(r.header, unitIds, choices, maxId);
      expect(restRoom).toBeGreaterThanOrEqual(rest.length);
      // With a buffer sized to hold the whole record, and with one too small (it must grow).
      for (const capacity of [tailsCapacity(r.list.size, c.list.length, choices, unitIds, restRoom), 16]) {
        const tails = renderTails(tailSource(r.entrants, r.tickets), unitIds, ids, capacity);
        const w = stitchApplicants(assignedUnits(r.entrants, r.assigned, r.list.size), tails, unitIds);
        expect(fromUtf8(w.raw(rest).bytes())).toBe(fromUtf8(r.recordBytes));
      }
      expect(tailsCapacity(r.list.size, c.list.length, choices, unitIds, restRoom)).toBeGreaterThanOrEqual(r.recordBytes.length);
    });
  }
});

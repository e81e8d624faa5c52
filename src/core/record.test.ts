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
import { idStrings, packIds } from './id-table.js';
import { fromUtf8 } from './bytes.js';

describe('record in parts', () => {
  for (const name of caseNames('vectors')) {
    it(`assembles ${name} to the same bytes as the one-pass writer`, () => {
      const c = readCase('vectors', name);
      const r = draw(c);
      const unitIds = r.rules.units.map((u) => u.id);
      const ids = idRanges(c.list, lineStarts(c.list));
      const listIds = idStrings(r.list.idTable);
      expect(idStrings(ids)).toEqual(listIds);
      const rest = recordRest(r.header, r.units);
      // Counts without making strings.
      for (const u of r.units) {
        expect(unitCounts(u)).toEqual({ admitted: idStrings(u.admitted).length, waitlist: idStrings(u.waitlist).length });
      }
      // Unit results keep their fields in the record's order (§9).
      for (const u of r.units) expect(Object.keys(u)).toEqual(['id', 'seats', 'admitted', 'waitlist', 'applicants']);
      // The lists as they are held are the ones written.
      const changed = draw(c).units.map((u) => ({ ...u, waitlist: packIds(['zz-replaced']) }));
      expect(fromUtf8(recordRest(r.header, changed))).toContain('"waitlist":["zz-replaced"]');
      const maxId = Math.max(0, ...listIds.map((id) => id.length));
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

/** The reference implementation against the contract: every vector byte for byte, every refusal refused. */
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../../test/spec-files.js';
import { fromUtf8 } from '../bytes.js';
import { jcs, type Json } from '../encoding.js';
import { FairDrawError } from '../errors.js';
import { referenceDraw } from './draw.js';

/** The published record without `extra`, in canonical form (how §9 compares two records). */
function canonical(bytes: Uint8Array): string {
  const doc = JSON.parse(fromUtf8(bytes)) as { [k: string]: Json };
  delete doc.extra;
  return jcs(doc);
}

describe('the reference draw', () => {
  for (const name of caseNames('vectors')) {
    it(`reproduces the vector ${name} byte for byte`, () => {
      const c = readCase('vectors', name);
      expect(fromUtf8(referenceDraw(c))).toBe(canonical(c.record!));
    });
  }
  for (const name of caseNames('reject')) {
    it(`refuses ${name}`, () => {
      expect(() => referenceDraw(readCase('reject', name))).toThrow(FairDrawError);
    });
  }
});

/** Refusals the contract implies beyond its reject cases: byte-order marks, -0, non-object records. */
import { describe, expect, it } from 'vitest';
import { readCase } from '../../test/spec-files.js';
import { concat } from './bytes.js';
import { draw } from './draw.js';
import { FairDrawError } from './errors.js';
import { verify } from './verify.js';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const tiny = readCase('vectors', 'tiny');

function refusal(run: () => unknown): FairDrawError {
  try {
    run();
  } catch (e) {
    if (e instanceof FairDrawError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('byte-order marks', () => {
  it('refuses a rules file that starts with a BOM', () => {
    const e = refusal(() => draw({ ...tiny, rules: concat([BOM, tiny.rules]) }));
    expect(e.code).toBe('json.bom');
    expect(e.where.file).toBe('rules.json');
  });
  it('refuses a sources file that starts with a BOM', () => {
    const e = refusal(() => draw({ ...tiny, sources: concat([BOM, tiny.sources]) }));
    expect(e.code).toBe('json.bom');
    expect(e.where.file).toBe('sources.json');
  });
  it('refuses a list that starts with a BOM', () => {
    const e = refusal(() => draw({ ...tiny, list: concat([BOM, tiny.list]) }));
    expect(e.code).toBe('list.bom');
    expect(e.where.line).toBe(1);
  });
  it('refuses a record that starts with a BOM', () => {
    const e = refusal(() => verify(tiny, concat([BOM, tiny.record!])));
    expect(e.code).toBe('json.bom');
    expect(e.where.file).toBe('record.json');
  });
});

describe('numbers and shapes', () => {
  it('refuses -0 as a non-canonical number', () => {
    const rules = new TextEncoder().encode(new TextDecoder().decode(tiny.rules).replace('"seats":2', '"seats":-0'));
    const e = refusal(() => draw({ ...tiny, rules }));
    expect(e.code).toBe('json.negative-zero');
    expect(e.where.field).toBe('units[0].seats');
  });
  it('refuses a record that is not an object', () => {
    const e = refusal(() => verify(tiny, new TextEncoder().encode('[]')));
    expect(e.code).toBe('record.shape');
  });
  it('refuses list lines that are not UTF-8, naming the line', () => {
    const list = concat([tiny.list.subarray(0, tiny.list.indexOf(0x0a) + 1), new Uint8Array([0xff, 0x0a])]);
    const e = refusal(() => draw({ ...tiny, list }));
    expect(e.code).toBe('file.utf8');
    expect(e.where.line).toBe(2);
  });
});

/** audit.json as the bundle check reads it: a file that is not UTF-8 or not strict JSON is a refusal, not a crash. */
import { describe, expect, it } from 'vitest';
import { readAudit } from './audit-file.js';

describe('readAudit', () => {
  it('has nothing to say when no audit.json is given', () => {
    expect(readAudit(undefined)).toEqual({});
  });

  it('refuses bytes that are not UTF-8, naming the file', () => {
    const { file, error } = readAudit(Uint8Array.from([0x7b, 0xff, 0x7d]));
    expect(file).toBeUndefined();
    expect(error?.code).toBe('file.utf8');
    expect(error?.where).toEqual({ file: 'audit.json' });
  });

  it('refuses JSON the strict reader refuses (a duplicate key)', () => {
    const { error } = readAudit(new TextEncoder().encode('{"a":1,"a":2}'));
    expect(error?.code).toBe('json.duplicate-key');
    expect(error?.where.file).toBe('audit.json');
  });
});

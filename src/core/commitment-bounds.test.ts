import { describe, expect, it } from 'vitest';
import { COMMIT_ACTION, REPLACE_ACTION, REVEAL_ACTION, commitmentOf } from './commitment.js';

const base = { drawId: 'demo-2020', index: 0, label: '证人 1 的骰子', value: '3', salt: '5a'.repeat(32) };

describe('commitment slots', () => {
  it('accepts the first and the last slot a u32 can name', () => {
    expect(commitmentOf({ ...base, index: 0 })).toMatch(/^[0-9a-f]{64}$/);
    expect(commitmentOf({ ...base, index: 0xffffffff })).toMatch(/^[0-9a-f]{64}$/);
    expect(commitmentOf({ ...base, index: 0xffffffff })).not.toBe(commitmentOf({ ...base, index: 0 }));
  });

  it('refuses a slot past u32 rather than letting it wrap onto slot 0', () => {
    expect(commitmentOf({ ...base, index: 2 ** 32 })).toBeUndefined();
    expect(commitmentOf({ ...base, index: 2 ** 32 + 1 })).toBeUndefined();
  });
});

describe('protocol actions', () => {
  it('are named as the verifiers read them from the audit log', () => {
    expect([COMMIT_ACTION, REVEAL_ACTION, REPLACE_ACTION]).toEqual(['ceremony.commit', 'ceremony.reveal', 'ceremony.replace']);
  });
});

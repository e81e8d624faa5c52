import { describe, expect, it } from 'vitest';
import { nextEntry, type AuditEntry } from '../audit.js';
import { commitmentOf } from '../commitment.js';
import { drandRoundTime } from '../drand.js';
import type { Json } from '../encoding.js';
import type { DeclaredSource } from '../rules.js';
import type { Source } from '../sources.js';
import { checkSealed } from './sealed.js';

const DRAW = 'zlj2020';
const SALT = ['11', '22', '33'].map((b) => b.repeat(32));
const declared: DeclaredSource[] = [
  { kind: 'witness', label: '家长代表' },
  { kind: 'public', label: '福彩3D' },
  { kind: 'witness', label: '公证员' },
];
const sources: Source[] = [
  { kind: 'witness', label: '家长代表', value: '418305' },
  { kind: 'public', label: '福彩3D', value: '527' },
  { kind: 'witness', label: '公证员', value: '3,6,1,5,2,4' },
];
const ROUND = 9_000_000;
const withDrand: DeclaredSource[] = [...declared, { kind: 'drand', chain: 'x', round: ROUND }];

type Step = [action: string, details: Json, at?: string];

function log(steps: Step[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  const base = Date.parse('2026-06-01T09:00:00Z');
  for (const [action, details, at] of steps) {
    out.push(
      nextEntry(out[out.length - 1], {
        event: DRAW,
        at: at ?? new Date(base + out.length * 1000).toISOString(),
        actor: 'x',
        action,
        details,
      }),
    );
  }
  return out;
}

const commit = (index: number, value: string, salt = SALT[index]!): Step => {
  const label = (declared[index] as { label: string }).label;
  return ['ceremony.commit', { index, label, commitment: commitmentOf({ drawId: DRAW, index, label, value, salt })!, via: 'phone' }];
};
const reveal = (index: number, value: string, salt = SALT[index]!): Step => [
  'ceremony.reveal',
  { index, label: (declared[index] as { label: string }).label, value, salt },
];
const replace = (index: number, value: string): Step => [
  'ceremony.replace',
  { index, label: (declared[index] as { label: string }).label, value, reason: '未在规定时间内揭示，按规则由候补见证人数值替换' },
];

const good: Step[] = [['event.freeze', {}], commit(0, '418305'), commit(2, '3,6,1,5,2,4'), reveal(2, '3,6,1,5,2,4'), reveal(0, '418305')];

describe('checkSealed', () => {
  it('accepts every witness value committed, then revealed with the value of sources.json', () => {
    expect(checkSealed(DRAW, declared, sources, log(good))).toEqual({ ok: true, committed: 2, revealed: 2, replaced: 0 });
  });

  it('accepts a value replaced as the rules say when its witness did not reveal', () => {
    const r = checkSealed(
      DRAW,
      declared,
      sources,
      log([commit(0, '418305'), commit(2, '9'), reveal(0, '418305'), replace(2, '3,6,1,5,2,4')]),
    );
    expect(r).toEqual({ ok: true, committed: 2, revealed: 1, replaced: 1 });
  });

  it('refuses a witness value that was never committed', () => {
    const r = checkSealed(DRAW, declared, sources, log([commit(0, '418305'), reveal(0, '418305')]));
    expect(r).toMatchObject({ ok: false, path: 'sources[2]' });
    if (!r.ok) expect(r.zh).toMatch(/公证员.*没有承诺/);
  });

  it('refuses a value in sources.json other than the one revealed', () => {
    const other = sources.map((s, i) => (i === 0 ? { ...s, value: '418306' } : s)) as Source[];
    const r = checkSealed(DRAW, declared, other, log(good));
    expect(r).toMatchObject({ ok: false, path: 'sources[0].value' });
  });

  it('refuses a reveal that does not open its commitment (another value, another salt)', () => {
    const steps = [...good];
    steps[4] = ['ceremony.reveal', { index: 0, label: '家长代表', value: '418305', salt: SALT[1]! }];
    expect(checkSealed(DRAW, declared, sources, log(steps))).toMatchObject({ ok: false, path: 'entries[4].details' });
    // A commitment to another value, revealed with the value that suits the revealer:
    const swapped = [commit(0, '111111'), commit(2, '3,6,1,5,2,4'), reveal(0, '418305'), reveal(2, '3,6,1,5,2,4')];
    expect(checkSealed(DRAW, declared, sources, log(swapped))).toMatchObject({ ok: false, path: 'entries[2].details' });
  });

  it('refuses a commitment made for another draw', () => {
    const foreign: Step = [
      'ceremony.commit',
      {
        index: 0,
        label: '家长代表',
        commitment: commitmentOf({ drawId: 'other', index: 0, label: '家长代表', value: '418305', salt: SALT[0]! })!,
        via: 'hall',
      },
    ];
    const r = checkSealed(DRAW, declared, sources, log([foreign, commit(2, '3,6,1,5,2,4'), reveal(0, '418305'), reveal(2, '3,6,1,5,2,4')]));
    expect(r).toMatchObject({ ok: false, path: 'entries[2].details' });
  });

  it('refuses a commitment after the first reveal', () => {
    const r = checkSealed(
      DRAW,
      declared,
      sources,
      log([commit(0, '418305'), reveal(0, '418305'), commit(2, '3,6,1,5,2,4'), reveal(2, '3,6,1,5,2,4')]),
    );
    expect(r).toMatchObject({ ok: false, path: 'entries[2]' });
    if (!r.ok) expect(r.en).toMatch(/after a value was revealed \(entry 2\)/);
  });

  it('refuses a source committed twice, revealed twice, or revealed without a commitment', () => {
    expect(checkSealed(DRAW, declared, sources, log([commit(0, '418305'), commit(0, '1'), ...good.slice(2)]))).toMatchObject({
      ok: false,
      path: 'entries[1]',
    });
    expect(checkSealed(DRAW, declared, sources, log([...good, reveal(0, '418305')]))).toMatchObject({ ok: false, path: 'entries[5]' });
    expect(checkSealed(DRAW, declared, sources, log([commit(0, '418305'), reveal(2, '3,6,1,5,2,4')]))).toMatchObject({
      ok: false,
      path: 'entries[1]',
    });
  });

  it('refuses a commitment for a public number or for a slot that is not declared, and a wrong label', () => {
    expect(
      checkSealed(
        DRAW,
        declared,
        sources,
        log([['ceremony.commit', { index: 1, label: '福彩3D', commitment: 'a'.repeat(64), via: 'hall' }], ...good]),
      ),
    ).toMatchObject({ ok: false, path: 'entries[0].details.index' });
    expect(
      checkSealed(
        DRAW,
        declared,
        sources,
        log([['ceremony.commit', { index: 7, label: 'x', commitment: 'a'.repeat(64), via: 'hall' }], ...good]),
      ),
    ).toMatchObject({ ok: false, path: 'entries[0].details.index' });
    expect(
      checkSealed(
        DRAW,
        declared,
        sources,
        log([['ceremony.commit', { index: 0, label: '公证员', commitment: 'a'.repeat(64), via: 'hall' }]]),
      ),
    ).toMatchObject({ ok: false, path: 'entries[0].details.label' });
  });

  describe('with a drand round', () => {
    const t = drandRoundTime(ROUND) * 1000;
    const iso = (ms: number): string => new Date(ms).toISOString();
    const dated = (steps: Step[], ats: number[]): Step[] => steps.map(([a, d], i) => [a, d, iso(ats[i]!)]);
    const withSources: Source[] = [...sources, { kind: 'drand', chain: 'x', round: ROUND, randomness: '', signature: '' }];

    it('accepts commitments and reveals all before the round', () => {
      const steps = dated(good.slice(1), [t - 60_000, t - 50_000, t - 40_000, t - 1]);
      expect(checkSealed(DRAW, withDrand, withSources, log(steps)).ok).toBe(true);
    });

    it('refuses a reveal at or after the round time', () => {
      const steps = dated(good.slice(1), [t - 60_000, t - 50_000, t - 40_000, t]);
      const r = checkSealed(DRAW, withDrand, withSources, log(steps));
      expect(r).toMatchObject({ ok: false, path: 'entries[3].at' });
      if (!r.ok) expect(r.en).toMatch(`drand round ${ROUND}`);
    });

    it('refuses a commitment after the round time', () => {
      const steps = dated(good.slice(1), [t - 60_000, t + 3000, t + 4000, t + 5000]);
      expect(checkSealed(DRAW, withDrand, withSources, log(steps))).toMatchObject({ ok: false, path: 'entries[1].at' });
    });
  });

  it('has nothing to check without witness sources', () => {
    const pub: DeclaredSource[] = [{ kind: 'public', label: '福彩3D' }];
    expect(checkSealed(DRAW, pub, [sources[1]!], log([['event.freeze', {}]]))).toEqual({
      ok: true,
      committed: 0,
      revealed: 0,
      replaced: 0,
    });
  });
});

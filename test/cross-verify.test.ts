/**
 * Two implementations that share no code must agree: records the TypeScript engine computes for
 * random instances of every mechanism, tie-break and group rule are checked by the Python verifier.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../bench/generate.js';
import { draw } from '../src/core/draw.js';
import { repoRoot } from './spec-files.js';

const tmp = mkdtempSync(join(tmpdir(), 'fairdraw-cross-'));
const verifier = join(repoRoot, 'verifier', 'fairdraw_verify.py');

function python(args: string[]): { code: number; out: string } {
  const r = spawnSync('python3', [verifier, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('the Python verifier accepts what the engine computes', () => {
  const mechanisms = ['deferred-acceptance', 'immediate-acceptance'] as const;
  const tieBreaks = ['single', 'multiple'] as const;
  const fits = ['strict', 'overflow'] as const;
  let seed = 7;
  for (const mechanism of mechanisms)
    for (const tieBreak of tieBreaks)
      for (const groupFit of fits) {
        it(`agrees on random ${mechanism} / ${tieBreak} / ${groupFit} draws`, () => {
          for (let k = 0; k < 3; k++) {
            const g = generate({
              applicants: 60 + k * 70,
              units: 2 + k * 2,
              maxChoices: 3,
              seatsRatio: 0.4,
              groupShare: 0.15,
              mechanism,
              tieBreak,
              groupFit,
              seed: seed++,
            });
            const r = draw(g);
            const dir = join(tmp, `${mechanism}-${tieBreak}-${groupFit}-${k}`);
            spawnSync('mkdir', ['-p', dir]);
            writeFileSync(join(dir, 'rules.json'), g.rules);
            writeFileSync(join(dir, 'list.jsonl'), g.list);
            writeFileSync(join(dir, 'sources.json'), g.sources);
            writeFileSync(join(dir, 'record.json'), r.recordBytes);
            const files = ['--rules', join(dir, 'rules.json'), '--list', join(dir, 'list.jsonl'), '--sources', join(dir, 'sources.json')];
            const ok = python([...files, '--record', join(dir, 'record.json')]);
            expect(ok.out.trim()).toBe('valid');
            expect(ok.code).toBe(0);
            // And it is not a verifier that says valid to anything: one admitted id moved.
            const rec = JSON.parse(Buffer.from(r.recordBytes).toString('utf8')) as { units: { admitted: string[]; waitlist: string[] }[] };
            const unit = rec.units.find((u) => u.admitted.length > 0 && u.waitlist.length > 0);
            if (unit) {
              [unit.admitted[0], unit.waitlist[0]] = [unit.waitlist[0]!, unit.admitted[0]!];
              writeFileSync(join(dir, 'tampered.json'), JSON.stringify(rec));
              const bad = python([...files, '--record', join(dir, 'tampered.json')]);
              expect(bad.code).toBe(1);
            }
          }
        });
      }
});

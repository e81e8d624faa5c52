/** The two-thread draw gives byte for byte the single-threaded core's record. */
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { draw, parseInputs } from '../src/core/draw.js';
import { computeTicketsInParallel, drawInParallel, Helper, HELPER_FILE, PARALLEL_MIN_BYTES, threadsOf } from '../src/engine/parallel.js';
import { buildEntrants, computeTickets } from '../src/core/ticket.js';
import { idStrings } from '../src/core/id-table.js';
import type { UnitResult } from '../src/core/record.js';
import { FairDrawError } from '../src/core/errors.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { repoRoot } from './spec-files.js';
import { fairdraw } from './cli-run.js';

/** A unit's result with its id tables as strings (deep equality over the list's whole byte buffer is slow). */
const listed = (u: UnitResult) => ({ ...u, admitted: idStrings(u.admitted), waitlist: idStrings(u.waitlist) });

describe('drawInParallel', () => {
  const cases = [
    { what: '40 units, up to 3 choices, 75,000 lines', applicants: 75_000, units: 40, maxChoices: 3, seatsRatio: 0.5, seed: 99 },
    // 2^15 lines: the Merkle tree is one piece, which the helper hashes alone.
    { what: 'one unit in several tiers, 2^15 lines', applicants: 32_768, units: 1, maxChoices: 1, seatsRatio: 0.3, seed: 7 },
  ];
  for (const { what, ...shape } of cases) {
    for (const tieBreak of ['single', 'multiple'] as const) {
      it(`matches the core exactly with ${tieBreak} tickets: ${what}`, async () => {
        const g = generate({ ...shape, groupShare: 0.05, mechanism: 'deferred-acceptance', tieBreak });
        expect(g.list.length).toBeGreaterThan(PARALLEL_MIN_BYTES);
        const two = await drawInParallel(g, 2);
        const one = draw(g);
        expect(two.list.size).toBe(shape.applicants);
        expect(two.header.listRoot).toBe(one.header.listRoot);
        expect(Buffer.from(two.recordBytes).equals(Buffer.from(one.recordBytes))).toBe(true);
        expect(two.units.map(listed)).toEqual(one.units.map(listed));
        expect(Array.from(two.assigned)).toEqual(Array.from(one.assigned));
      }, 120_000);
    }
  }

  it('fails the tasks of a helper thread that has stopped, instead of waiting for them', async () => {
    const helper = Helper.start();
    await helper.close();
    await expect(helper.run({ task: 'finish', rest: new Uint8Array(0) })).rejects.toThrow(/stopped/);
  });

  it('refuses a bad list the same way as the core, naming the line', async () => {
    const g = generate({
      applicants: 75_000,
      units: 4,
      maxChoices: 2,
      seatsRatio: 0.5,
      groupShare: 0,
      mechanism: 'immediate-acceptance',
      tieBreak: 'single',
      seed: 5,
    });
    const text = Buffer.from(g.list).toString('utf8').split('\n');
    text[500] = text[500]!.replace('"tier":1', '"tier":0').replace('"tier":2', '"tier":0').replace('"tier":3', '"tier":0');
    const bad = { ...g, list: new Uint8Array(Buffer.from(text.join('\n'))) };
    const e = await drawInParallel(bad, 2).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FairDrawError);
    expect((e as FairDrawError).where.line).toBe(501);
  }, 120_000);

  for (const tieBreak of ['single', 'multiple'] as const) {
    it(`computes the same ${tieBreak} tickets on two threads as the core on one`, async () => {
      const g = generate({
        applicants: 3_000,
        units: 5,
        maxChoices: 3,
        seatsRatio: 0.5,
        groupShare: 0.1,
        mechanism: 'deferred-acceptance',
        tieBreak,
        seed: 3,
      });
      const entrants = buildEntrants(parseInputs(g).list);
      const units = parseInputs(g).rules.rules.units;
      const seed = new Uint8Array(32).map((_, i) => i * 7);
      const two = await computeTicketsInParallel(seed, entrants, units, tieBreak);
      const one = computeTickets(seed, entrants, units, tieBreak);
      expect(two.perPair).toBe(one.perPair);
      expect(Buffer.from(two.words.buffer).equals(Buffer.from(one.words.buffer))).toBe(true);
    });
  }

  it("loads the helper's code only from the project's own build", () => {
    expect(HELPER_FILE).toBe(join(repoRoot, 'dist', 'engine', 'worker-tasks.js'));
    expect(existsSync(HELPER_FILE)).toBe(true);
  });

  it('never runs a file planted where the helper used to be built, in the temporary folder', () => {
    // The engine once bundled the helper at run time into <tmp>/fairdraw-engine/worker-<key>.mjs
    // and loaded that file whenever it existed. <key> was this hash of the engine's sources.
    const key = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
    for (const dir of [join(repoRoot, 'src', 'core'), join(repoRoot, 'src', 'engine')]) {
      const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
      for (const f of files) key.update(`${dir}/${f}\n`).update(readFileSync(join(dir, f)));
    }
    key.update(readFileSync(join(repoRoot, 'package-lock.json')));
    const tmp = mkdtempSync(join(tmpdir(), 'fairdraw-planted-'));
    const marker = join(tmp, 'planted-code-ran');
    mkdirSync(join(tmp, 'fairdraw-engine'));
    const planted = `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nprocess.exit(3);\n`;
    writeFileSync(join(tmp, 'fairdraw-engine', `worker-${key.digest('hex').slice(0, 16)}.mjs`), planted);

    // A list big enough for the helper thread, drawn by the real command with that temporary folder.
    const g = generate({
      applicants: 20_000,
      units: 3,
      maxChoices: 2,
      seatsRatio: 0.5,
      groupShare: 0,
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      seed: 11,
    });
    expect(g.list.length).toBeGreaterThan(PARALLEL_MIN_BYTES);
    for (const f of ['rules', 'list', 'sources'] as const) writeFileSync(join(tmp, f), g[f]);
    const out = join(tmp, 'record.json');
    const env = { TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    const r = fairdraw(
      [
        'draw',
        '--rules',
        join(tmp, 'rules'),
        '--list',
        join(tmp, 'list'),
        '--sources',
        join(tmp, 'sources'),
        '--out',
        out,
        '--threads',
        '2',
      ],
      env,
    );
    expect(existsSync(marker)).toBe(false);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(draw(g).recordBytes))).toBe(true);
  }, 120_000);

  it('reads --threads', () => {
    expect(threadsOf(undefined)).toBe(2);
    expect(threadsOf('1')).toBe(1);
    expect(() => threadsOf('zero')).toThrow(FairDrawError);
  });
});

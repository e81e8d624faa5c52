/** The two-thread draw gives byte for byte the single-threaded core's record. */
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { draw, parseInputs } from '../src/core/draw.js';
import { computeTicketsInParallel, drawInParallel, Helper, PARALLEL_MIN_BYTES, threadsOf } from '../src/engine/parallel.js';
import { buildEntrants, computeTickets } from '../src/core/ticket.js';
import { FairDrawError } from '../src/core/errors.js';
import { builtWorkerFile, workerFile } from '../src/engine/worker-file.js';
import { existsSync, readFileSync } from 'node:fs';

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
        expect(two.units).toEqual(one.units);
        expect(Array.from(two.assigned)).toEqual(Array.from(one.assigned));
      }, 120_000);
    }
  }

  it('fails the tasks of a helper thread that has stopped, instead of waiting for them', async () => {
    const helper = await Helper.start();
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

  it('builds the helper bundle once and then finds it without building', async () => {
    const file = await workerFile();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('renderTails');
    expect(builtWorkerFile()).toBe(file);
  });

  it('reads --threads', () => {
    expect(threadsOf(undefined)).toBe(2);
    expect(threadsOf('1')).toBe(1);
    expect(() => threadsOf('zero')).toThrow(FairDrawError);
  });
});

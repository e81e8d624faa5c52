/**
 * A real office on a fresh database, with a clock tests can move: SQLite in a temporary folder, or,
 * on the PostgreSQL run (FAIRDRAW_TEST_STORE=postgres), a fresh schema on the test cluster with the
 * keys in the temporary folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOffice } from '../../src/app.js';
import type { Clock, Random } from '../../src/office/ports.js';
import { samplesDir } from '../spec-files.js';
import { FairDrawError } from '../../src/core/errors.js';
import { databaseFor } from '../pg-cluster.js';

export { samplesDir };

export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(samplesDir, name)));
}

export class TestClock implements Clock {
  constructor(public t = new Date('2026-06-01T09:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** Registration numbers from a seeded generator, so a test's draw is the same on every run. */
export function seededRandom(seed = 42): Random {
  let s = seed >>> 0 || 1;
  const next = (n: number): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
  const A = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const pick = (k: number): string => Array.from({ length: k }, () => A[next(A.length)]).join('');
  return {
    registrationNumber: () => pick(10),
    groupId: () => `G${pick(8)}`,
    rehearsalValue: () => String(next(1_000_000)).padStart(6, '0'),
    salt: () =>
      Array.from({ length: 8 }, () => next(0x10000).toString(16).padStart(4, '0'))
        .join('')
        .repeat(2),
  };
}

export async function testOffice(clock = new TestClock(), random = seededRandom()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-office-'));
  const office = await openOffice({ dataDir, clock, random, database: databaseFor(dataDir) });
  return { office, clock, dataDir };
}

/** The FairDrawError a refused operation throws (any other outcome fails the test). */
export async function refusal(p: Promise<unknown>): Promise<FairDrawError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FairDrawError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

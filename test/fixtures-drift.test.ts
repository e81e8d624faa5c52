/**
 * The contract's vectors, refusal cases and the sample workbooks are kept in the repository
 * (test/fixtures/), so a clone runs its tests with nothing beside it. Where the originals sit beside
 * the checkout (`../shared/spec`, `../shared/samples`), the copies must equal them file for file and
 * byte for byte, so the two never drift. Without the originals this test is skipped, never passed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, samplesDir, specDir } from './spec-files.js';

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

const originals = resolve(repoRoot, '..', 'shared');

describe('the repository keeps exact copies of the shared contract and samples', () => {
  for (const [name, copy] of [
    ['spec', specDir],
    ['samples', samplesDir],
  ] as const) {
    const original = join(originals, name);
    it.skipIf(!existsSync(original))(`test/fixtures matches ../shared/${name}`, () => {
      const files = filesUnder(original);
      expect(files.length).toBeGreaterThan(0);
      expect(filesUnder(copy)).toEqual(files);
      const differing = files.filter((f) => !readFileSync(join(original, f)).equals(readFileSync(join(copy, f))));
      expect(differing).toEqual([]);
    });
  }
});

/** Where the contract's vectors and refusal cases live: the repository's copy, test/fixtures/contract. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const specDir = join(repoRoot, 'test', 'fixtures', 'contract');
/** The invented applicant workbooks and CSV files: test/fixtures/samples. */
export const samplesDir = join(repoRoot, 'test', 'fixtures', 'samples');

if (!existsSync(join(specDir, 'draw-v1.md'))) {
  throw new Error(`contract not found at ${specDir}`);
}

export function caseNames(kind: 'vectors' | 'reject'): string[] {
  return readdirSync(join(specDir, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export interface CaseFiles {
  dir: string;
  rules: Uint8Array;
  list: Uint8Array;
  sources: Uint8Array;
  record?: Uint8Array;
  why?: string;
}

export function readCase(kind: 'vectors' | 'reject', name: string): CaseFiles {
  const dir = join(specDir, kind, name);
  const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));
  const c: CaseFiles = { dir, rules: read('rules.json'), list: read('list.jsonl'), sources: read('sources.json') };
  if (existsSync(join(dir, 'record.json'))) c.record = read('record.json');
  if (existsSync(join(dir, 'why.txt'))) c.why = readFileSync(join(dir, 'why.txt'), 'utf8').trim();
  return c;
}

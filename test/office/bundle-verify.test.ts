/**
 * The public bundle the office exports, checked whole by `fairdraw verify --bundle` and by the
 * independent Python verifier: valid as exported; one flipped byte in any file refused, naming
 * the file and the place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { publicBundle, writeBundle } from '../../src/office/exports/bundle.js';
import { verifyBundleDir, BUNDLE_FILES } from '../../src/cli/commands/verify.js';
import { repoRoot } from '../spec-files.js';
import { fairdraw } from '../cli-run.js';
import { testOffice } from './harness.js';
import { auditedEvent, EVENT } from './audited-event.js';

let dir = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const t = await testOffice();
  close = () => t.office.close();
  await auditedEvent(t.office);
  dir = mkdtempSync(join(tmpdir(), 'fairdraw-bundle-'));
  writeBundle(await publicBundle(t.office, EVENT), dir);
  // FAIRDRAW_WRITE_BUNDLE_FIXTURE=DIR refreshes the Python verifier's fixture from this bundle.
  if (process.env.FAIRDRAW_WRITE_BUNDLE_FIXTURE) cpSync(dir, process.env.FAIRDRAW_WRITE_BUNDLE_FIXTURE, { recursive: true });
}, 120_000);
afterAll(async () => close());

function node(folder: string): { code: number; text: string } {
  const lines: string[] = [];
  const code = verifyBundleDir(folder, { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) } as never);
  return { code, text: lines.join('\n') };
}

function python(folder: string): { code: number; text: string } {
  const r = spawnSync('python3', [join(repoRoot, 'verifier', 'fairdraw_verify.py'), '--bundle', folder], { encoding: 'utf8' });
  return { code: r.status ?? -1, text: `${r.stdout}${r.stderr}` };
}

/** A copy of the bundle with byte `at` of `file` flipped (its lowest bit). */
function flipped(file: string, at: number): string {
  const copy = mkdtempSync(join(tmpdir(), 'fairdraw-flip-'));
  cpSync(dir, copy, { recursive: true });
  const bytes = readFileSync(join(copy, file));
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(join(copy, file), bytes);
  return copy;
}

describe('the exported bundle', () => {
  it('is valid for the command line, naming the notary key and the head', () => {
    const r = fairdraw(['verify', '--bundle', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid$/m);
    expect(r.stdout).toMatch(/notary key fingerprint 公证员公钥指纹 [0-9a-f]{4} /);
    expect(r.stdout).toMatch(/ok {3}sealed: 2 witness value\(s\) were committed before any reveal/);
  }, 60_000);

  it('is valid for the Python verifier', () => {
    const r = python(dir);
    expect(r.text).toMatch(/^valid \(every file of the bundle; no drand source\)/);
    expect(r.code).toBe(0);
  }, 60_000);

  for (const file of BUNDLE_FILES) {
    it(`one flipped byte in ${file} is refused by both, with the file and the place`, () => {
      const size = readFileSync(join(dir, file)).length;
      for (const at of [0, Math.floor(size / 3), Math.floor(size / 2), Math.floor((2 * size) / 3), size - 1]) {
        const copy = flipped(file, at);
        const n = node(copy);
        expect(n.code, `node accepted ${file} byte ${at}`).not.toBe(0);
        expect(n.text).toMatch(/^invalid: .+/m);
        const p = python(copy);
        expect(p.code, `python accepted ${file} byte ${at}: ${p.text}`).not.toBe(0);
        // Python names the file itself (or, for a refused contract input, the file and line).
        expect(p.text).toMatch(/(invalid|error): (rules\.json|list\.jsonl|sources\.json|record\.json|audit\.json|organiser\.pub)/);
      }
    }, 120_000);
  }
});

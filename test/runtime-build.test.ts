/**
 * What a bureau runs is the plain JavaScript in dist/ (npm run build:dist): it must need nothing
 * but Node and the runtime dependencies — no TypeScript loader, no bundler, no development tool.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './spec-files.js';
import { fairdraw } from './cli-run.js';

const dist = join(repoRoot, 'dist');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The packages a JavaScript file imports (statically, dynamically or for its side effects). */
function importedPackages(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /(?:^|\n)\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /(?:^|\n)\s*import\s*["']([^"']+)["']/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found]
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('the built JavaScript', () => {
  const files = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));

  it('is plain JavaScript for every module of src/, tests left out', () => {
    expect(files).toContain(join('cli', 'main.js'));
    expect(files).toContain(join('engine', 'worker-tasks.js'));
    expect(files).toContain(join('server', 'app.js'));
    expect(files.filter((f) => /\.test\.js$|test-support\.js$/.test(f))).toEqual([]);
    expect((readdirSync(dist, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f))).toEqual([]);
  });

  it('imports only runtime dependencies and Node built-ins', () => {
    const used = new Map<string, string>();
    for (const f of [...files.map((f) => join(dist, f)), join(repoRoot, 'bin', 'fairdraw.js')]) {
      for (const p of importedPackages(readFileSync(f, 'utf8'))) used.set(p, f);
    }
    expect(used.size).toBeGreaterThan(5);
    const notRuntime = [...used].filter(([p]) => !(p in pkg.dependencies)).map(([p, f]) => `${p} (${f})`);
    expect(notRuntime).toEqual([]);
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vite']) {
      expect(tool in pkg.dependencies, tool).toBe(false);
      expect(used.has(tool), tool).toBe(false);
    }
  });

  it('runs the command with no loader: `fairdraw help` from dist/', () => {
    const r = fairdraw(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FairDraw 阳光摇号/);
  });

  it('says plainly when it has not been built, instead of a stack trace', () => {
    const copy = mkdtempSync(join(tmpdir(), 'fairdraw-unbuilt-'));
    mkdirSync(join(copy, 'bin'));
    copyFileSync(join(repoRoot, 'bin', 'fairdraw.js'), join(copy, 'bin', 'fairdraw.js'));
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'fairdraw.js'), 'help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not built: .*dist\/cli\/main\.js is missing; run npm run build/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

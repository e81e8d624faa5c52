/**
 * The dependency check that works offline (docs/dependencies.md says why there is no offline
 * advisory check): every package in package-lock.json comes from the public npm registry at an
 * exact version with a SHA-512 integrity hash that `npm ci` verifies; package.json asks only for
 * registry versions (no git, file, link or URL specifiers) and runs no install scripts but the ones
 * allowed; and each runtime dependency has its note in docs/dependencies.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './spec-files.js';

interface LockPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  hasInstallScript?: boolean;
  dev?: boolean;
}
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockPackage>;
};
const installed = Object.entries(lock.packages).filter(([path, p]) => path !== '' && !p.link);

describe('the lock file', () => {
  it('pins every package to an exact registry version with a SHA-512 integrity hash', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(installed.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const [path, p] of installed) {
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(p.version ?? '')) wrong.push(`${path}: version ${p.version}`);
      if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(p.integrity ?? '')) wrong.push(`${path}: integrity ${p.integrity}`);
      if (p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/')) wrong.push(`${path}: from ${p.resolved}`);
      if (!path.startsWith('node_modules/') || path.includes('..')) wrong.push(`${path}: installed outside node_modules`);
    }
    expect(wrong).toEqual([]);
  });

  it('asks package.json for registry versions only', () => {
    const wrong = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      ([, spec]) => !/^[\^~]?\d+(\.\d+){0,2}(-[\w.]+)?$/.test(spec),
    );
    expect(wrong).toEqual([]);
  });

  it('runs install scripts only for the packages allowed in package.json', () => {
    const scripted = installed.filter(([, p]) => p.hasInstallScript && !p.dev).map(([path]) => path.replace(/^.*node_modules\//, ''));
    const allowed = Object.keys(pkg.allowScripts ?? {});
    expect(scripted.filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('explains the choice of every runtime dependency in docs/dependencies.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'dependencies.md'), 'utf8');
    const missing = Object.keys(pkg.dependencies).filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

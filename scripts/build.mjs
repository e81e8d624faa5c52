#!/usr/bin/env node
/**
 * Builds the server, the CLI and the engine (the helper thread's code included) into dist/ as plain
 * JavaScript, so that `fairdraw` and `npm start` run with no TypeScript loader and no bundler.
 *
 * Each source file under src/ becomes one file under dist/ at the same place (src/cli/main.ts →
 * dist/cli/main.js): commands keep loading their modules on demand, and paths found from a module's
 * own place (the web pages, the demo) resolve the same from src/ and dist/. esbuild only strips the
 * types (the sources use `import type` throughout, so no file needs another to be compiled); the
 * type check stays `npm run check`.
 *
 * The build is named by a hash of what goes into it (the sources, this script, the locked
 * dependency versions); when dist/ already holds that build, nothing is done. Usage:
 *   node scripts/build.mjs            build when dist/ is missing or stale
 *   node scripts/build.mjs --force    build anyway
 *   node scripts/build.mjs --check    exit 1 when dist/ is missing or stale, build nothing
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stampFile = join(dist, 'build.json');

/** Test files and their helpers stay out of the build. */
const isTestOnly = (f) => /\.test\.tsx?$/.test(f) || /(^|\/)test-support\.ts$/.test(f);

/** The files under src/ that go into the build, as sorted paths relative to src/ with '/'. */
export function sources() {
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(src, join(d.parentPath, d.name)).split(sep).join('/'))
    .filter((f) => !isTestOnly(f))
    .sort();
}

/** A hash of everything the build is made of. */
export function buildKey(files = sources()) {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  for (const f of files) h.update(`\n${f}\n`).update(readFileSync(join(src, f)));
  return h.digest('hex');
}

/** True when dist/ holds the build of the current sources. */
export function isFresh(key = buildKey()) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).key === key;
  } catch {
    return false;
  }
}

/** Builds dist/ (into a new folder, then put in place), unless it is fresh. Returns true if it built. */
export async function build({ force = false } = {}) {
  const files = sources();
  const key = buildKey(files);
  if (!force && isFresh(key)) return false;
  // Loaded only when building: esbuild is a development dependency.
  const { build: esbuild } = await import('esbuild');
  const out = `${dist}.new-${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  const ts = files.filter((f) => f.endsWith('.ts'));
  await esbuild({
    entryPoints: ts.map((f) => join(src, f)),
    outdir: out,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // Anything else under src/ (none today) is copied as it is.
  for (const f of files.filter((f) => !f.endsWith('.ts'))) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    copyFileSync(join(src, f), join(out, f));
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(out, 'build.json'), `${JSON.stringify({ key, files: ts.length }, null, 2)}\n`);
  rmSync(dist, { recursive: true, force: true });
  try {
    renameSync(out, dist);
  } catch (e) {
    // Another build (a second test run, say) put its dist/ in place first: fine if it is this one.
    rmSync(out, { recursive: true, force: true });
    if (!isFresh(key)) throw e;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv[2];
  if (arg === '--check') {
    const fresh = isFresh();
    console.log(fresh ? 'dist/ is up to date' : 'dist/ is missing or stale: run npm run build:dist');
    process.exit(fresh ? 0 : 1);
  }
  const t0 = performance.now();
  const built = await build({ force: arg === '--force' });
  console.log(built ? `built dist/ in ${Math.round(performance.now() - t0)} ms` : 'dist/ is up to date');
}

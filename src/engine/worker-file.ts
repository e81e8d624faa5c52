/**
 * The helper thread's code as one plain JavaScript file. Bundling `worker-tasks.ts` with esbuild
 * lets the thread start in ~20 ms, where loading the TypeScript sources through a loader would take
 * ~350 ms. The file is named by a hash of what goes into it (the engine's and the core's sources,
 * the locked dependency versions, esbuild's version), so it is built once; while it exists it is
 * found without starting esbuild, and the helper can start at once, in step with the caller.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** The sources the bundle is made of, hashed (tests excluded: they are not bundled). */
function sourceKey(): string {
  const h = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  for (const dir of [join(root, 'src', 'core'), here]) {
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
    for (const f of files) h.update(`${dir}/${f}\n`).update(readFileSync(join(dir, f)));
  }
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex').slice(0, 16);
}

let key: string | undefined;

function fileFor(): string {
  key ??= sourceKey();
  return join(tmpdir(), 'fairdraw-engine', `worker-${key}.mjs`);
}

/** The bundle's path if it is already built (no esbuild, no waiting), else undefined. */
export function builtWorkerFile(): string | undefined {
  const file = fileFor();
  return existsSync(file) ? file : undefined;
}

let building: Promise<string> | undefined;

/** The bundle's path, building it first if needed. */
export function workerFile(): Promise<string> {
  building ??= (async () => {
    const file = fileFor();
    if (existsSync(file)) return file;
    const out = await build({
      entryPoints: [join(here, 'worker-tasks.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    mkdirSync(dirname(file), { recursive: true });
    // Written under a temporary name, then renamed (atomic): two processes building at once both
    // end with a whole file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, out.outputFiles[0]!.text);
    renameSync(tmp, file);
    return file;
  })();
  return building;
}

/**
 * The helper thread's code as one plain JavaScript file. Bundling `worker-tasks.ts` with esbuild
 * takes ~15 ms and lets the thread start in ~30 ms, where loading the TypeScript sources through a
 * loader would take ~350 ms. The file is named by the hash of its content, so it is built once.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let cached: Promise<string> | undefined;

export function workerFile(): Promise<string> {
  cached ??= (async () => {
    const entry = fileURLToPath(new URL('./worker-tasks.ts', import.meta.url));
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const dir = join(tmpdir(), 'fairdraw-engine');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      // rename is atomic: two processes building at once both end with a whole file
      (await import('node:fs')).renameSync(tmp, file);
    }
    return file;
  })();
  return cached;
}

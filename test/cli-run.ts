/** Runs the real `fairdraw` command (bin/fairdraw.js) in a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './spec-files.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function fairdraw(args: string[], env: Record<string, string> = {}, input?: string): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'fairdraw.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

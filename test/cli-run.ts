/** Runs the real `fairdraw` command (bin/fairdraw.js) in a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './spec-files.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the process (e.g. SIGKILL at a crash point), else null. */
  signal?: NodeJS.Signals | null;
}

/** The program and arguments that run `fairdraw ARGS` (for tests that spawn it themselves). */
export function fairdrawCommand(args: string[]): [string, string[]] {
  return [process.execPath, [join(repoRoot, 'bin', 'fairdraw.js'), ...args]];
}

export function fairdraw(args: string[], env: Record<string, string> = {}, input?: string): Run {
  const [exe, argv] = fairdrawCommand(args);
  const r = spawnSync(exe, argv, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

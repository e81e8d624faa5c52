/** Runs the real `fairdraw` command (bin/fairdraw.js) in a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './spec-files.js';
import { storeEnv } from './pg-cluster.js';

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

/**
 * The environment of a `fairdraw` process: on the PostgreSQL run (test/pg-cluster.ts), the store of
 * its data directory (FAIRDRAW_DATA or --data) is that directory's schema on the test cluster.
 */
export function fairdrawEnv(args: readonly string[], env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const i = args.indexOf('--data');
  const data = i >= 0 ? args[i + 1] : (env.FAIRDRAW_DATA ?? process.env.FAIRDRAW_DATA);
  return { ...process.env, ...(data !== undefined && env.FAIRDRAW_DATABASE_URL === undefined ? storeEnv(data) : {}), ...env };
}

export function fairdraw(args: string[], env: Record<string, string> = {}, input?: string): Run {
  const [exe, argv] = fairdrawCommand(args);
  const r = spawnSync(exe, argv, {
    encoding: 'utf8',
    env: fairdrawEnv(args, env),
    input,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

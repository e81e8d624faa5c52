/**
 * Named points the code passes through, for the crash tests: with FAIRDRAW_CRASH_AT=NAME the process
 * kills itself (SIGKILL, as a power cut would) when it reaches NAME; with FAIRDRAW_HOLD_AT=NAME it
 * stops there for FAIRDRAW_HOLD_MS (default 2000) milliseconds, holding whatever lock it holds, and
 * says so on stderr. Unset (always, in normal use), a point costs one comparison.
 *
 * The names: `ACTION:logged` (inside the transaction, right after the audit entry ACTION was
 * written), `ACTION:committed` (right after that transaction committed), and `backup:copied`,
 * `backup:written` (see backup.ts).
 */
export function crashPoint(name: string): void {
  const env = process.env;
  if (env.FAIRDRAW_CRASH_AT === name) {
    process.kill(process.pid, 'SIGKILL');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never returns
  }
  if (env.FAIRDRAW_HOLD_AT === name) {
    const ms = Number(env.FAIRDRAW_HOLD_MS ?? 2000);
    process.stderr.write(`holding at ${name}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
}

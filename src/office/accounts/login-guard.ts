/**
 * Backoff per client instead of a lock per account: a guesser slows only itself, and nobody can
 * lock a named clerk out on ceremony day by typing wrong passwords for them. Every attempt counts
 * as a failure the moment it starts (before the slow password check), so guesses sent in parallel
 * each count; a success clears the count. After FREE_ATTEMPTS the client must wait 1 s, 2 s, 4 s …
 * (at most 15 minutes) after its last attempt before the next one is even looked at.
 */
export const FREE_ATTEMPTS = 5;
export const MAX_WAIT_MS = 15 * 60_000;
const MAX_CLIENTS = 10_000;

interface Entry {
  failures: number;
  last: number;
}

export class LoginGuard {
  private readonly clients = new Map<string, Entry>();

  /** How long `failures` failed attempts make a client wait after its last one. */
  static waitFor(failures: number): number {
    if (failures < FREE_ATTEMPTS) return 0;
    return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_MS);
  }

  /**
   * Starts an attempt at `now` (ms): counts it, or answers how many ms the client must still wait.
   * Synchronous, so two requests can never read the same count.
   */
  begin(client: string, now: number): { ok: true } | { ok: false; waitMs: number } {
    const e = this.clients.get(client) ?? { failures: 0, last: 0 };
    const ready = e.last + LoginGuard.waitFor(e.failures);
    if (now < ready) return { ok: false, waitMs: ready - now };
    e.failures += 1;
    e.last = now;
    this.clients.delete(client); // re-insert: the map stays in order of last attempt
    this.clients.set(client, e);
    if (this.clients.size > MAX_CLIENTS) this.prune(now);
    return { ok: true };
  }

  /** A failed attempt has ended at `now`: the wait runs from here (a slow password check does not use it up). */
  failed(client: string, now: number): void {
    const e = this.clients.get(client);
    if (e) e.last = Math.max(e.last, now);
  }

  succeed(client: string): void {
    this.clients.delete(client);
  }

  failures(client: string): number {
    return this.clients.get(client)?.failures ?? 0;
  }

  /** Forgets clients whose wait is over and who have been quiet for the longest wait. */
  private prune(now: number): void {
    for (const [k, e] of this.clients) {
      if (this.clients.size <= MAX_CLIENTS / 2) break;
      if (now - e.last > MAX_WAIT_MS || this.clients.size > MAX_CLIENTS) this.clients.delete(k);
    }
  }
}

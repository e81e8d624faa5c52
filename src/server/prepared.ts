/**
 * Prepared public answers: the bytes of an answer as first sent, with their strong ETag, kept in
 * memory and served again for as long as the data they came from has not changed. Each answer is
 * stored with the public stamp read before it was built (src/office/public/stamp.ts); a request
 * reads the stamp again and is served the prepared bytes only when the two are equal, so an answer
 * is never served stale — not after a change made by this process, by the command line, or by
 * another server on the same database. The memory is bounded (bytes and entries, least recently
 * used first out).
 */
import { createHash } from 'node:crypto';

export interface PreparedAnswer {
  /** The public stamp the answer was built under. */
  stamp: string;
  body: Buffer;
  /** Strong: `"sha256-…"` from the bytes alone, so every process gives the same bytes the same tag. */
  etag: string;
  contentType: string;
  cacheControl: string;
}

/** A strong ETag from the bytes: SHA-256, base64url, 162 bits. */
export function strongEtag(body: string | Buffer): string {
  return `"sha256-${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag` (a weak match suffices for GET, RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(/\s*,\s*/).some((t) => t === etag || t === `W/${etag}` || t === '*');
}

export interface PreparedLimits {
  /** Bytes of answers kept (default 64 MiB). */
  maxBytes: number;
  /** Answers kept (default 20,000). */
  maxEntries: number;
}

export const DEFAULT_PREPARED: PreparedLimits = { maxBytes: 64 * 2 ** 20, maxEntries: 20_000 };

export class PreparedAnswers {
  private readonly entries = new Map<string, PreparedAnswer>();
  private total = 0;
  constructor(private readonly limits: PreparedLimits = DEFAULT_PREPARED) {}

  /** The answer kept under `key` if it was built under `stamp`; a stale one is let go. */
  get(key: string, stamp: string): PreparedAnswer | undefined {
    const a = this.entries.get(key);
    if (!a) return undefined;
    this.entries.delete(key);
    if (a.stamp !== stamp) {
      this.total -= a.body.length;
      return undefined;
    }
    this.entries.set(key, a); // most recently used last
    return a;
  }

  put(key: string, answer: PreparedAnswer): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.body.length;
    }
    if (answer.body.length > this.limits.maxBytes) return;
    this.entries.set(key, answer);
    this.total += answer.body.length;
    while (this.total > this.limits.maxBytes || this.entries.size > this.limits.maxEntries) {
      const [k, a] = this.entries.entries().next().value!;
      this.entries.delete(k);
      this.total -= a.body.length;
    }
  }

  /** What is kept, for tests and the operator's checks. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  *answers(): IterableIterator<[string, PreparedAnswer]> {
    yield* this.entries;
  }
}

/**
 * Reads shared by the requests that arrive together: a request joins a read only while that read
 * has not started, so every answer still reflects the database as it was after the request came in.
 * Under load, the requests of one turn of the event loop cost one read between them.
 */
export class JoinedReads<T> {
  private readonly waiting = new Map<string, Promise<T>>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.waiting.get(key);
    if (pending) return pending;
    const p = new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        this.waiting.delete(key); // from here on, a new request starts a new read
        load().then(resolve, reject);
      });
    });
    this.waiting.set(key, p);
    return p;
  }
}

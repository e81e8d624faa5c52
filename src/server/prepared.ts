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
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface PreparedAnswer {
  /** The public stamp the answer was built under. */
  stamp: string;
  body: Buffer;
  /** Strong: `"sha256-…"` from the bytes alone, so every process gives the same bytes the same tag. */
  etag: string;
  contentType: string;
  cacheControl: string;
  /** Every header the answer was first sent with (security headers included), to send it again as it was. */
  headers: OutgoingHttpHeaders;
}

/** The headers of an answer as first sent, less those that belong to that one response. */
export function replayHeaders(sent: Record<string, string | number | string[] | undefined>, bodyLength: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(sent)) {
    const name = k.toLowerCase();
    if (v === undefined || name.startsWith('x-ratelimit') || name === 'retry-after' || name === 'set-cookie') continue;
    if (name === 'content-length' || name === 'date' || name === 'connection' || name === 'keep-alive') continue;
    out[name] = v;
  }
  out['content-length'] = bodyLength;
  return out;
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

/** The answers kept as prepared bytes, by route; `limited` ones are served only after their rate limit. */
export const PREPARED_ROUTES: Readonly<Record<string, { params: readonly string[]; limited?: boolean }>> = {
  '/api/public/events': { params: [] },
  '/api/public/events/:id': { params: ['id'] },
  '/api/public/events/:id/privacy-notice': { params: ['id'] },
  '/api/public/events/:id/results/:unit': { params: ['id', 'unit'] },
  '/api/public/events/:id/applicants/:reg': { params: ['id', 'reg'] },
  '/api/public/events/:id/bundle/:file': { params: ['id', 'file'], limited: true },
};

export function preparedKey(url: string, params: Record<string, string | undefined>): string {
  return [url, ...(PREPARED_ROUTES[url]?.params ?? []).map((p) => params[p] ?? '')].join('\n');
}

const PLAIN = /^[\w.~-]{1,100}$/;

/**
 * The route and parameters of a request the front may answer, from its raw path: only the answers
 * served before any limit, and only plain parameters (anything to decode goes the framework's way).
 */
export function matchPrepared(rawUrl: string): { url: string; params: Record<string, string> } | undefined {
  const q = rawUrl.indexOf('?');
  const s = (q < 0 ? rawUrl : rawUrl.slice(0, q)).split('/');
  if (s[1] !== 'api' || s[2] !== 'public' || s[3] !== 'events') return undefined;
  if (s.length === 4) return { url: '/api/public/events', params: {} };
  const id = s[4]!;
  if (!PLAIN.test(id)) return undefined;
  if (s.length === 5) return { url: '/api/public/events/:id', params: { id } };
  if (s.length === 6 && s[5] === 'privacy-notice') return { url: '/api/public/events/:id/privacy-notice', params: { id } };
  if (s.length !== 7 || !PLAIN.test(s[6]!)) return undefined;
  if (s[5] === 'results') return { url: '/api/public/events/:id/results/:unit', params: { id, unit: s[6]! } };
  if (s[5] === 'applicants') return { url: '/api/public/events/:id/applicants/:reg', params: { id, reg: s[6]! } };
  return undefined;
}

/**
 * The prepared answers of one server, with the stamps they are checked against. `serve` answers
 * straight from the HTTP server, before the framework, when a current prepared answer exists: the
 * same bytes and headers as the framework sent the first time, at the cost of a static file.
 */
export class PreparedFront {
  readonly answers: PreparedAnswers;
  private readonly stamps = new JoinedReads<string>();

  constructor(
    private readonly stampOf: (eventId?: string) => Promise<string>,
    limits?: PreparedLimits,
  ) {
    this.answers = new PreparedAnswers(limits);
  }

  /** The public stamp of an event (or of the list of events), read after the request came in. */
  stamp(eventId?: string): Promise<string> {
    // Keys apart: no event id (whatever a request names) shares the list's read.
    return this.stamps.read(eventId === undefined ? 'events' : `event:${eventId}`, () => this.stampOf(eventId));
  }

  /** Sends the current prepared answer and resolves true; resolves false, sending nothing, when there is none. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' || !req.url) return false;
    const m = matchPrepared(req.url);
    if (!m) return false;
    const a = this.answers.get(preparedKey(m.url, m.params), await this.stamp(m.params.id));
    if (!a) return false;
    if (etagMatches(req.headers['if-none-match'], a.etag)) {
      const { 'content-length': _l, 'content-type': _t, ...rest } = a.headers;
      res.writeHead(304, rest).end();
    } else res.writeHead(200, a.headers).end(a.body);
    return true;
  }
}

/**
 * One in-memory notifier for every viewer of a ceremony. Each event's log is read from the database
 * once and kept while someone watches; a new step is fetched once (one query per poke, however
 * many viewers) and fanned out. Per event, loading, subscribing and broadcasting run one after the
 * other on a promise chain, so a viewer gets every step exactly once and in id order: first the
 * steps after its Last-Event-ID from the cache, then each new step as it is broadcast.
 */
import type { LogEntry } from './log-types.js';

export interface FeedItem {
  entry: LogEntry;
  /** The step, serialised once for all viewers (e.g. an SSE frame). */
  frame: string;
}

export interface FeedSink {
  send(item: FeedItem): void;
  /** Called once, after the backlog and before the first live step. */
  caughtUp?(): void;
}

interface Topic {
  items: FeedItem[];
  lastId: number;
  loaded: boolean;
  sinks: Set<FeedSink>;
  joining: number;
  chain: Promise<void>;
  pokeQueued: boolean;
}

/** One viewer's failure (a closed socket) never stops the others. */
function deliver(sink: FeedSink, item: FeedItem): void {
  try {
    sink.send(item);
  } catch {
    // the connection's close handler unsubscribes it
  }
}

export class CeremonyFeed {
  private readonly topics = new Map<string, Topic>();
  /** Queries made, for tests and the load figures. */
  queries = 0;

  constructor(
    private readonly load: (eventId: string, afterId: number) => Promise<LogEntry[]>,
    private readonly format: (entry: LogEntry) => string = (e) => JSON.stringify(e),
  ) {}

  private topic(eventId: string): Topic {
    let t = this.topics.get(eventId);
    if (!t) {
      t = { items: [], lastId: 0, loaded: false, sinks: new Set(), joining: 0, chain: Promise.resolve(), pokeQueued: false };
      this.topics.set(eventId, t);
    }
    return t;
  }

  private run(t: Topic, fn: () => Promise<void> | void): Promise<void> {
    const next = t.chain.then(fn);
    t.chain = next.catch(() => undefined);
    return next;
  }

  private async fetch(eventId: string, t: Topic): Promise<FeedItem[]> {
    this.queries++;
    const fresh = (await this.load(eventId, t.lastId)).filter((e) => e.id > t.lastId);
    const items = fresh.map((entry) => ({ entry, frame: this.format(entry) }));
    for (const it of items) {
      t.items.push(it);
      t.lastId = it.entry.id;
    }
    t.loaded = true;
    return items;
  }

  /** Starts following `eventId` after step `afterId` (0: from the beginning). Resolves to an unsubscribe function. */
  async subscribe(eventId: string, afterId: number, sink: FeedSink): Promise<() => void> {
    const t = this.topic(eventId);
    t.joining++;
    try {
      await this.run(t, async () => {
        if (!t.loaded) await this.fetch(eventId, t);
        for (const it of t.items) if (it.entry.id > afterId) deliver(sink, it);
        sink.caughtUp?.();
        t.sinks.add(sink);
      });
    } finally {
      t.joining--;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      t.sinks.delete(sink);
      this.release(eventId, t);
    };
  }

  private release(eventId: string, t: Topic): void {
    // Nobody watches: forget the cache; the next viewer reloads it with one query.
    if (t.sinks.size === 0 && t.joining === 0 && this.topics.get(eventId) === t) this.topics.delete(eventId);
  }

  /** A step was appended to `eventId`'s log: fetch it once and fan it out. Calls made while one is queued coalesce. */
  poke(eventId: string): Promise<void> {
    const t = this.topics.get(eventId);
    if (!t || t.pokeQueued) return t ? t.chain : Promise.resolve();
    t.pokeQueued = true;
    return this.run(t, async () => {
      t.pokeQueued = false;
      if (!t.loaded) return;
      const items = await this.fetch(eventId, t);
      for (const it of items) for (const s of t.sinks) deliver(s, it);
    });
  }

  /** Number of live viewers of an event (or of all events). */
  viewers(eventId?: string): number {
    if (eventId !== undefined) return this.topics.get(eventId)?.sinks.size ?? 0;
    let n = 0;
    for (const t of this.topics.values()) n += t.sinks.size;
    return n;
  }
}

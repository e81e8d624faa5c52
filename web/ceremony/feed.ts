/**
 * Follows the ceremony's public log over Server-Sent Events. The browser's EventSource reconnects
 * by itself and sends Last-Event-ID, so the server resumes after the last step received; the model
 * ignores any id it has already applied. Steps that arrive after the first catch-up are "live":
 * only those are animated, so a late viewer or a reload jumps straight to the current state.
 */
import { useEffect, useState } from 'react';
import type { LogEntry } from '../../src/office/ceremony/log-types.js';
import { api } from '../shared/api.js';
import { apply, emptyModel, type Model } from './model.js';
import type { CeremonyLog } from '../../src/api/ceremony.js';

export interface Feed {
  model: Model;
  title: string;
  /** Ids above this arrived live (after the first catch-up); -1 until caught up. */
  liveFrom: number;
  connected: boolean;
  missing: boolean;
}

export function useCeremonyFeed(eventId: string): Feed {
  const [feed, setFeed] = useState<Feed>({ model: emptyModel(), title: '', liveFrom: -1, connected: false, missing: false });

  useEffect(() => {
    let stopped = false;
    api<CeremonyLog>('GET', `/api/ceremony/${encodeURIComponent(eventId)}/log?after=${Number.MAX_SAFE_INTEGER}`)
      .then((r) => !stopped && setFeed((f) => ({ ...f, title: r.event.title })))
      .catch(() => !stopped && setFeed((f) => ({ ...f, missing: true })));
    const es = new EventSource(`/api/ceremony/${encodeURIComponent(eventId)}/stream`);
    es.onopen = () => setFeed((f) => ({ ...f, connected: true }));
    es.onerror = () => setFeed((f) => ({ ...f, connected: false }));
    es.onmessage = (ev: MessageEvent<string>) => {
      const entry = JSON.parse(ev.data) as LogEntry;
      setFeed((f) => ({ ...f, model: apply(f.model, entry) }));
    };
    es.addEventListener('caughtup', () => setFeed((f) => (f.liveFrom >= 0 ? f : { ...f, liveFrom: f.model.lastId })));
    return () => {
      stopped = true;
      es.close();
    };
  }, [eventId]);

  return feed;
}

/** True when the step with this id arrived while the page was watching (so it may be animated). */
export function isLive(feed: Feed, id: number): boolean {
  return feed.liveFrom >= 0 && id > feed.liveFrom;
}

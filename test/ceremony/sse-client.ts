/** A small Server-Sent Events client over node:http (loopback only), recording every frame it gets. */
import { request, Agent, type ClientRequest } from 'node:http';
import type { LogEntry } from '../../src/office/ceremony/log-types.js';

export interface SseConnection {
  entries: LogEntry[];
  /** When each entry arrived (performance.now()). */
  arrivals: number[];
  caughtUp: Promise<void>;
  opened: Promise<void>;
  close(): void;
  /** Resolves once an entry satisfying `pred` has arrived. */
  until(pred: (e: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
}

/** No pooling limits: each viewer is its own TCP connection, like separate phones. */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function connect(url: string, lastEventId?: number): SseConnection {
  const entries: LogEntry[] = [];
  const arrivals: number[] = [];
  let onCaughtUp!: () => void;
  let onOpened!: () => void;
  let failCaughtUp!: (e: Error) => void;
  let failOpened!: (e: Error) => void;
  let failure: Error | undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    onCaughtUp = resolve;
    failCaughtUp = reject;
  });
  const opened = new Promise<void>((resolve, reject) => {
    onOpened = resolve;
    failOpened = reject;
  });
  // A caller awaits one of the two, or neither: the failure then shows where it is awaited, and
  // an unawaited one is not reported as an unhandled rejection.
  caughtUp.catch(() => undefined);
  opened.catch(() => undefined);
  const waiters: { pred: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void; reject: (e: Error) => void }[] = [];
  const onFail = (e: Error): void => {
    if (failure) return;
    failure = e;
    failOpened(e);
    failCaughtUp(e);
    for (const w of waiters.splice(0)) w.reject(e);
  };
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const req: ClientRequest = request(url, { agent, headers }, (res) => {
    if (res.statusCode !== 200) {
      onFail(new Error(`SSE status ${res.statusCode}`));
      res.resume();
      return;
    }
    onOpened();
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (chunk: string) => {
      buf += chunk;
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (event === 'caughtup') onCaughtUp();
        else if (event === 'message' && data.length > 0) {
          const e = JSON.parse(data.join('\n')) as LogEntry;
          entries.push(e);
          arrivals.push(performance.now());
          for (const w of [...waiters]) {
            if (w.pred(e)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        }
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', (e) => onFail(e));
  req.end();
  return {
    entries,
    arrivals,
    caughtUp,
    opened,
    close: () => req.destroy(),
    until(pred, timeoutMs = 10_000) {
      const found = entries.find(pred);
      if (found) return Promise.resolve(found);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('SSE: timed out waiting for an entry')), timeoutMs);
        waiters.push({
          pred,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
  };
}

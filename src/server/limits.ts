/**
 * Limits that protect the server before it does any work: body sizes per route, the live feed's
 * anonymous connections per address and in total, and a global bound on public lookups (on top of
 * the generous per-address limit, so families behind one carrier NAT are not locked out, while a
 * crowd of addresses cannot together exhaust the server).
 */
import type { FastifyRequest } from 'fastify';
import { FairDrawError } from '../core/errors.js';

export interface Limits {
  /** Default request body limit in bytes (JSON forms). */
  bodyBytes: number;
  /** The applicant import (xlsx or csv file). */
  importBytes: number;
  /** Routes with long lists in their bodies (an import's error list, a representatives' pool). */
  listBytes: number;
  /** Live-feed connections without a session, per address and in total. */
  streamsPerAddress: number;
  streamsTotal: number;
  /** Public lookups per minute and address, and over all addresses. */
  publicPerAddressPerMinute: number;
  publicTotalPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 256 * 1024,
  importBytes: 200 * 1024 * 1024,
  listBytes: 8 * 1024 * 1024,
  streamsPerAddress: 20,
  streamsTotal: 2000,
  publicPerAddressPerMinute: 300,
  publicTotalPerMinute: 12_000,
};

/** The body limit of a route: only the import takes a large body. */
export function bodyLimitFor(url: string, limits: Limits): number {
  if (url === '/api/events/:id/import') return limits.importBytes;
  if (url === '/api/events/:id/import/report' || url === '/api/ceremony/:id/reps/:unit/prepare') return limits.listBytes;
  return limits.bodyBytes;
}

const busy = (zh: string, en: string): FairDrawError => new FairDrawError('rate.limited', zh, en, {});

/** Counts the open anonymous live-feed connections; a connection is let go when its socket closes. */
export class StreamGate {
  private readonly byAddress = new Map<string, number>();
  private total = 0;
  constructor(private readonly limits: Limits) {}

  admit(req: FastifyRequest): void {
    if (req.account) return; // staff screens (the projector, the control panel) are never turned away
    const address = req.ip;
    const mine = this.byAddress.get(address) ?? 0;
    if (mine >= this.limits.streamsPerAddress) {
      throw busy(
        '这个网络地址打开的直播连接过多，请关闭其他页面后重试',
        'too many live views are open from this address; close some and retry',
      );
    }
    if (this.total >= this.limits.streamsTotal) {
      throw busy('直播观看人数已满，请稍后再试或查看公布的记录', 'the live view is full; try again later or read the published record');
    }
    this.byAddress.set(address, mine + 1);
    this.total += 1;
    let released = false;
    req.raw.once('close', () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const n = (this.byAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.byAddress.delete(address);
      else this.byAddress.set(address, n);
    });
  }

  open(): number {
    return this.total;
  }
}

/** A fixed one-minute window over all addresses. */
export class GlobalWindow {
  private start = 0;
  private count = 0;
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): void {
    const t = this.now();
    if (t - this.start >= 60_000) {
      this.start = t;
      this.count = 0;
    }
    if (++this.count > this.perMinute) {
      throw busy('查询的人很多，请一分钟后再试', 'many people are looking things up right now; try again in a minute');
    }
  }
}

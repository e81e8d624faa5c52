/**
 * Where phones reach this server. The operator may open the laptop's pages at localhost, which a
 * phone cannot reach: the control panel then passes the hall-network address as `?base=`. A base
 * is accepted only when it is one of this server's own addresses (the page's origin, or an address
 * the server reports for the hall network): a crafted link cannot make the projector's QR codes
 * send witnesses and families to another site.
 */
import { useEffect, useState } from 'react';
import { api } from '../shared/api.js';
import type { LanAddresses } from '../../src/api/ceremony.js';

/** The server's own origins: this page's, and the hall-network addresses the server reports. */
export function ownOrigins(addresses: readonly string[]): string[] {
  const port = location.port ? `:${location.port}` : '';
  return [location.origin, ...addresses.map((a) => `${location.protocol}//${a}${port}`)];
}

/** The `?base=` of this page if it is one of `allowed`, else this page's origin. */
export function publicBase(allowed: readonly string[] = [location.origin]): string {
  const given = new URLSearchParams(location.search).get('base');
  if (given && /^https?:\/\/[^/\s]+$/.test(given) && allowed.includes(given)) return given;
  return location.origin;
}

/** publicBase, once the server has said which addresses are its own (needs a staff session; else this origin). */
export function usePublicBase(eventId: string): string {
  const [allowed, setAllowed] = useState<string[]>([location.origin]);
  useEffect(() => {
    api<LanAddresses>('GET', `/api/ceremony/${encodeURIComponent(eventId)}/lan`)
      .then((r) => setAllowed(ownOrigins(r.addresses)))
      .catch(() => undefined);
  }, [eventId]);
  return publicBase(allowed);
}

/**
 * The address phones should use: the hall-network address when this page was opened at
 * localhost (which a phone cannot reach), else this page's origin.
 */
export function hallBase(addresses: readonly string[]): string {
  const lan = ownOrigins(addresses).slice(1);
  return /^(localhost|127\.|\[::1\])/.test(location.hostname) && lan[0] ? lan[0] : location.origin;
}

/** `?base=…` for a link to a ceremony page, so its QR codes carry the hall address; '' when none is needed. */
export function baseQuery(base: string): string {
  return base === location.origin ? '' : `?base=${encodeURIComponent(base)}`;
}

/** The hall address for links opened from the console (needs a staff session; else this origin). */
export function useHallBase(eventId: string): string {
  const [base, setBase] = useState(location.origin);
  useEffect(() => {
    api<LanAddresses>('GET', `/api/ceremony/${encodeURIComponent(eventId)}/lan`)
      .then((r) => setBase(hallBase(r.addresses)))
      .catch(() => undefined);
  }, [eventId]);
  return base;
}

/** The path of a ceremony page. */
export function ceremonyPath(eventId: string, page = ''): string {
  return `/ceremony/${encodeURIComponent(eventId)}${page ? `/${page}` : ''}`;
}

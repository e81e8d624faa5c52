/**
 * The portal's routes. On the server the address is the path (/portal/<event>/applicant/<reg>);
 * a static file server cannot answer such paths, so a static export keeps the route in the hash
 * (portal/#/<event>/applicant/<reg>).
 */
import { useSyncExternalStore } from 'react';
import { isStatic } from './site-mode.js';

export type Route =
  | { page: 'events' }
  | { page: 'event'; event: string }
  | { page: 'privacy'; event: string }
  | { page: 'results'; event: string; unit?: string }
  | { page: 'applicant'; event: string; reg: string };

const enc = encodeURIComponent;

export function pathOf(r: Route): string {
  switch (r.page) {
    case 'events':
      return '/';
    case 'event':
      return `/${enc(r.event)}`;
    case 'privacy':
      return `/${enc(r.event)}/privacy`;
    case 'results':
      return `/${enc(r.event)}/results${r.unit ? `/${enc(r.unit)}` : ''}`;
    case 'applicant':
      return `/${enc(r.event)}/applicant/${enc(r.reg)}`;
  }
}

export function href(r: Route): string {
  return isStatic ? `#${pathOf(r)}` : `/portal${pathOf(r)}`;
}

export function parse(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [event, what, arg] = parts;
  if (!event) return { page: 'events' };
  if (what === 'privacy') return { page: 'privacy', event };
  if (what === 'results') return { page: 'results', event, unit: arg };
  if (what === 'applicant' && arg) return { page: 'applicant', event, reg: arg };
  return { page: 'event', event };
}

function current(): string {
  return isStatic ? location.hash.replace(/^#/, '') || '/' : location.pathname.replace(/^\/portal/, '') || '/';
}

const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((f) => f());
window.addEventListener('popstate', notify);
window.addEventListener('hashchange', notify);

export function navigate(r: Route): void {
  if (isStatic) location.hash = pathOf(r);
  else {
    history.pushState(null, '', href(r));
    notify();
  }
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const path = useSyncExternalStore((f) => {
    listeners.add(f);
    return () => listeners.delete(f);
  }, current);
  return parse(path);
}

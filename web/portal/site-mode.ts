/**
 * Where the public data comes from. On the app server: the /api/public routes. In a static
 * export (any plain file server or CDN): JSON files beside the pages, found relative to the page,
 * so the site works under any folder. The exporter marks its copy of the pages with
 * <meta name="fairdraw-site" content="static"> and writes site.json at the site's root.
 */
import { api, ApiError } from '../shared/api.js';
import { sitePath } from '../../src/office/public/site-paths.js';
import type { SiteManifest } from '../../src/api/public.js';

export const isStatic: boolean =
  typeof document !== 'undefined' && document.querySelector('meta[name="fairdraw-site"]')?.getAttribute('content') === 'static';

/** The site's root in static mode: the pages live one folder down (portal/, verify/). */
const siteRoot = (): URL => new URL('../', location.href.split('#')[0]!.split('?')[0]!);

export function staticUrl(path: string): string {
  return new URL(path, siteRoot()).href;
}

const cache = new Map<string, Promise<unknown>>();

/** GETs JSON once per page load (public views change rarely; the server sends ETags too). */
export function getJson<T>(url: string): Promise<T> {
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = isStatic ? fetchStatic<T>(url) : api<T>('GET', url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

async function fetchStatic<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    throw new ApiError(res.status, {
      code: res.status === 404 ? 'not-found' : 'http',
      zh: res.status === 404 ? '找不到该数据' : `请求失败（${res.status}）`,
      en: res.status === 404 ? 'not found' : `request failed (${res.status})`,
      where: {},
    });
  }
  return (await res.json()) as T;
}

let manifest: Promise<SiteManifest> | undefined;
export function siteManifest(): Promise<SiteManifest> {
  manifest ??= getJson<SiteManifest>(staticUrl(sitePath.manifest));
  return manifest;
}

/** Where a file of the public bundle can be downloaded. */
export function bundleUrl(event: string, file: string): string {
  return isStatic ? staticUrl(sitePath.bundle(event, file)) : `/api/public/events/${encodeURIComponent(event)}/bundle/${file}`;
}

/** The verifier page for an event, from either family. */
export function verifyHref(event: string): string {
  return isStatic ? `${staticUrl('verify/')}?event=${encodeURIComponent(event)}` : `/verify/?event=${encodeURIComponent(event)}`;
}

export function portalHref(): string {
  return isStatic ? staticUrl('portal/') : '/portal/';
}

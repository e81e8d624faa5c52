/** Getting the bundle's bytes: from the server or a static site, or from files the user picks. */
import type { BundleInput } from '../../src/core/bundle/index.js';
import { bundleUrl } from '../portal/site-mode.js';

export type Progress = (loaded: number, total: number | undefined) => void;

export class LoadError extends Error {
  constructor(
    readonly file: string,
    readonly status: number,
  ) {
    super(`${file}: HTTP ${status}`);
  }
}

/** Reads a response body with progress (fetch has no progress event of its own). */
export async function fetchBytes(url: string, onProgress: Progress, file: string): Promise<Uint8Array | undefined> {
  const res = await fetch(url);
  if (res.status === 404 && (file === 'audit.json' || file === 'organiser.pub')) return undefined;
  if (!res.ok) throw new LoadError(file, res.status);
  const total = Number(res.headers.get('content-length')) || undefined;
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const NAMES = {
  rules: 'rules.json',
  list: 'list.jsonl',
  sources: 'sources.json',
  record: 'record.json',
  audit: 'audit.json',
  organiserPub: 'organiser.pub',
} as const;

/** Loads the five files from a folder URL (or the event's public bundle), reporting overall progress. */
export async function loadBundle(
  urlOf: (file: string) => string,
  onProgress: (fraction: number, file: string) => void,
): Promise<BundleInput> {
  const keys = Object.keys(NAMES) as (keyof typeof NAMES)[];
  const loaded = new Map<string, [number, number]>();
  const report = (file: string): void => {
    let a = 0;
    let b = 0;
    for (const [x, y] of loaded.values()) {
      a += x;
      b += y;
    }
    onProgress(b ? a / b : 0, file);
  };
  const bytes = await Promise.all(
    keys.map((k) =>
      fetchBytes(
        urlOf(NAMES[k]),
        (n, total) => {
          loaded.set(k, [n, total ?? n]);
          report(NAMES[k]);
        },
        NAMES[k],
      ),
    ),
  );
  const [rules, list, sources, record, audit, organiserPub] = bytes;
  if (!rules || !list || !sources || !record) throw new LoadError('bundle', 404);
  return { rules, list, sources, record, ...(audit ? { audit } : {}), ...(organiserPub ? { organiserPub } : {}) };
}

export function eventBundle(event: string): (file: string) => string {
  return (file) => bundleUrl(event, file);
}

/** A folder of files on this same site (never another origin: a page must not vouch for foreign files). */
export function folderBundle(base: string): ((file: string) => string) | undefined {
  const url = new URL(base.endsWith('/') ? base : `${base}/`, location.href);
  if (url.origin !== location.origin) return undefined;
  return (file) => new URL(file, url).href;
}

/** Matches picked files to the bundle by name (rules.json, list.jsonl, …). */
export async function readPicked(files: FileList | File[]): Promise<{ input?: BundleInput; missing: string[] }> {
  const byName = new Map([...files].map((f) => [f.name, f]));
  const read = async (name: string): Promise<Uint8Array | undefined> => {
    const f = byName.get(name);
    return f ? new Uint8Array(await f.arrayBuffer()) : undefined;
  };
  const [rules, list, sources, record, audit, organiserPub] = await Promise.all(Object.values(NAMES).map(read));
  const missing = Object.values(NAMES).filter((n, i) => i < 4 && ![rules, list, sources, record][i]);
  if (!rules || !list || !sources || !record) return { missing };
  return { input: { rules, list, sources, record, ...(audit ? { audit } : {}), ...(organiserPub ? { organiserPub } : {}) }, missing };
}

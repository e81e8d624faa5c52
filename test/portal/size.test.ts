/**
 * A cheap phone on a slow network: the portal's JavaScript — its entry and every chunk it imports
 * — must stay under 200 KB gzipped. Measured on the built files (web/dist).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { requireBuiltWeb, webDist } from './harness.js';

/** The files a page loads: from its HTML, then every chunk the chunks import. */
export function pageAssets(family: string): string[] {
  const html = readFileSync(join(webDist, family, 'index.html'), 'utf8');
  const found = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!));
  for (let before = -1; before !== found.size;) {
    before = found.size;
    for (const f of [...found].filter((x) => x.endsWith('.js'))) {
      const js = readFileSync(join(webDist, 'assets', f), 'utf8');
      for (const m of js.matchAll(/(?:from|import)\s*\(?\s*"\.\/([^"]+\.js)"/g)) found.add(m[1]!);
    }
  }
  return [...found];
}

function gzipped(files: string[]): number {
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(webDist, 'assets', f)), { level: 9 }).length, 0);
}

describe('portal size', () => {
  it('loads under 200 KB of gzipped JavaScript', () => {
    requireBuiltWeb();
    const js = pageAssets('portal').filter((f) => f.endsWith('.js'));
    const css = pageAssets('portal').filter((f) => f.endsWith('.css'));
    const kb = gzipped(js) / 1024;
    console.log(
      `portal: ${js.length} JS files, ${kb.toFixed(1)} KB gzipped (CSS ${(gzipped(css) / 1024).toFixed(1)} KB): ${js.join(', ')}`,
    );
    expect(js.some((f) => f.startsWith('portal-'))).toBe(true);
    expect(kb).toBeLessThan(200);
  });

  it('keeps the verifier’s heavy cryptography out of the portal, and WebCrypto out of both', () => {
    const js = pageAssets('portal').filter((f) => f.endsWith('.js'));
    const text = js.map((f) => readFileSync(join(webDist, 'assets', f), 'utf8')).join('\n');
    expect(text).not.toMatch(/BLS_SIG_BLS12381G1/);
    const verify = pageAssets('verify').filter((f) => f.endsWith('.js'));
    // No WebCrypto: crypto.subtle exists only on https or localhost pages, and a bureau's LAN
    // server may be plain http.
    for (const f of [...js, ...verify]) expect(readFileSync(join(webDist, 'assets', f), 'utf8')).not.toMatch(/\bsubtle\b/);
    console.log(`verify: ${(gzipped(verify) / 1024).toFixed(1)} KB gzipped (worker inlined)`);
  });
});

/**
 * `fairdraw site --event ID --out DIR`: a self-contained static copy of the public pages for one
 * event — the built portal and verifier, the JSON views, the applicant shards and the public
 * bundle — that any plain file server or CDN can host without the app server.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FairDrawError } from '../../core/errors.js';
import { siteFiles } from '../../office/public/site.js';
import { parseFlags, required } from '../args.js';
import { officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FAMILIES = ['portal', 'verify'] as const;

/**
 * The built pages, made relative (the export may be served from any folder) and marked static,
 * with only the assets they load.
 */
export function staticPages(dist: string): Map<string, string | { copy: string }> {
  const out = new Map<string, string | { copy: string }>();
  const assetsDir = join(dist, 'assets');
  const assets = existsSync(assetsDir) ? readdirSync(assetsDir) : [];
  const needed = new Set<string>();
  const scan = (text: string): void => {
    for (const a of assets) if (!needed.has(a) && text.includes(a)) needed.add(a);
  };
  for (const family of FAMILIES) {
    const html = readFileSync(join(dist, family, 'index.html'), 'utf8');
    scan(html);
    out.set(
      `${family}/index.html`,
      html.replace(/(["'])\/assets\//g, '$1../assets/').replace('<head>', '<head>\n    <meta name="fairdraw-site" content="static" />'),
    );
  }
  // Chunks import each other by relative name; follow them until nothing new turns up.
  for (let before = -1; before !== needed.size;) {
    before = needed.size;
    for (const a of [...needed]) if (/\.(js|css)$/.test(a)) scan(readFileSync(join(assetsDir, a), 'utf8'));
  }
  for (const a of needed) out.set(`assets/${a}`, { copy: join(assetsDir, a) });
  out.set(
    'index.html',
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=portal/"><a href="portal/">阳光摇号 · 结果公示</a>\n',
  );
  return out;
}

export async function site(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, out: { type: 'string' }, web: { type: 'string' } });
  const event = required(values, 'event');
  const outDir = resolve(required(values, 'out'));
  const dist = resolve((values.web as string | undefined) ?? join(root, 'web', 'dist'));
  const missing = FAMILIES.filter((f) => !existsSync(join(dist, f, 'index.html')));
  if (missing.length > 0) {
    throw new FairDrawError(
      'site.no-web',
      `找不到构建好的网页 ${missing.map((f) => join(dist, f, 'index.html')).join('、')}。请先构建网页：npx vite build --config web/vite.config.ts`,
      `the built pages are missing (${missing.map((f) => join(dist, f, 'index.html')).join(', ')}). Build them first: npx vite build --config web/vite.config.ts`,
      { file: dist },
    );
  }
  return withOffice(values, async (office) => {
    const data = await siteFiles(office, event);
    const pages = staticPages(dist);
    let count = 0;
    for (const [path, body] of [...pages, ...data]) {
      const target = join(outDir, path);
      if (!target.startsWith(outDir)) throw new FairDrawError('site.path', `非法路径 ${path}`, `refusing the path ${path}`, { file: path });
      mkdirSync(dirname(target), { recursive: true });
      if (typeof body === 'string') writeFileSync(target, body);
      else copyFileSync(body.copy, target);
      count++;
    }
    io.out(`static site of ${event} written to ${outDir} (${count} files) / 已生成静态公示网站`);
    io.out(`  open ${join(outDir, 'portal', 'index.html')} through any web server, e.g. python3 -m http.server -d ${outDir}`);
    return 0;
  });
}

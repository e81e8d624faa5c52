/**
 * The data of a static public site: every view the portal and the verifier read, as files, so a
 * plain file server or a CDN can host them without the app server. Returned as relative path →
 * text; the CLI writes them beside the built pages.
 *
 * The server answers a family's address `/portal/<event>/applicant/<reg>` (the one printed and in
 * the QR code of their notice) with the portal itself; a file server has no such routes, and the
 * static portal keeps its route in the hash. So the site holds a small page at each family's
 * address that opens `portal/#/<event>/applicant/<reg>`, worked out from the address it was opened
 * at (with or without a trailing slash or index.html, under any folder).
 */
import type { Office } from '../ports.js';
import { announcement, publicEvents } from './announcement.js';
import { allUnitResults } from './unit-results.js';
import { allApplicantPages } from './applicant-page.js';
import { publicBundleFile } from './bundle-files.js';
import { privacyNotice } from '../privacy/notice.js';
import { shardName, shardPrefixLength, sitePath } from './site-paths.js';
import type { ApplicantPage, SiteManifest } from '../../api/public.js';

export async function siteFiles(office: Office, eventId: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const json = (path: string, value: unknown): void => void files.set(path, JSON.stringify(value));
  const ann = await announcement(office, eventId);
  const pages = await allApplicantPages(office, eventId);
  const prefix = shardPrefixLength(pages.length);
  const manifest: SiteManifest = {
    format: 'fairdraw-site/v1',
    generatedAt: office.clock.now().toISOString(),
    events: [{ id: ann.id, title: ann.title, shardPrefix: prefix }],
  };
  json(sitePath.manifest, manifest);
  json(
    sitePath.events,
    (await publicEvents(office)).filter((e) => e.id === eventId),
  );
  json(sitePath.announcement(eventId), ann);
  json(sitePath.privacyNotice(eventId), await privacyNotice(office, eventId));
  if (ann.resultsPublished) {
    for (const r of await allUnitResults(office, eventId)) json(sitePath.results(eventId, r.unit.id), r);
  }
  const shards = new Map<string, Record<string, ApplicantPage>>();
  for (const p of pages) {
    const name = shardName(p.regNo, prefix);
    let s = shards.get(name);
    if (!s) shards.set(name, (s = {}));
    s[p.regNo] = p;
  }
  // Each family's own address, which the QR code on their notice opens: a plain file server
  // serves it as that folder's index.html, which opens the portal's page for them.
  for (const p of pages) files.set(sitePath.applicantPage(eventId, p.regNo), applicantAddressPage(eventId, p.regNo));
  for (const s of shards.values()) {
    const first = Object.keys(s)[0]!;
    json(sitePath.shard(eventId, first, prefix), { applicants: s });
  }
  for (const file of ann.bundle) files.set(sitePath.bundle(eventId, file), (await publicBundleFile(office, eventId, file)).text);
  return files;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page at a family's own address: it opens the static portal's page for them. */
export function applicantAddressPage(eventId: string, regNo: string): string {
  const route = `#/${encodeURIComponent(eventId)}/applicant/${encodeURIComponent(regNo)}`;
  // …/portal/<event>/applicant/<reg>[/][index.html] → …/portal/ + the route.
  const script =
    `var u=location.href.split('#')[0].split('?')[0].replace(/\\/index\\.html$/,'').replace(/\\/$/,'');` +
    `location.replace(u.replace(/\\/[^\\/]+\\/applicant\\/[^\\/]+$/,'/')+${JSON.stringify(route)});`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>阳光摇号 · 报名号 ${escapeHtml(regNo)}</title>`,
    `<script>${script}</script>`,
    `<p><a href="../../../${escapeHtml(route)}">查看报名号 ${escapeHtml(regNo)} 的摇号结果</a></p>`,
    '',
  ].join('\n');
}

/**
 * The data of a static public site: every view the portal and the verifier read, as files, so a
 * plain file server or a CDN can host them without the app server. Returned as relative path →
 * text; the CLI writes them beside the built pages.
 */
import type { Office } from '../ports.js';
import { announcement, publicEvents } from './announcement.js';
import { allUnitResults } from './unit-results.js';
import { allApplicantPages } from './applicant-page.js';
import { publicBundleFile } from './bundle-files.js';
import { shardName, shardPrefixLength, sitePath } from './site-paths.js';
import type { ApplicantPage, SiteManifest } from './types.js';

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
  for (const s of shards.values()) {
    const first = Object.keys(s)[0]!;
    json(sitePath.shard(eventId, first, prefix), { applicants: s });
  }
  for (const file of ann.bundle) files.set(sitePath.bundle(eventId, file), (await publicBundleFile(office, eventId, file)).text);
  return files;
}

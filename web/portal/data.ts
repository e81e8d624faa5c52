/** The portal's data, from the server or from a static export (see site-mode.ts). */
import { ApiError } from '../shared/api.js';
import { shardName, sitePath } from '../../src/office/public/site-paths.js';
import type { PrivacyNotice } from '../../src/api/public.js';
import type {
  Announcement,
  ApplicantPage,
  PublicDistrict,
  PublicEventList,
  PublicEventSummary,
  UnitResultsView,
} from '../../src/api/public.js';
import type { RecordLike } from '../../src/office/documents/charts/record-data.js';
import { bundleUrl, getJson, isStatic, siteManifest, staticUrl } from './site-mode.js';

const enc = encodeURIComponent;

export async function getEvents(): Promise<PublicEventSummary[]> {
  return (await getEventList()).events;
}

/** The events, and the city's districts (none in an install without districts, and in a static site). */
export async function getEventList(): Promise<{ events: PublicEventSummary[]; districts: PublicDistrict[] }> {
  if (isStatic) return { events: await getJson<PublicEventSummary[]>(staticUrl(sitePath.events)), districts: [] };
  const r = await getJson<PublicEventList>('/api/public/events');
  return { events: r.events, districts: r.districts ?? [] };
}

export function getAnnouncement(event: string): Promise<Announcement> {
  return getJson<Announcement>(isStatic ? staticUrl(sitePath.announcement(event)) : `/api/public/events/${enc(event)}`);
}

export function getPrivacyNotice(event: string): Promise<PrivacyNotice> {
  return getJson<PrivacyNotice>(isStatic ? staticUrl(sitePath.privacyNotice(event)) : `/api/public/events/${enc(event)}/privacy-notice`);
}

export function getUnitResults(event: string, unit: string): Promise<UnitResultsView> {
  return getJson<UnitResultsView>(
    isStatic ? staticUrl(sitePath.results(event, unit)) : `/api/public/events/${enc(event)}/results/${enc(unit)}`,
  );
}

/** The published record (record.json of the public bundle), once results are published. */
export function getRecord(event: string): Promise<RecordLike> {
  return getJson<RecordLike>(bundleUrl(event, 'record.json'));
}

/** What a family types, made comparable (as the server does): full width to ASCII, no spaces. */
export function normaliseRegNo(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '');
}

/** One applicant's page; null when the number is not in the published list. */
export async function getApplicant(event: string, typed: string): Promise<ApplicantPage | null> {
  const reg = normaliseRegNo(typed);
  if (!/^[0-9A-Za-z_.-]{1,64}$/.test(reg)) return null;
  try {
    if (!isStatic) return await getJson<ApplicantPage>(`/api/public/events/${enc(event)}/applicants/${enc(reg)}`);
    const site = await siteManifest();
    const prefix = site.events.find((e) => e.id === event)?.shardPrefix ?? 1;
    const shard = await getJson<{ applicants: Record<string, ApplicantPage> }>(staticUrl(sitePath.shard(event, reg, prefix)));
    return shard.applicants[reg] ?? shard.applicants[reg.toUpperCase()] ?? null;
  } catch (e) {
    // A shard that does not exist is a miss like any other; so is the server's 404.
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export { shardName };

/**
 * Where each public view lives in a static export, shared by the exporter and the pages (no
 * imports: the browser bundles this file as it is). Applicants are stored in shards by the first
 * characters of their registration number, so a lookup downloads one small file, not the list.
 */

/** Prefix length for a list of `n`: about 100 applicants per shard at most sizes. */
export function shardPrefixLength(n: number): number {
  return n <= 3000 ? 1 : n <= 150_000 ? 2 : 3;
}

/**
 * The shard file name of a registration number: its first `length` characters, case-folded (some
 * file systems ignore case) and written in hex (no file name is ever "." or "..").
 */
export function shardName(regNo: string, length: number): string {
  let hex = '';
  for (const ch of regNo.slice(0, length).toLowerCase()) hex += ch.charCodeAt(0).toString(16).padStart(2, '0');
  return `${hex}.json`;
}

/** An identifier as one path segment: ids made only of dots would climb the folder tree. */
export function segment(id: string): string {
  return /^\.+$/.test(id) ? `_dots${id.length}` : id;
}

/** Paths of a static site, relative to its root. */
export const sitePath = {
  manifest: 'site.json',
  events: 'data/events.json',
  announcement: (event: string) => `data/events/${segment(event)}/announcement.json`,
  privacyNotice: (event: string) => `data/events/${segment(event)}/privacy-notice.json`,
  results: (event: string, unit: string) => `data/events/${segment(event)}/results/${segment(unit)}.json`,
  shard: (event: string, regNo: string, length: number) => `data/events/${segment(event)}/shards/${shardName(regNo, length)}`,
  bundle: (event: string, file: string) => `data/events/${segment(event)}/bundle/${file}`,
  /** A family's own address, as their notice's QR code holds it (`/portal/<event>/applicant/<reg>`). */
  applicantPage: (event: string, regNo: string) => `portal/${segment(event)}/applicant/${segment(regNo)}/index.html`,
};

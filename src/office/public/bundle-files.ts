/**
 * The files of the public bundle, each as soon as it may be public: the rules and the list from
 * publication (公示); the sources, the record and the audit log once results are published (the
 * seed alone would let anyone compute the results, so it waits for them).
 */
import { FairDrawError } from '../../core/errors.js';
import { publicBundle } from '../exports/bundle.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import type { Office } from '../ports.js';
import { publicEvent } from './access.js';
import { published } from './published.js';

export const PUBLIC_FILES = ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'] as const;
export type PublicFile = (typeof PUBLIC_FILES)[number];

export function availableBundleFiles(ev: EventRow): PublicFile[] {
  if (ev.status === 'draft') return [];
  return ev.status === 'results' ? [...PUBLIC_FILES] : ['rules.json', 'list.jsonl'];
}

export interface BundleFileOut {
  text: string;
  /** True when the file can never change again at this address (cache it for good). */
  immutable: boolean;
}

function missing(file: string): FairDrawError {
  return new FairDrawError('export.file', `没有可公开的文件 ${file}`, `there is no public file ${file}`, { field: 'file' });
}

export async function publicBundleFile(office: Office, eventId: string, file: string): Promise<BundleFileOut> {
  const ev = await publicEvent(office.store.repos, eventId);
  if (!(availableBundleFiles(ev) as string[]).includes(file)) throw missing(file);
  if (file === 'rules.json' || file === 'list.jsonl') {
    const pub = await published(office, ev);
    // While published, a correction may still replace them; from the freeze on they are fixed.
    return { text: file === 'rules.json' ? pub.rulesText : pub.listText, immutable: ev.status !== 'published' };
  }
  const bundle = await publicBundle(office, eventId);
  return { text: bundle[file as PublicFile], immutable: file === 'sources.json' || file === 'record.json' };
}

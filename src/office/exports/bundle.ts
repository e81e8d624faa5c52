/**
 * 公开包: everything a parent, a journalist or an auditor needs to recompute the draw — the
 * contract's three inputs, the record, the audit log with its signed checkpoints and the
 * organiser's public key. `fairdraw verify --bundle` and the Python verifier check every file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FairDrawError } from '../../core/errors.js';
import { jcs, type Json } from '../../core/encoding.js';
import { loadEvent } from '../load-event.js';
import { checkedOfficialRecord } from './stored-record.js';
import type { Office } from '../ports.js';

export interface BundleFiles {
  'rules.json': string;
  'list.jsonl': string;
  'sources.json': string;
  'record.json': string;
  'audit.json': string;
  'organiser.pub': string;
}

export async function publicBundle(office: Office, eventId: string): Promise<BundleFiles> {
  const repos = office.store.repos;
  await loadEvent(repos, eventId, ['drawn', 'results'], {
    zh: '导出公开包（须先正式摇号）',
    en: 'export the public bundle (after the official draw)',
  });
  const { draw: official } = await checkedOfficialRecord(repos, eventId);
  const pub = await repos.publications.latest(eventId);
  if (!pub) throw new FairDrawError('export.no-draw', '没有正式摇号结果', 'there is no official draw', { field: 'event' });
  const entries = await repos.audit.list(eventId);
  const checkpoints = await repos.audit.checkpoints(eventId);
  const publicKey = await office.keys.publicKey();
  return {
    'rules.json': pub.rules_text,
    'list.jsonl': pub.list_text,
    'sources.json': official.sources_text,
    'record.json': official.record_text,
    // Canonical JSON (JCS): every byte of the file is then fixed by the log and its signatures, so
    // the verifiers refuse any byte changed.
    'audit.json': jcs({ event: eventId, organiserPublicKey: publicKey, entries, checkpoints } as unknown as Json),
    'organiser.pub': `${publicKey}\n`,
  };
}

/** Writes the bundle's files into `outDir` (made if missing); returns their paths. */
export function writeBundle(files: BundleFiles, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    return path;
  });
}

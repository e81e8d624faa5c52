/**
 * Who may see what, in one place: an event is public once published (a draft answers exactly like
 * an event that does not exist); results, the sources and the record only once results are
 * published. Lookups of unknown registration numbers all fail the same way, revealing nothing.
 */
import { FairDrawError } from '../../core/errors.js';
import { noEvent, wrongStatus } from '../errors.js';
import type { Repos } from '../../store/index.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import type { Office } from '../ports.js';
import type { PublicStatus } from '../../api/public.js';

export async function publicEvent(repos: Repos, id: string): Promise<EventRow & { status: PublicStatus }> {
  const ev = await repos.events.getById(id);
  if (!ev || ev.status === 'draft') throw noEvent(id);
  return ev as EventRow & { status: PublicStatus };
}

export function resultsPublished(ev: EventRow): boolean {
  return ev.status === 'results';
}

export async function eventWithResults(repos: Repos, id: string): Promise<EventRow & { status: PublicStatus }> {
  const ev = await publicEvent(repos, id);
  if (!resultsPublished(ev)) {
    throw wrongStatus(id, ev.status, ['results'], { zh: '查看录取结果（结果尚未公布）', en: 'show results (not published yet)' });
  }
  return ev;
}

/** The one answer to every registration number that is not in the published list. */
export function noSuchApplicant(): FairDrawError {
  return new FairDrawError(
    'receipt.missing',
    '没有找到这个报名号，请核对后重新输入',
    'no applicant has this registration number; check it and try again',
    { field: 'regNo' },
  );
}

/**
 * What a family types, made comparable: full-width characters from a Chinese input method become
 * ASCII (NFKC) and spaces go. Anything that cannot be an identifier gives undefined. (Lookups then
 * try the number as typed and in capitals, the form registration numbers are issued in.)
 */
export function normaliseRegNo(input: string): string | undefined {
  const s = input.normalize('NFKC').replace(/\s/g, '');
  return /^[0-9A-Za-z_.-]{1,64}$/.test(s) ? s : undefined;
}

/**
 * Per-office memory of expensive, immutable derivations (a Merkle tree, a draw's ranking). Keys
 * must name an immutable state (event, published version, drawn or not): an official record and a
 * published version never change once written (the database refuses it).
 */
const memory = new WeakMap<object, Map<string, Promise<unknown>>>();

export function remember<T>(office: Office, key: string, build: () => Promise<T>): Promise<T> {
  let m = memory.get(office);
  if (!m) memory.set(office, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit as Promise<T>;
  const p = build();
  m.set(key, p);
  p.catch(() => m.delete(key));
  if (m.size > 16) m.delete(m.keys().next().value!);
  return p;
}

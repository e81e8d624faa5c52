/**
 * 正式摇号: runs the published algorithm once, on the frozen documents and the sources given in
 * declared order. The official draw happens once: asking again returns the stored record and never
 * recomputes with other inputs (a "redraw" can change nothing).
 */
import { FairDrawError } from '../core/errors.js';
import { jcs, type Json } from '../core/encoding.js';
import { draw, type DrawResult } from '../core/draw.js';
import { unitCounts } from '../core/record.js';
import { sha256 } from '../core/hash.js';
import { fromUtf8, toHex, utf8 } from '../core/bytes.js';
import { declaredSourcesOf } from './rules-and-list.js';
import { buildSources, type SourceValue } from './sources-input.js';
import { logMilestone } from './audit-trail.js';
import { loadEvent, refuseWithdrawn } from './load-event.js';
import type { Actor, Office } from './ports.js';
import type { DrawRow } from '../store/repositories/draws.repository.js';

export interface DrawOutcome {
  /** false when the official draw had already happened and its stored record is returned. */
  computedNow: boolean;
  draw: DrawRow;
  units: { id: string; seats: number; admitted: number; waitlist: number; applicants: number }[];
}

/** Per-unit counts of a draw just computed. */
export function summarise(result: DrawResult): DrawOutcome['units'] {
  return result.units.map((u) => ({ id: u.id, seats: u.seats, ...unitCounts(u), applicants: u.applicants }));
}

/** Unit summary of a stored record. */
export function summariseRecord(recordText: string): DrawOutcome['units'] {
  const rec = JSON.parse(recordText) as {
    units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
    applicants: { tickets: Record<string, string> }[];
  };
  const applicants = new Map<string, number>();
  for (const a of rec.applicants) for (const u of Object.keys(a.tickets)) applicants.set(u, (applicants.get(u) ?? 0) + 1);
  return rec.units.map((u) => ({
    id: u.id,
    seats: u.seats,
    admitted: u.admitted.length,
    waitlist: u.waitlist.length,
    applicants: applicants.get(u.id) ?? 0,
  }));
}

/**
 * The refusal met by every path to the official draw other than the ceremony (the console's 摇号
 * tab, `POST /api/events/:id/draw`, `fairdraw draw --event`) when the event declares witnesses.
 */
export function ceremonyOnly(eventId: string): FairDrawError {
  const path = `/ceremony/${encodeURIComponent(eventId)}/control`;
  return new FairDrawError(
    'draw.ceremony-only',
    `本批次声明了现场见证人，正式摇号只能在公开的摇号仪式中进行：见证人先密封提交各自的值，全部密封后再揭示，然后开始摇号。请在控制台打开摇号现场（${path}）。演练不受此限制。`,
    `this event declares witnesses, so its official draw happens only in the public ceremony: each witness seals their value, all are revealed once every one is sealed, then the draw runs. Open the ceremony's control panel (${path}). Rehearsals stay free.`,
    { field: 'sources' },
  );
}

/**
 * 正式摇号 outside a ceremony: only for an event that declares no witness (public numbers and a
 * drand round alone). An event with witnesses is drawn by the ceremony (ceremony/ceremony-draw.ts).
 */
export async function runDraw(office: Office, eventId: string, given: readonly SourceValue[], actor: Actor): Promise<DrawOutcome> {
  return officialDraw(office, eventId, given, actor, 'direct');
}

/** The ceremony's own call, once every sealed value is revealed (or replaced). Not for any other path. */
export async function drawInCeremony(office: Office, eventId: string, given: readonly SourceValue[], actor: Actor): Promise<DrawOutcome> {
  return officialDraw(office, eventId, given, actor, 'ceremony');
}

async function officialDraw(
  office: Office,
  eventId: string,
  given: readonly SourceValue[],
  actor: Actor,
  path: 'direct' | 'ceremony',
): Promise<DrawOutcome> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId);
    const existing = await repos.draws.official(eventId);
    if (existing) {
      await logMilestone(repos, office, eventId, actor, 'draw.repeat-request', {
        recordSha256: existing.record_sha256,
        note: 'stored record returned; nothing recomputed',
      });
      return { computedNow: false, draw: existing, units: summariseRecord(existing.record_text) };
    }
    await refuseWithdrawn(repos, eventId, { zh: '正式摇号', en: 'draw' });
    if (path === 'direct' && declaredSourcesOf(ev).some((d) => d.kind === 'witness')) throw ceremonyOnly(eventId);
    if (ev.status !== 'frozen') {
      throw new FairDrawError(
        'draw.not-frozen',
        '名单冻结后才能正式摇号',
        'the official draw needs a frozen event (publish, then freeze)',
        { field: 'status' },
      );
    }
    const pub = await repos.publications.latest(eventId);
    if (!pub) throw new FairDrawError('draw.unpublished', '没有公示版本', 'there is no published version', { field: 'event' });
    const sources = buildSources(declaredSourcesOf(ev), given);
    const sourcesText = jcs(sources as unknown as Json);
    const result = draw({ rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(sourcesText) });
    const now = office.clock.now().toISOString();
    const row: DrawRow = {
      event_id: eventId,
      draw_id: result.header.drawId,
      kind: 'official',
      version: pub.version,
      sources_text: sourcesText,
      record_text: fromUtf8(result.recordBytes),
      record_sha256: toHex(sha256(result.recordBytes)),
      seed: result.header.seed,
      created_at: now,
    };
    await repos.draws.insert(row);
    await repos.events.setStatus(eventId, 'drawn', now);
    await logMilestone(repos, office, eventId, actor, 'draw.official', {
      version: pub.version,
      paramsSha256: pub.params_sha256,
      listRoot: pub.list_root,
      sources: sources as unknown as Json,
      sourcesSha256: result.header.sourcesSha256,
      seed: result.header.seed,
      recordSha256: row.record_sha256,
    });
    return { computedNow: true, draw: row, units: summarise(result) };
  });
}

/**
 * 演练: a rehearsal of the draw on a throwaway copy. Its drawId carries a rehearsal marker, so its
 * rules, seed and record differ from the official ones; it is logged and can never be published.
 */
import { FairDrawError } from '../core/errors.js';
import { jcs, type Json } from '../core/encoding.js';
import { draw } from '../core/draw.js';
import { sha256 } from '../core/hash.js';
import { fromUtf8, toHex, utf8 } from '../core/bytes.js';
import { declaredSourcesOf } from './rules-and-list.js';
import { buildSources, type SourceValue } from './sources-input.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import type { Actor, Office } from './ports.js';
import { summarise, type DrawOutcome } from './run-draw.js';

export async function rehearse(
  office: Office,
  eventId: string,
  given: readonly SourceValue[] | undefined,
  actor: Actor,
): Promise<DrawOutcome> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, ['published', 'frozen'], { zh: '演练', en: 'rehearse' });
    const pub = await repos.publications.latest(eventId);
    if (!pub) throw new FairDrawError('draw.unpublished', '没有公示版本', 'there is no published version', { field: 'event' });
    const n = (await repos.draws.rehearsals(eventId)).length + 1;
    const drawId = `${eventId}.rehearsal-${n}`;
    const rules = { ...(JSON.parse(pub.rules_text) as { [k: string]: Json }), drawId, rehearsal: true };
    const rulesText = jcs(rules);
    const declared = declaredSourcesOf(ev);
    if (declared.some((d) => d.kind === 'drand') && !given) {
      throw new FairDrawError(
        'rehearse.drand',
        '演练需要提供一轮已产生的 drand 信标（演练不使用正式轮次）',
        'a rehearsal of a drand draw needs some produced beacon round to be given',
        { field: 'sources' },
      );
    }
    const values =
      given ?? declared.map((d) => ({ label: d.kind === 'drand' ? undefined : d.label, value: office.random.rehearsalValue() }));
    const sources = buildSources(declared, values);
    const sourcesText = jcs(sources as unknown as Json);
    const result = draw({ rules: utf8(rulesText), list: utf8(pub.list_text), sources: utf8(sourcesText) });
    const now = office.clock.now().toISOString();
    const recordSha256 = toHex(sha256(result.recordBytes));
    const row = {
      event_id: eventId,
      draw_id: drawId,
      kind: 'rehearsal' as const,
      version: pub.version,
      sources_text: sourcesText,
      record_text: fromUtf8(result.recordBytes),
      record_sha256: recordSha256,
      seed: result.header.seed,
      created_at: now,
    };
    await repos.draws.insert(row);
    await logAction(repos, office, eventId, actor, 'draw.rehearsal', {
      drawId,
      sources: sources as unknown as Json,
      seed: result.header.seed,
      recordSha256,
    });
    return {
      computedNow: true,
      draw: row,
      units: summarise(result),
    };
  });
}

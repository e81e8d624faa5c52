/**
 * 开始摇号: once every declared source is present (each witness value revealed against its sealed
 * commitment, or replaced as the rules say), the official draw runs once on the held values in declared order, and is stored before anything is shown. The screen then replays the
 * stored record; nothing the screen does can change or delay it.
 */
import { FairDrawError } from '../../core/errors.js';
import { jcs, type Json } from '../../core/encoding.js';
import type { Source } from '../../core/sources.js';
import { buildSources, type SourceValue } from '../sources-input.js';
import { drawInCeremony } from '../run-draw.js';
import { logAction } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { HeldValueRow } from '../../store/repositories/ceremony.repository.js';
import type { DeclaredSource } from '../../core/rules.js';
import { recheckOrHalt } from './open-ceremony.js';
import { appendStep } from './steps.js';
import { loadCeremony, sourceLabel } from './state.js';
import type { Beacon } from './drand-import.js';

export interface CeremonyDrawOutcome {
  drawId: string;
  seed: string;
  recordSha256: string;
  sourcesSha256: string;
  /** false when the draw had already been stored (a second click returns the same record). */
  computedNow: boolean;
}

/** The held values as the office's source values, in declared order; refuses while one is missing. */
export function givenInOrder(declared: readonly DeclaredSource[], held: readonly HeldValueRow[]): SourceValue[] {
  const missing = declared.map((d, i) => (held.some((v) => v.idx === i) ? undefined : sourceLabel(d))).filter((x) => x !== undefined);
  if (missing.length > 0) {
    throw new FairDrawError(
      'ceremony.sources-missing',
      `还缺少 ${missing.length} 个随机来源：${missing.map((m) => `“${m}”`).join('、')}。全部到齐后才能开始摇号`,
      `${missing.length} source(s) still missing: ${missing.map((m) => `"${m}"`).join(', ')}. The draw starts only when all are present`,
      { field: 'sources' },
    );
  }
  return declared.map((d, i) => {
    const v = held.find((x) => x.idx === i)!;
    if (d.kind === 'drand') return { drand: JSON.parse(v.value) as Beacon };
    return { label: d.label, value: v.value };
  });
}

export async function startCeremonyDraw(office: Office, eventId: string, actor: Actor): Promise<CeremonyDrawOutcome> {
  const prepared = await office.store.tx(async (repos) => {
    const { ceremony, declared } = await loadCeremony(repos, eventId, ['open', 'drawn', 'closed'], {
      zh: '开始摇号',
      en: 'start the draw',
    });
    const given = givenInOrder(declared, await repos.ceremony.values(eventId));
    if (ceremony.phase !== 'open') return { given, declared, halted: undefined };
    // The frozen texts are checked once more right before they are used.
    return { given, declared, halted: await recheckOrHalt(repos, office, eventId, actor) };
  });
  if (prepared.halted) throw new FairDrawError('ceremony.halted', prepared.halted.zh, prepared.halted.en, { field: 'ceremony' });

  const expected: Source[] = buildSources(prepared.declared, prepared.given);
  const outcome = await drawInCeremony(office, eventId, prepared.given, actor);
  const d = outcome.draw;
  if (d.sources_text !== jcs(expected as unknown as Json)) {
    // An official draw made outside this ceremony, with other values: never show it as this one.
    throw new FairDrawError(
      'ceremony.other-draw',
      '本批次已在仪式之外用其他随机值正式摇号，仪式不能展示该结果',
      'this event was drawn outside the ceremony with other values; the ceremony cannot present it',
      { field: 'draw' },
    );
  }
  const record = JSON.parse(d.record_text) as { sourcesSha256: string; paramsSha256: string; listRoot: string };
  await office.store.tx(async (repos) => {
    if (await repos.ceremony.hasLog(eventId, 'draw')) return;
    await repos.ceremony.update(eventId, { phase: 'drawn', updated_at: office.clock.now().toISOString() });
    await appendStep(repos, office, eventId, 'draw', {
      drawId: d.draw_id,
      paramsSha256: record.paramsSha256,
      listRoot: record.listRoot,
      sources: expected,
      sourcesSha256: record.sourcesSha256,
      seed: d.seed,
      recordSha256: d.record_sha256,
    });
    await logAction(repos, office, eventId, actor, 'ceremony.draw', { drawId: d.draw_id, seed: d.seed, recordSha256: d.record_sha256 });
  });
  return {
    drawId: d.draw_id,
    seed: d.seed,
    recordSha256: d.record_sha256,
    sourcesSha256: record.sourcesSha256,
    computedNow: outcome.computedNow,
  };
}

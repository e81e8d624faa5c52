/** 声明随机来源: fixes, before publication, which witnesses and public numbers the draw will use. */
import { FairDrawError } from '../core/errors.js';
import { checkRules, type DeclaredSource } from '../core/rules.js';
import type { Json } from '../core/encoding.js';
import { drandRoundTime } from '../core/drand.js';
import { logAction } from './audit-trail.js';
import { checkDistinctLabels } from './create-event.js';
import { loadEvent } from './load-event.js';
import type { Actor, Office } from './ports.js';

export async function declareSources(office: Office, eventId: string, sources: DeclaredSource[], actor: Actor): Promise<void> {
  if (sources.length === 0)
    throw new FairDrawError('event.sources', '至少需要声明一个随机来源', 'declare at least one source of randomness', {
      field: 'declaredSources',
    });
  checkRules({
    spec: 'fairdraw/v1',
    drawId: eventId,
    mechanism: 'deferred-acceptance',
    tieBreak: 'single',
    groupFit: 'strict',
    units: [{ id: 'x', seats: 0 }],
    declaredSources: sources as unknown as Json,
  });
  checkDistinctLabels(sources);
  const drand = sources.find((s) => s.kind === 'drand');
  if (drand && drand.kind === 'drand' && drandRoundTime(drand.round) * 1000 <= office.clock.now().getTime()) {
    throw new FairDrawError(
      'event.drand-past',
      `drand 第 ${drand.round} 轮已经产生（${new Date(drandRoundTime(drand.round) * 1000).toISOString()}），必须声明一个将来的轮次`,
      `drand round ${drand.round} has already been produced (${new Date(drandRoundTime(drand.round) * 1000).toISOString()}); declare a future round`,
      { field: 'declaredSources' },
    );
  }
  await office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, ['draft'], {
      zh: '修改随机来源（公示后不可更改）',
      en: 'change the declared sources (fixed at publication)',
    });
    await repos.events.update(eventId, { declared_sources: JSON.stringify(sources), updated_at: office.clock.now().toISOString() });
    await logAction(repos, office, eventId, actor, 'event.sources', { declaredSources: sources as unknown as Json });
  });
}

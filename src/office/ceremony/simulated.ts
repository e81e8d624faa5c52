/**
 * The ceremony with simulated witnesses, for the demo, training and tests: each witness value is
 * sealed from code (as a phone would), the public numbers typed, the values revealed, the beacon
 * imported and the draw started, all through the same use cases as a real ceremony. It is reached
 * from no route and no bureau command: a real ceremony has its witnesses in the hall.
 */
import { randomBytes } from 'node:crypto';
import { FairDrawError } from '../../core/errors.js';
import { commitmentOf } from '../../core/commitment.js';
import { declaredSourcesOf } from '../rules-and-list.js';
import type { SourceValue } from '../sources-input.js';
import type { Actor, Office } from '../ports.js';
import { openCeremony } from './open-ceremony.js';
import { recordMeeting } from './meeting.js';
import { commitValue, revealValue } from './sealing.js';
import { enterValue } from './enter-value.js';
import { importDrand } from './drand-import.js';
import { startCeremonyDraw, type CeremonyDrawOutcome } from './ceremony-draw.js';

/** What a witness's phone computes and shows at sealing: the commitment, and the salt to write down. */
export function sealedValue(drawId: string, index: number, label: string, value: string, salt = randomBytes(32).toString('hex')) {
  const commitment = commitmentOf({ drawId, index, label, value, salt });
  if (!commitment)
    throw new FairDrawError('ceremony.salt-format', '密封码须为 64 位十六进制', 'the salt must be 64 hex digits', { field: 'salt' });
  return { commitment, salt };
}

export interface SimulatedOptions {
  /** The meeting's place (default: 摇号现场（模拟）); its time is the office clock's. */
  place?: string;
  /** Called between the reveals and the beacon's import (a test moves its clock past the round here). */
  beforeBeacon?: () => void | Promise<void>;
}

/**
 * Runs the ceremony of a frozen event with `values` given in declared order (witness and public
 * values by label, the drand beacon as {drand}); returns the official draw.
 */
export async function drawByCeremony(
  office: Office,
  eventId: string,
  values: readonly SourceValue[],
  actor: Actor,
  options: SimulatedOptions = {},
): Promise<CeremonyDrawOutcome> {
  const ev = await office.store.repos.events.getById(eventId);
  if (!ev) throw new FairDrawError('event.unknown', `没有批次 ${eventId}`, `no event ${eventId}`, { field: 'event' });
  const declared = declaredSourcesOf(ev);
  if (values.length !== declared.length) {
    throw new FairDrawError(
      'sources.missing',
      `声明了 ${declared.length} 个随机来源，实际给出 ${values.length} 个`,
      `${declared.length} sources were declared, ${values.length} given`,
      { field: 'sources' },
    );
  }
  await openCeremony(office, eventId, actor);
  const startedAt = office.clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  await recordMeeting(office, eventId, { place: options.place ?? '摇号现场（模拟）', startedAt }, actor);
  const sealed: { index: number; value: string; salt: string }[] = [];
  for (const [index, d] of declared.entries()) {
    if (d.kind !== 'witness') continue;
    const value = (values[index]!.value ?? '').normalize('NFC').trim();
    const s = sealedValue(eventId, index, d.label, value);
    await commitValue(office, eventId, { index, commitment: s.commitment, via: 'phone' }, `witness:${d.label}`);
    sealed.push({ index, value, salt: s.salt });
  }
  for (const [index, d] of declared.entries()) {
    if (d.kind === 'public') await enterValue(office, eventId, index, values[index]!.value ?? '', actor);
  }
  for (const s of sealed) {
    const label = (declared[s.index] as { label: string }).label;
    await revealValue(office, eventId, { index: s.index, value: s.value, salt: s.salt, via: 'phone' }, `witness:${label}`);
  }
  await options.beforeBeacon?.();
  for (const [index, d] of declared.entries()) {
    const b = values[index]!.drand;
    if (d.kind === 'drand' && b) await importDrand(office, eventId, JSON.stringify(b), 'paste', actor);
  }
  return startCeremonyDraw(office, eventId, actor);
}

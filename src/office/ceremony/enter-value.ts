/**
 * 录入随机值: a witness's value (dice, numbered balls, read-out digits) or a public number, typed on
 * the operator's keyboard or on the witness's own phone. Held until every declared source is
 * present; shown to the room the moment it is stored; final once stored.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText } from '../../core/encoding.js';
import { logAction } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import { appendStep } from './steps.js';
import { declaredAt, earlierEmptyWitness, loadCeremony, personOf, rosterSlots } from './state.js';

export type ValueVia = 'keyboard' | 'phone';

export const MAX_VALUE_LENGTH = 200;

/** Normalises and checks a typed value (§1.3 text rules, non-empty), naming the slot in errors. */
export function cleanValue(raw: string, label: string, field: string): string {
  const value = raw.normalize('NFC').trim();
  if (!value) throw new FairDrawError('sources.value', `“${label}”的值不能为空`, `the value of "${label}" must not be empty`, { field });
  checkText(value, { field });
  if ([...value].length > MAX_VALUE_LENGTH) {
    throw new FairDrawError(
      'ceremony.value-long',
      `“${label}”的值过长（最多 ${MAX_VALUE_LENGTH} 个字符）`,
      `the value of "${label}" is too long (${MAX_VALUE_LENGTH} characters at most)`,
      { field },
    );
  }
  return value;
}

/** Stores one witness or public value, inside the caller's transaction. */
export async function enterValueIn(
  repos: Repos,
  office: Office,
  eventId: string,
  index: number,
  raw: string,
  via: ValueVia,
  actor: Actor,
): Promise<{ label: string; value: string; by: string }> {
  const { ev, declared } = await loadCeremony(repos, eventId, ['open'], { zh: '录入随机值', en: 'enter a value' });
  if (ev.status !== 'frozen') {
    throw new FairDrawError('ceremony.drawn', '已正式摇号，不能再录入随机值', 'the official draw has happened; no more values', {
      field: 'event',
    });
  }
  const d = declaredAt(declared, index);
  const field = `sources[${index}]`;
  if (d.kind === 'drand') {
    throw new FairDrawError(
      'ceremony.slot',
      `第 ${index + 1} 个来源是 drand 信标，请导入信标数据`,
      `source ${index + 1} is the drand beacon; import it`,
      {
        field,
      },
    );
  }
  const values = await repos.ceremony.values(eventId);
  if (values.some((v) => v.idx === index)) {
    throw new FairDrawError(
      'ceremony.value-present',
      `“${d.label}”的值已经录入，不能更改`,
      `the value of "${d.label}" is already entered and cannot be changed`,
      { field },
    );
  }
  if (d.kind === 'witness') {
    const before = earlierEmptyWitness(declared, values, index);
    if (before !== undefined) {
      const label = (declared[before] as { label: string }).label;
      throw new FairDrawError(
        'ceremony.order',
        `请按公示的顺序录入：请先录入“${label}”的值`,
        `values are entered in the published order: first "${label}"`,
        { field },
      );
    }
  }
  const value = cleanValue(raw, d.label, `${field}.value`);
  const slot = rosterSlots(declared, await repos.ceremony.roster(eventId)).find((s) => s.index === index);
  const by = d.kind === 'witness' ? personOf(slot, d.label) : actor;
  await repos.ceremony.insertValue({
    event_id: eventId,
    idx: index,
    kind: d.kind,
    label: d.label,
    value,
    entered_by: by,
    via,
    at: office.clock.now().toISOString(),
  });
  await logAction(repos, office, eventId, actor, 'ceremony.value', { index, kind: d.kind, label: d.label, value, by, via });
  await appendStep(repos, office, eventId, 'value', { index, kind: d.kind, label: d.label, value, by, via });
  return { label: d.label, value, by };
}

/** 键盘录入: the operator types the value read aloud by the witness. */
export async function enterValue(office: Office, eventId: string, index: number, raw: string, actor: Actor) {
  return office.store.tx((repos) => enterValueIn(repos, office, eventId, index, raw, 'keyboard', actor));
}

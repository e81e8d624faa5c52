/**
 * 录入公开数: a public number, typed on the operator's keyboard once every witness value is sealed
 * and before the first witness reveals (so neither the typist nor anyone in the room knows a witness
 * value when the public numbers are fixed). Witness values are never typed here: they are sealed
 * first and revealed after (sealing.ts). Final once stored.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText } from '../../core/encoding.js';
import { logAction } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import { appendStep } from './steps.js';
import { declaredAt, loadCeremony } from './state.js';
import { sealingState } from './sealing.js';

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
    throw new FairDrawError(
      'ceremony.sealed-entry',
      `“${d.label}”是见证人的值：须由见证人本人密封提交（手机链接，或大厅键盘的密封录入），全部密封后再揭示`,
      `"${d.label}" is a witness value: the witness seals it themself (their phone link, or a sealed entry on the hall keyboard), and reveals it once all are sealed`,
      { field },
    );
  }
  const state = await sealingState(repos, eventId, declared);
  if (!state.allCommitted) {
    throw new FairDrawError(
      'ceremony.sealing',
      '公开数在全部见证人密封提交之后录入',
      'public numbers are entered once every witness value is sealed',
      { field },
    );
  }
  if (state.revealStarted) {
    throw new FairDrawError(
      'ceremony.reveal-started',
      '揭示已经开始，不能再录入公开数',
      'the reveals have begun; public numbers can no longer be entered',
      { field },
    );
  }
  const value = cleanValue(raw, d.label, `${field}.value`);
  const by = actor;
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

/** 键盘录入: the operator types a public number. */
export async function enterValue(office: Office, eventId: string, index: number, raw: string, actor: Actor) {
  return office.store.tx((repos) => enterValueIn(repos, office, eventId, index, raw, 'keyboard', actor));
}

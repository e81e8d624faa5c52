/**
 * 见证人名单: who enters each declared witness value, and the one named alternate (替补) who may take
 * an absent witness's place. Both are fixed before any witness value is entered, so a substitute is
 * never chosen after the first values are known; a substitution is logged and shown to the room.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText, type Json } from '../../core/encoding.js';
import { logAction, logMilestone } from '../audit-trail.js';
import { loadEvent } from '../load-event.js';
import { declaredSourcesOf } from '../rules-and-list.js';
import type { Actor, Office } from '../ports.js';
import { appendStep } from './steps.js';
import { declaredAt, loadCeremony, rosterSlots } from './state.js';
import type { RosterSlot } from './log-types.js';

export interface RosterInput {
  index: number;
  witness?: string | null;
  alternate?: string | null;
}

function personName(v: string | null | undefined, field: string): string | null {
  if (v === undefined || v === null) return null;
  const s = v.normalize('NFC').trim();
  if (!s) return null;
  checkText(s, { field });
  if ([...s].length > 40)
    throw new FairDrawError('ceremony.name', '姓名过长（最多 40 个字）', 'the name is too long (40 characters at most)', { field });
  return s;
}

export async function setRoster(office: Office, eventId: string, entries: readonly RosterInput[], actor: Actor): Promise<RosterSlot[]> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, ['draft', 'published', 'frozen'], { zh: '修改见证人名单', en: 'change the witness roster' });
    const declared = declaredSourcesOf(ev);
    const ceremony = await repos.ceremony.get(eventId);
    if (ceremony && ceremony.phase !== 'open') {
      throw new FairDrawError(
        'ceremony.roster-locked',
        '摇号仪式已不在进行中，名单不能再改',
        'the ceremony is no longer open; the roster is fixed',
        {
          field: 'roster',
        },
      );
    }
    if ((await repos.ceremony.commitments(eventId)).length > 0) {
      throw new FairDrawError(
        'ceremony.roster-locked',
        '已有见证人密封提交了随机值，见证人及替补名单不能再改',
        'a witness value has been sealed; the roster and its alternates are fixed',
        { field: 'roster' },
      );
    }
    const rows = await repos.ceremony.roster(eventId);
    const now = office.clock.now().toISOString();
    for (const e of entries) {
      const d = declaredAt(declared, e.index);
      const field = `roster[${e.index}]`;
      if (d.kind !== 'witness') {
        throw new FairDrawError('ceremony.slot', `第 ${e.index + 1} 个随机来源不是现场见证人`, `source ${e.index + 1} is not a witness`, {
          field,
        });
      }
      const prior = rows.find((r) => r.idx === e.index);
      if (prior?.substituted) {
        throw new FairDrawError('ceremony.substituted', `“${d.label}”已由替补代替`, `"${d.label}" has already been substituted`, { field });
      }
      const witness = personName(e.witness, `${field}.witness`);
      const alternate = personName(e.alternate, `${field}.alternate`);
      if (witness && alternate && witness === alternate) {
        throw new FairDrawError('ceremony.alternate', '替补不能与见证人是同一人', 'the alternate must be another person', {
          field: `${field}.alternate`,
        });
      }
      await repos.ceremony.upsertRoster({
        event_id: eventId,
        idx: e.index,
        label: d.label,
        witness_name: witness,
        alternate_name: alternate,
        substituted: 0,
        updated_at: now,
      });
    }
    const slots = rosterSlots(declared, await repos.ceremony.roster(eventId));
    await logAction(repos, office, eventId, actor, 'ceremony.roster', { slots: slots as unknown as Json });
    if (ceremony) await appendStep(repos, office, eventId, 'roster', { slots });
    return slots;
  });
}

/** 替补: the named alternate takes the absent witness's slot (same declared label, same position). */
export async function substituteWitness(office: Office, eventId: string, index: number, actor: Actor): Promise<RosterSlot> {
  return office.store.tx(async (repos) => {
    const { declared } = await loadCeremony(repos, eventId, ['open'], { zh: '启用替补', en: 'substitute a witness' });
    const d = declaredAt(declared, index);
    const field = `roster[${index}]`;
    if (d.kind !== 'witness') {
      throw new FairDrawError('ceremony.slot', `第 ${index + 1} 个随机来源不是现场见证人`, `source ${index + 1} is not a witness`, {
        field,
      });
    }
    if ((await repos.ceremony.commitments(eventId)).some((c) => c.idx === index)) {
      throw new FairDrawError(
        'ceremony.value-present',
        `“${d.label}”已经密封提交：只有密封的人能揭示，未揭示的值按公示规则替换`,
        `"${d.label}" is already sealed: only who sealed it can reveal it; a value not revealed is replaced as the published rules say`,
        { field },
      );
    }
    const slot = rosterSlots(declared, await repos.ceremony.roster(eventId)).find((s) => s.index === index)!;
    if (slot.substituted) return slot;
    if (!slot.alternate) {
      throw new FairDrawError(
        'ceremony.no-alternate',
        `“${d.label}”没有事先指定替补，按公示规则不能由他人代替`,
        `no alternate was named for "${d.label}"; under the published rules nobody else may stand in`,
        { field },
      );
    }
    const now = office.clock.now().toISOString();
    await repos.ceremony.upsertRoster({
      event_id: eventId,
      idx: index,
      label: d.label,
      witness_name: slot.witness,
      alternate_name: slot.alternate,
      substituted: 1,
      updated_at: now,
    });
    await repos.ceremony.revokeLinks(eventId, index, now);
    const absent = slot.witness ?? d.label;
    await logMilestone(repos, office, eventId, actor, 'ceremony.substitute', { index, label: d.label, absent, alternate: slot.alternate });
    await appendStep(repos, office, eventId, 'substitute', { index, label: d.label, absent, alternate: slot.alternate });
    return { ...slot, substituted: true };
  });
}

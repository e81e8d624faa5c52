/** The ceremony's state as the use cases need it: the open ceremony, its declared slots, who speaks for each. */
import { FairDrawError } from '../../core/errors.js';
import type { DeclaredSource } from '../../core/rules.js';
import type { Repos } from '../../store/index.js';
import type { CeremonyRow, RosterRow } from '../../store/repositories/ceremony.repository.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import type { CeremonyPhase } from '../../store/schema.js';
import { declaredSourcesOf } from '../rules-and-list.js';
import { loadEvent } from '../load-event.js';
import type { Bilingual, RosterSlot } from './log-types.js';

export interface Loaded {
  ev: EventRow;
  ceremony: CeremonyRow;
  declared: DeclaredSource[];
}

const PHASE_ZH: Record<CeremonyPhase, string> = { open: '进行中', halted: '已停止', drawn: '已摇号', closed: '已结束' };

/** Loads the event's ceremony, refusing when it was never opened, is halted, or is in another phase. */
export async function loadCeremony(repos: Repos, eventId: string, phases: readonly CeremonyPhase[], act: Bilingual): Promise<Loaded> {
  const ev = await loadEvent(repos, eventId);
  const ceremony = await repos.ceremony.get(eventId);
  if (!ceremony) {
    throw new FairDrawError(
      'ceremony.not-open',
      `摇号仪式尚未开始（请先“开始仪式”核对公示数据），不能${act.zh}`,
      `the ceremony has not been opened (open it to check the published data first); cannot ${act.en}`,
      { field: 'ceremony' },
    );
  }
  if (ceremony.phase === 'halted') {
    const h = JSON.parse(ceremony.halted ?? '{}') as Partial<Bilingual>;
    throw new FairDrawError('ceremony.halted', h.zh ?? '摇号仪式已停止', h.en ?? 'the ceremony is stopped', { field: 'ceremony' });
  }
  if (!phases.includes(ceremony.phase)) {
    throw new FairDrawError(
      'ceremony.phase',
      `摇号仪式当前${PHASE_ZH[ceremony.phase]}，不能${act.zh}`,
      `the ceremony is ${ceremony.phase}; cannot ${act.en}`,
      { field: 'ceremony' },
    );
  }
  return { ev, ceremony, declared: declaredSourcesOf(ev) };
}

/** The declared source at `index`, refusing an index that was never declared. */
export function declaredAt(declared: readonly DeclaredSource[], index: number): DeclaredSource {
  const d = declared[index];
  if (!d) {
    throw new FairDrawError('ceremony.slot', `没有第 ${index + 1} 个随机来源`, `there is no source ${index + 1}`, {
      field: `sources[${index}]`,
    });
  }
  return d;
}

/** The roster of every declared witness source, named or not. */
export function rosterSlots(declared: readonly DeclaredSource[], rows: readonly RosterRow[]): RosterSlot[] {
  const out: RosterSlot[] = [];
  declared.forEach((d, index) => {
    if (d.kind !== 'witness') return;
    const r = rows.find((x) => x.idx === index);
    out.push({
      index,
      label: d.label,
      witness: r?.witness_name ?? null,
      alternate: r?.alternate_name ?? null,
      substituted: (r?.substituted ?? 0) === 1,
    });
  });
  return out;
}

/** Who enters the value of a slot now: the named witness, their alternate after a substitution, or the label. */
export function personOf(slot: RosterSlot | undefined, label: string): string {
  if (!slot) return label;
  if (slot.substituted) return slot.alternate ?? label;
  return slot.witness ?? label;
}

/** A display label for any declared source. */
export function sourceLabel(d: DeclaredSource): string {
  return d.kind === 'drand' ? `drand #${d.round}` : d.label;
}

/** Small ceremony views for the control panel's tests: only what the code under test reads is meaningful. */
import type { CeremonyView, SlotView } from '../../../src/office/ceremony/ceremony-view.js';

export function slot(index: number, kind: SlotView['kind'], more: Partial<SlotView> = {}): SlotView {
  return { index, kind, label: `来源${index}`, witness: null, alternate: null, substituted: false, person: '', waiting: false, ...more };
}

export function view(
  slots: SlotView[],
  phase: NonNullable<CeremonyView['ceremony']>['phase'] | null,
  sealing: CeremonyView['sealing']['phase'] = 'commit',
): CeremonyView {
  return {
    event: { id: 'zlj2020', title: '', status: 'frozen' } as CeremonyView['event'],
    ceremony: phase === null ? null : ({ phase, revealed: 0, check: null, halted: null } as unknown as CeremonyView['ceremony']),
    units: [],
    slots,
    ready: false,
    sealing: { phase: sealing, deadline: null, rule: null },
    reps: [],
    meeting: null,
    witnesses: [],
    recordings: [],
    official: null,
  };
}

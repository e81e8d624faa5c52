/** Which controls a source's row of the control panel offers, from the ceremony's state. */
import type { CeremonyView, SlotView } from '../../../src/office/ceremony/ceremony-view.js';

export interface SlotControls {
  /** Name the alternate in place of the absent witness (before the witness has sealed). */
  substitute: boolean;
  /** A phone link, or sealing on the hall keyboard, for a witness who has not sealed. */
  seal: boolean;
  /** A sealed witness value to reveal (phone link, hall keyboard, or the published replacement). */
  reveal: boolean;
  /** A public number typed on the hall keyboard. */
  publicValue: boolean;
  /** The drand beacon, pasted, read from a file or fetched. */
  drand: boolean;
}

/** Nothing once the source has its value, the ceremony is not open, or nobody may act. */
export function slotControls(slot: SlotView, view: CeremonyView, canAct: boolean): SlotControls {
  const open = canAct && view.ceremony?.phase === 'open' && !slot.value;
  const witness = open && slot.kind === 'witness';
  return {
    substitute: witness && Boolean(slot.alternate) && !slot.substituted && !slot.commitment,
    seal: witness && !slot.commitment,
    reveal: witness && Boolean(slot.commitment) && view.sealing.phase === 'reveal',
    publicValue: open && slot.kind === 'public',
    drand: open && slot.kind === 'drand',
  };
}

/** The address a witness's phone opens: the token after #, which the browser never sends to a server. */
export function witnessLink(base: string, eventId: string, token: string): string {
  return `${base}/ceremony/${encodeURIComponent(eventId)}/witness#${token}`;
}

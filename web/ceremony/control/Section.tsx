import type { ReactNode } from 'react';
import type { CeremonyView, SlotView } from '../../../src/office/ceremony/ceremony-view.js';
import type { ControlMessages } from '../control-messages.js';

/** What every section of the control panel is given: the ceremony as the server sees it, and how to act on it. */
export interface SectionProps {
  view: CeremonyView;
  c: ControlMessages;
  /** The ceremony's API address, `/api/ceremony/<event>`. */
  api: string;
  /** Asks the server again; every action does it when done. */
  reload: () => Promise<void>;
  /** An operator is logged in (a supervisor sees the panel but cannot act). */
  canAct: boolean;
  /** Where phones reach this server, for the witnesses' links. */
  base: string;
}

/** What a way of entering one slot's value is given (the hall keyboard's seal, its reveal). */
export interface SlotActionProps {
  slot: SlotView;
  view: CeremonyView;
  c: ControlMessages;
  /** The ceremony's API address. */
  url: string;
  /** Called when an action is done (asks the server again). */
  done: () => Promise<void>;
}

/** A card of the control panel with its heading, labelled for screen readers. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="card" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

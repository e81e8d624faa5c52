/**
 * What can be done to the event as a whole: while a draft, rename or delete it; once published and
 * until the official draw, withdraw it (撤回) with a public reason. Each irreversible act asks first.
 */
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAsk } from '../ConfirmDialog.js';
import { MEND_MESSAGES } from './mend-messages.js';
import type { TabProps } from './types.js';
import type { EventDeleted, RenameEventBody, WithdrawBody } from '../../../src/api/staff.js';

export function EventActions({ ev, reload }: TabProps) {
  const { account, lang } = useSession();
  const m = MEND_MESSAGES[lang];
  const { ask, element } = useAsk();
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (account.role !== 'operator' || ev.withdrawn) return null;
  const base = `/api/events/${encodeURIComponent(ev.id)}`;

  if (ev.status === 'draft') {
    return (
      <div className="card" data-part="draft-actions">
        <h2>{m.draftTitle}</h2>
        <p className="muted">{m.draftExplain}</p>
        {title === null ? (
          <p className="row">
            <button onClick={() => setTitle(ev.title)}>{m.rename}</button>
            <button
              onClick={() =>
                ask({
                  title: m.deleteEventTitle(ev.title),
                  body: <p>{m.deleteEventBody(ev.units.length, ev.applicants)}</p>,
                  irreversible: m.deleteEventIrreversible,
                  confirmLabel: m.deleteEvent,
                  danger: true,
                  run: async () => {
                    await api<EventDeleted>('DELETE', base);
                    navigate('/');
                  },
                })
              }
            >
              {m.deleteEvent}
            </button>
          </p>
        ) : (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              api('PATCH', base, { title } satisfies RenameEventBody)
                .then(async () => {
                  setTitle(null);
                  await reload();
                })
                .catch(setError);
            }}
          >
            <input aria-label={m.renameLabel} value={title} onChange={(e) => setTitle(e.target.value)} style={{ flex: 1 }} required />
            <button type="submit" className="primary">
              {m.save}
            </button>
            <button type="button" onClick={() => (setTitle(null), setError(null))}>
              {m.cancel}
            </button>
          </form>
        )}
        <ErrorBox error={error} />
        {element}
      </div>
    );
  }

  if ((ev.status === 'published' || ev.status === 'frozen') && !ev.official) {
    return (
      <div className="card" data-part="withdraw">
        <h2>{m.withdrawTitle}</h2>
        <p className="muted">{m.withdrawExplain}</p>
        <button
          onClick={() =>
            ask({
              title: m.withdrawAsk(ev.title),
              body: <p>{m.withdrawBody}</p>,
              irreversible: m.withdrawIrreversible,
              confirmLabel: m.withdraw,
              danger: true,
              reason: { label: m.withdrawReason, required: true },
              run: async (reason) => {
                await api('POST', `${base}/withdraw`, { reason } satisfies WithdrawBody);
                await reload();
              },
            })
          }
        >
          {m.withdraw}
        </button>
        {element}
      </div>
    );
  }
  return null;
}

/** The banner a withdrawn event shows on every tab. */
export function WithdrawnBanner({ ev }: Pick<TabProps, 'ev'>) {
  const { lang } = useSession();
  if (!ev.withdrawn) return null;
  const m = MEND_MESSAGES[lang];
  return (
    <p className="error" role="status" data-part="withdrawn">
      <span className="badge withdrawn">{m.withdrawnBadge}</span>{' '}
      {m.withdrawnBanner(new Date(ev.withdrawn.at).toLocaleString(), ev.withdrawn.reason)}
    </p>
  );
}

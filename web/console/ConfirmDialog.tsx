/**
 * The one way the console asks before an irreversible act: a modal dialog of the app (never the
 * browser's prompt() or confirm()) saying what will happen and what cannot be undone, with the
 * reason typed in it when the act needs one. The act runs from the dialog; a refusal is shown in
 * it and nothing closes until the act succeeded or the person cancelled.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorBox } from '../shared/ErrorBox.js';
import { useAction } from '../shared/action.js';
import { useSession } from './session.js';
import { ASK_MESSAGES } from './event/mend-messages.js';
import './dialog.css';

export interface Ask {
  title: string;
  /** What will happen. */
  body: ReactNode;
  /** What cannot be undone afterwards. */
  irreversible: string;
  confirmLabel: string;
  /** A reason typed in the dialog (logged); `required` keeps the button disabled until one is typed. */
  reason?: { label: string; required: boolean; placeholder?: string };
  danger?: boolean;
  run: (reason: string) => Promise<unknown>;
}

export function ConfirmDialog({ ask, onClose }: { ask: Ask | null; onClose: (done: boolean) => void }) {
  const { lang } = useSession();
  const m = ASK_MESSAGES[lang];
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run, setError } = useAction();
  const titleId = useId();
  const reasonId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (ask && !d.open) {
      setReason('');
      setError(null);
      d.showModal();
    } else if (!ask && d.open) d.close();
  }, [ask]);

  const confirm = async () => {
    if (!ask) return;
    if (await run(() => ask.run(reason.trim()))) onClose(true);
  };
  const missing = ask?.reason?.required === true && reason.trim() === '';

  return (
    <dialog
      ref={ref}
      className="ask"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose(false);
      }}
    >
      {ask && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!missing && !busy) void confirm();
          }}
        >
          <h2 id={titleId}>{ask.title}</h2>
          <div className="ask-body">{ask.body}</div>
          <p className="ask-irreversible">
            <b>{m.cannotUndo}</b>
            {ask.irreversible}
          </p>
          {ask.reason && (
            <p>
              <label htmlFor={reasonId}>
                {ask.reason.label}
                {ask.reason.required ? ` ${m.required}` : ''}
              </label>
              <textarea
                id={reasonId}
                name="reason"
                rows={2}
                value={reason}
                placeholder={ask.reason.placeholder}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
            </p>
          )}
          <ErrorBox error={error} />
          <p className="row ask-buttons">
            <button type="submit" className={ask.danger ? 'danger' : 'primary'} disabled={missing || busy}>
              {busy ? m.working : ask.confirmLabel}
            </button>
            <button type="button" onClick={() => onClose(false)} disabled={busy} autoFocus={!ask.reason}>
              {m.cancel}
            </button>
          </p>
        </form>
      )}
    </dialog>
  );
}

/** A dialog for a page: `ask(...)` opens it; render `element` once. */
export function useAsk(): { ask: (a: Ask) => void; element: ReactNode } {
  const [current, setCurrent] = useState<Ask | null>(null);
  const close = useCallback(() => setCurrent(null), []);
  return { ask: setCurrent, element: <ConfirmDialog ask={current} onClose={close} /> };
}

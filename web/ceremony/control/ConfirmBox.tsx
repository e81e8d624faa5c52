import type { ReactNode } from 'react';

/** An in-app confirmation that says what will happen (never window.confirm). */
export function ConfirmBox({
  text,
  yes,
  no,
  busy,
  onYes,
  onNo,
  children,
}: {
  text: ReactNode;
  yes: string;
  no: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="confirm-inline" role="dialog" aria-modal="true">
      <p>{text}</p>
      {children}
      <button className="primary" disabled={busy} onClick={onYes}>
        {yes}
      </button>{' '}
      <button disabled={busy} onClick={onNo}>
        {no}
      </button>
    </div>
  );
}

import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { SlotActionProps } from './Section.js';
import { ConfirmBox } from './ConfirmBox.js';
import type { HallRevealBody, ReplaceBody } from '../../../src/api/ceremony.js';

/** 揭示 on the hall keyboard, or the published rule's replacement for a value not revealed. */
export function RevealRow({ slot, view, c, url, done }: SlotActionProps) {
  const a = useAction(done);
  const [value, setValue] = useState('');
  const [salt, setSalt] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<'reveal' | 'replace' | null>(null);
  const rule = view.sealing.rule;
  return (
    <div className="reveal-row">
      <div className="row">
        <input
          aria-label={`${slot.label} ${c.sealValue}`}
          placeholder={c.sealValue}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />{' '}
        <input aria-label={c.revealCode} placeholder={c.revealCode} size={40} value={salt} onChange={(e) => setSalt(e.target.value)} />{' '}
        <button disabled={slot.waiting || !value.trim() || !salt.trim()} onClick={() => setConfirming('reveal')}>
          {c.revealHall}
        </button>
      </div>
      {rule && (
        <div className="row">
          <input aria-label={c.replaceReason} placeholder={c.replaceReason} value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
          <button className="secondary" disabled={!reason.trim()} onClick={() => setConfirming('replace')}>
            {c.replace}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmBox
          text={confirming === 'reveal' ? c.confirmReveal(slot.label, value.trim()) : c.confirmReplace(slot.label, rule?.replacement ?? '')}
          yes={c.yes}
          no={c.no}
          busy={a.busy}
          onNo={() => setConfirming(null)}
          onYes={() =>
            void a
              .run(() =>
                confirming === 'reveal'
                  ? api('POST', `${url}/slots/${slot.index}/reveal`, { value, salt } satisfies HallRevealBody)
                  : api('POST', `${url}/slots/${slot.index}/replace`, { reason } satisfies ReplaceBody),
              )
              .then(() => setConfirming(null))
          }
        />
      )}
      <ErrorBox error={a.error} bothLanguages />
    </div>
  );
}

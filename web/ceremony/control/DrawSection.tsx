import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { Hash } from '../components/Hash.js';
import { Section, type SectionProps } from './Section.js';
import { ConfirmBox } from './ConfirmBox.js';
import type { CeremonyDrawn, RevealBody } from '../../../src/api/ceremony.js';

/** 正式摇号: the one official draw once every value is in, then the results revealed unit by unit. */
export function DrawSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const [confirming, setConfirming] = useState(false);
  if (!view.ceremony) return null;
  const phase = view.ceremony.phase;
  return (
    <Section id="draw" title={c.draw}>
      {phase === 'open' && (
        <>
          <button className="primary big" disabled={!canAct || !view.ready || a.busy} onClick={() => setConfirming(true)}>
            {c.drawButton}
          </button>
          {!view.ready && <span className="muted"> {c.notReady}</span>}
          {confirming && view.ready && (
            <ConfirmBox
              text={c.confirmDraw}
              yes={c.yes}
              no={c.no}
              busy={a.busy}
              onNo={() => setConfirming(false)}
              onYes={() => void a.run(() => api<CeremonyDrawn>('POST', `${url}/draw`)).then(() => setConfirming(false))}
            >
              <ol className="mono small">
                {view.slots.map((sl) => (
                  <li key={sl.index}>
                    {sl.label}：{sl.value?.value}
                  </li>
                ))}
              </ol>
            </ConfirmBox>
          )}
        </>
      )}
      {view.official && (
        <dl className="facts-small">
          <dt>{c.seed}</dt>
          <dd>
            <Hash value={view.official.seed} lines={1} />
          </dd>
          <dt>{c.recordSha256}</dt>
          <dd>
            <Hash value={view.official.recordSha256} lines={1} />
          </dd>
        </dl>
      )}
      {(phase === 'drawn' || phase === 'closed') && (
        <p>
          <span data-revealed={view.ceremony.revealed}>{c.revealed(view.ceremony.revealed, view.units.length)}</span>{' '}
          {view.ceremony.revealed < view.units.length ? (
            <>
              <button className="primary" disabled={!canAct || a.busy} onClick={() => void a.run(() => api('POST', `${url}/reveal`, {}))}>
                {c.revealNext}
              </button>{' '}
              <button
                disabled={!canAct || a.busy}
                onClick={() => void a.run(() => api('POST', `${url}/reveal`, { all: true } satisfies RevealBody))}
              >
                {c.revealAll}
              </button>
            </>
          ) : (
            <button
              className="primary"
              disabled={!canAct || phase === 'closed' || a.busy}
              onClick={() => void a.run(() => api('POST', `${url}/reveal`, {}))}
            >
              {c.showSummary}
            </button>
          )}
        </p>
      )}
      <ErrorBox error={a.error} bothLanguages />
    </Section>
  );
}

import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../ErrorBox.js';
import { UnitCountsTable } from '../../shared/UnitCountsTable.js';
import type { TabProps } from './types.js';

interface DrawOutcome {
  computedNow: boolean;
  drawId: string;
  seed: string;
  recordSha256: string;
  units: { id: string; seats: number; admitted: number; waitlist: number; applicants: number }[];
}

/** The official draw: one value per declared source, in order; then hand over to the ceremony screen. */
export function DrawTab({ ev, reload }: TabProps) {
  const { t, account } = useSession();
  const [values, setValues] = useState<string[]>(ev.declaredSources.map(() => ''));
  const [beacon, setBeacon] = useState('');
  const [outcome, setOutcome] = useState<DrawOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      const sources = ev.declaredSources.map((s, i) => {
        if (s.kind !== 'drand') return { label: s.label, value: values[i] };
        const b = JSON.parse(beacon || '{}') as { round?: number; randomness?: string; signature?: string };
        return { drand: { round: Number(b.round), randomness: String(b.randomness ?? ''), signature: String(b.signature ?? '') } };
      });
      setOutcome(await api<DrawOutcome>('POST', `/api/events/${encodeURIComponent(ev.id)}/draw`, { sources }));
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const official =
    outcome ??
    (ev.official && {
      computedNow: false,
      drawId: ev.official.drawId,
      seed: ev.official.seed,
      recordSha256: ev.official.recordSha256,
      units: ev.official.units,
    });
  return (
    <>
      <div className="card">
        <h2>{t.drawTitle}</h2>
        <p className="muted">{t.drawExplain}</p>
        <p>
          <a href={`/ceremony/${encodeURIComponent(ev.id)}`} target="_blank" rel="noreferrer">
            {t.openCeremony}
          </a>
        </p>
        {account.role === 'operator' && ev.status === 'frozen' && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            {ev.declaredSources.map((s, i) =>
              s.kind === 'drand' ? (
                <div key={i}>
                  <label htmlFor={`src-${i}`}>drand #{s.round}（JSON：round, randomness, signature）</label>
                  <textarea
                    id={`src-${i}`}
                    rows={4}
                    style={{ width: '100%' }}
                    value={beacon}
                    onChange={(e) => setBeacon(e.target.value)}
                    required
                  />
                </div>
              ) : (
                <div key={i}>
                  <label htmlFor={`src-${i}`}>
                    {i + 1}. {s.label}
                  </label>
                  <input
                    id={`src-${i}`}
                    value={values[i]}
                    onChange={(e) => setValues(values.map((v, j) => (j === i ? e.target.value : v)))}
                    required
                  />
                </div>
              ),
            )}
            <p>
              <button className="primary" type="submit" disabled={busy}>
                {t.drawNow}
              </button>
            </p>
          </form>
        )}
        <ErrorBox error={error} />
      </div>
      {official && (
        <div className="card" role="status">
          {!official.computedNow && <p className="muted">{t.alreadyDrawn}</p>}
          <p>
            {t.seed}：<span className="hash">{official.seed}</span>
          </p>
          <p>
            {t.recordHash}：<span className="hash">{official.recordSha256}</span>
          </p>
          <UnitCountsTable rows={official.units.map((u) => ({ ...u, name: ev.units.find((x) => x.id === u.id)?.name ?? u.id }))} t={t} />
        </div>
      )}
    </>
  );
}

import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAction } from '../../shared/action.js';
import { UnitCountsTable } from '../../shared/UnitCountsTable.js';
import type { TabProps } from './types.js';
import { useMessages } from '../../shared/i18n.js';
import { baseQuery, useHallBase } from '../../ceremony/urls.js';
import type { DrawBody, DrawOutcome, SourceValue } from '../../../src/api/staff.js';

const M = {
  zh: {
    ceremonyOnly:
      '本批次声明了现场见证人：正式摇号只能在公开的摇号仪式中进行。见证人在自己的手机上（或在大厅键盘上由本人）密封提交各自的值，全部密封后再录入公开数并揭示，系统核对后才计算种子。此处不能录入见证人的值。演练不受此限制（见“公示”页）。',
    openControl: '打开摇号现场操作面板',
    openDisplay: '打开大屏幕',
    confirmDraw: '确认正式摇号？系统将用下列值计算种子并保存正式结果；正式摇号只进行一次，任何人都不能重摇或更改：',
    yes: '确认正式摇号',
    no: '返回修改',
  },
  en: {
    ceremonyOnly:
      'This event declares witnesses: its official draw happens only in the public ceremony. Each witness seals their value on their own phone (or themself on the hall keyboard); once all are sealed, the public numbers are entered and the values revealed and checked, and only then is the seed computed. Witness values cannot be entered here. Rehearsals stay free (see the publication tab).',
    openControl: "Open the ceremony's control panel",
    openDisplay: 'Open the big screen',
    confirmDraw:
      'Run the official draw? The seed is computed from the values below and the official result stored; it happens once, and nobody can redraw or change it:',
    yes: 'Run the official draw',
    no: 'Edit',
  },
};

/**
 * The official draw. An event that declares witnesses is drawn only in the public ceremony (sealed
 * values, then reveals): this tab points there. An event with public numbers and a beacon only may
 * be drawn here, after a confirmation that shows the values.
 */
export function DrawTab({ ev, reload }: TabProps) {
  const { t, account } = useSession();
  const [values, setValues] = useState<string[]>(ev.declaredSources.map(() => ''));
  const [beacon, setBeacon] = useState('');
  const [outcome, setOutcome] = useState<DrawOutcome | null>(null);
  const { busy, error, run: act } = useAction();
  const [confirming, setConfirming] = useState(false);
  const m = useMessages(M);
  const withWitnesses = ev.declaredSources.some((s) => s.kind === 'witness');
  // The projector's QR codes must carry an address the phones in the hall can reach.
  const hallQuery = baseQuery(useHallBase(ev.id));
  const run = () =>
    act(async () => {
      const sources = ev.declaredSources.map((s, i): SourceValue => {
        if (s.kind !== 'drand') return { label: s.label, value: values[i] };
        const b = JSON.parse(beacon || '{}') as { round?: number; randomness?: string; signature?: string };
        return { drand: { round: Number(b.round), randomness: String(b.randomness ?? ''), signature: String(b.signature ?? '') } };
      });
      setOutcome(await api<DrawOutcome>('POST', `/api/events/${encodeURIComponent(ev.id)}/draw`, { sources } satisfies DrawBody));
      setConfirming(false);
      await reload();
    });
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
        {withWitnesses && (
          <p className="notice" role="note" data-ceremony-only>
            {m.ceremonyOnly}
          </p>
        )}
        <p>
          {withWitnesses && (
            <>
              <a href={`/ceremony/${encodeURIComponent(ev.id)}/control`} target="_blank" rel="noreferrer">
                {m.openControl}
              </a>
              {' · '}
            </>
          )}
          <a href={`/ceremony/${encodeURIComponent(ev.id)}${hallQuery}`} target="_blank" rel="noreferrer" data-testid="open-display">
            {withWitnesses ? m.openDisplay : t.openCeremony}
          </a>
        </p>
        {account.role === 'operator' && ev.status === 'frozen' && !withWitnesses && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setConfirming(true);
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
                    disabled={confirming}
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
                    disabled={confirming}
                    required
                  />
                </div>
              ),
            )}
            {!confirming ? (
              <p>
                <button className="primary" type="submit" disabled={busy}>
                  {t.drawNow}
                </button>
              </p>
            ) : (
              <div className="confirm-box" role="dialog" aria-modal="true">
                <p>
                  <b>{m.confirmDraw}</b>
                </p>
                <ol>
                  {ev.declaredSources.map((s, i) => (
                    <li key={i}>{s.kind === 'drand' ? `drand #${s.round}` : `${s.label}：${values[i]}`}</li>
                  ))}
                </ol>
                <p className="row">
                  <button className="primary" type="button" disabled={busy} onClick={() => void run()}>
                    {m.yes}
                  </button>
                  <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                    {m.no}
                  </button>
                </p>
              </div>
            )}
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

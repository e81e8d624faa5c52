import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAction } from '../../shared/action.js';
import { SourcesEditor, type DeclaredSource } from '../SourcesEditor.js';
import { UnitsEditor } from './UnitsEditor.js';
import { EventActions } from './EventActions.js';
import { DemandCard } from './FairnessCard.js';
import type { TabProps } from './types.js';
import type { NewUnitBody, SourcesBody } from '../../../src/api/staff.js';

export function OverviewTab({ ev, reload }: TabProps) {
  const { t, account } = useSession();
  const canEdit = account.role === 'operator' && ev.status === 'draft';
  const [unit, setUnit] = useState({ id: '', name: '', seats: '' });
  const [sources, setSources] = useState<DeclaredSource[]>(
    ev.declaredSources.map((s) => (s.kind === 'drand' ? { kind: 'drand', chain: s.chain, round: s.round } : s)),
  );
  const { error, run } = useAction();
  /** An action, then the event as it now is (not after a refusal, whose error stays on screen). */
  const act = (f: () => Promise<unknown>) =>
    run(async () => {
      await f();
      await reload();
    });
  return (
    <>
      <div className="card">
        <p>
          <b>{t.mechanism}：</b>
          {t.mechanismNames[ev.mechanism]} — <span className="muted">{t.mechanisms[ev.mechanism]}</span>
        </p>
        <p>
          <b>{t.tieBreak}：</b>
          {t.tieBreaks[ev.tieBreak]}；<b>{t.groupFit}：</b>
          {t.groupFits[ev.groupFit]}
        </p>
        {(ev.bornFrom || ev.bornTo) && (
          <p>
            <b>{t.birthDate}：</b>
            {ev.bornFrom ?? '…'} — {ev.bornTo ?? '…'}
          </p>
        )}
      </div>
      <h2>{t.units}</h2>
      {ev.units.length === 0 ? <p className="card empty">{t.noUnits}</p> : <UnitsEditor ev={ev} reload={reload} canEdit={canEdit} />}
      <DemandCard ev={ev} />
      {canEdit && (
        <form
          className="row card"
          style={{ marginTop: '0.8rem' }}
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await api('POST', `/api/events/${encodeURIComponent(ev.id)}/units`, {
                id: unit.id,
                name: unit.name,
                seats: Number(unit.seats),
              } satisfies NewUnitBody);
              setUnit({ id: '', name: '', seats: '' });
            });
          }}
        >
          <input
            aria-label={t.unitId}
            placeholder={t.unitId}
            value={unit.id}
            onChange={(e) => setUnit({ ...unit, id: e.target.value })}
            required
          />
          <input
            aria-label={t.unitName}
            placeholder={t.unitName}
            value={unit.name}
            onChange={(e) => setUnit({ ...unit, name: e.target.value })}
            required
          />
          <input
            aria-label={t.seats}
            placeholder={t.seats}
            type="number"
            min={1}
            value={unit.seats}
            onChange={(e) => setUnit({ ...unit, seats: e.target.value })}
            required
          />
          <button type="submit">
            {t.add} {t.units}
          </button>
        </form>
      )}
      <h2>{t.sources}</h2>
      {canEdit ? (
        <>
          <SourcesEditor value={sources} onChange={setSources} />
          <button
            onClick={() =>
              void act(() =>
                api('PUT', `/api/events/${encodeURIComponent(ev.id)}/sources`, { declaredSources: sources } satisfies SourcesBody),
              )
            }
          >
            {t.save}
          </button>
        </>
      ) : (
        <ol className="card">
          {ev.declaredSources.map((s, i) => (
            <li key={i}>
              {s.kind === 'drand'
                ? `drand quicknet #${s.round}（${s.producedAt ?? ''}）`
                : `${s.kind === 'witness' ? t.witness : t.publicNumber}：${s.label}`}
            </li>
          ))}
        </ol>
      )}
      <ErrorBox error={error} />
      <EventActions ev={ev} reload={reload} />
      <p className="muted">
        {t.organiserKey}：<span className="hash">{ev.organiserPublicKey}</span>
      </p>
    </>
  );
}

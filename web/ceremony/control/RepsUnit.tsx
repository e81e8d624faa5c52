import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { CeremonyView } from '../../../src/office/ceremony/ceremony-view.js';
import type { ControlMessages } from '../control-messages.js';
import { prepareBody, volunteerNumbers } from './reps.js';
import type { RepsDrawBody } from '../../../src/api/ceremony.js';

/** One unit's representatives: the pool (all applicants or volunteers), then the draw from a public value. */
export function RepsUnit({
  eventId,
  unit,
  reps,
  c,
  reload,
  canAct,
}: {
  eventId: string;
  unit: CeremonyView['units'][number];
  reps: CeremonyView['reps'][number] | undefined;
  c: ControlMessages;
  reload: () => Promise<void>;
  canAct: boolean;
}) {
  const a = useAction(reload);
  const [seats, setSeats] = useState(5);
  const [pool, setPool] = useState<'all' | 'volunteers'>('all');
  const [volunteers, setVolunteers] = useState('');
  const [source, setSource] = useState('公证员（家长代表抽选）');
  const [value, setValue] = useState('');
  const url = `/api/ceremony/${encodeURIComponent(eventId)}/reps/${encodeURIComponent(unit.id)}`;
  const numbers = volunteerNumbers(volunteers);
  return (
    <div className="reps-unit" data-unit={unit.id}>
      <h3>{unit.name}</h3>
      {!reps?.drawn && (
        <>
          <div className="row">
            <div>
              <label htmlFor={`seats-${unit.id}`}>{c.repsSeats}</label>
              <input
                id={`seats-${unit.id}`}
                type="number"
                min={1}
                max={50}
                value={seats}
                onChange={(e) => setSeats(Number(e.target.value))}
              />
            </div>
            <div>
              <label htmlFor={`src-${unit.id}`}>{c.repsSource}</label>
              <input id={`src-${unit.id}`} value={source} onChange={(e) => setSource(e.target.value)} />
            </div>
          </div>
          <fieldset>
            <legend>{c.repsPool}</legend>
            <label className="inline">
              <input type="radio" checked={pool === 'all'} onChange={() => setPool('all')} /> {c.poolAll}
            </label>
            <label className="inline">
              <input type="radio" checked={pool === 'volunteers'} onChange={() => setPool('volunteers')} /> {c.poolVolunteers}
            </label>
            {pool === 'volunteers' && (
              <>
                <label htmlFor={`vol-${unit.id}`}>{c.volunteers}</label>
                <textarea id={`vol-${unit.id}`} rows={3} value={volunteers} onChange={(e) => setVolunteers(e.target.value)} />
                <label htmlFor={`volf-${unit.id}`}>{c.volunteersFile}</label>
                <input
                  id={`volf-${unit.id}`}
                  type="file"
                  accept=".txt,.csv,text/plain,text/csv"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void f.text().then((t) => setVolunteers(t));
                  }}
                />
              </>
            )}
          </fieldset>
          <button
            disabled={!canAct || a.busy || (pool === 'volunteers' && numbers.length === 0)}
            onClick={() => void a.run(() => api('POST', `${url}/prepare`, prepareBody(seats, source, pool, numbers)))}
          >
            {c.prepare}
          </button>
        </>
      )}
      {reps && (
        <div className="reps-state">
          <p>
            {c.pool(reps.poolSize)} · {reps.seats} · <span className="mono">{reps.drawId}</span>
          </p>
          {!reps.drawn ? (
            <div className="row">
              <div>
                <label htmlFor={`rv-${unit.id}`}>
                  {c.repsValue}（{reps.sourceLabel}）
                </label>
                <input id={`rv-${unit.id}`} value={value} onChange={(e) => setValue(e.target.value)} />
              </div>
              <button
                className="primary"
                disabled={!canAct || a.busy || !value.trim()}
                onClick={() => void a.run(() => api('POST', `${url}/draw`, { value } satisfies RepsDrawBody))}
              >
                {c.drawReps}
              </button>
            </div>
          ) : (
            <ol className="reps-list">
              {reps.reps?.map((r) => (
                <li key={r.regNo}>
                  <span className="mono">{r.regNo}</span> {r.name}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <ErrorBox error={a.error} bothLanguages />
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { CeremonyView } from '../../../src/office/ceremony/ceremony-view.js';
import type { ControlMessages } from '../control-messages.js';
import { useCeremonyFeed } from '../feed.js';
import { baseQuery, ceremonyPath, hallBase, ownOrigins } from '../urls.js';
import { MeetingSection } from './MeetingSection.js';
import { RosterSection } from './RosterSection.js';
import { OpenSection } from './OpenSection.js';
import { RepsSection } from './RepsSection.js';
import { SourcesSection } from './SourcesSection.js';
import { DrawSection } from './DrawSection.js';
import { RecordingSection } from './RecordingSection.js';
import type { LanAddresses } from '../../../src/api/ceremony.js';

/**
 * The panel of a logged-in account: the ceremony as the server sees it, asked again on every new
 * step of the log, and one section per stage. Where phones reach the server is chosen here.
 */
export function Panel({ eventId, c, canAct }: { eventId: string; c: ControlMessages; canAct: boolean }) {
  const [view, setView] = useState<CeremonyView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [bases, setBases] = useState<string[]>([location.origin]);
  const [base, setBase] = useState(location.origin);
  const feed = useCeremonyFeed(eventId);
  const api1 = `/api/ceremony/${encodeURIComponent(eventId)}`;

  const reload = useCallback(async () => {
    try {
      setView(await api<CeremonyView>('GET', api1));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [api1]);
  // Reload on every new step of the log, whoever caused it (a witness's phone, another operator).
  useEffect(() => {
    void reload();
  }, [reload, feed.model.lastId]);
  useEffect(() => {
    api<LanAddresses>('GET', `${api1}/lan`)
      .then((r) => {
        setBases([...new Set(ownOrigins(r.addresses))]);
        // A phone cannot reach "localhost": prefer the hall-network address when the laptop uses it.
        setBase(hallBase(r.addresses));
      })
      .catch(() => undefined);
  }, [api1]);

  if (!view) return <ErrorBox error={loadError} bothLanguages />;
  const phase = view.ceremony?.phase ?? 'none';
  const props = { view, c, api: api1, reload, canAct, base };
  return (
    <main className="control-body">
      <div className="card control-top">
        <h1>{view.event.title}</h1>
        <p>
          <span className={`badge phase-${phase}`} data-phase={phase}>
            {c.phase[phase]}
          </span>{' '}
          <button
            className="secondary"
            onClick={() => window.open(`${ceremonyPath(eventId)}${baseQuery(base)}`, 'fairdraw-display', 'popup,width=1920,height=1080')}
          >
            {c.openDisplay}
          </button>{' '}
          <a href={ceremonyPath(eventId, 'live')} target="_blank" rel="noreferrer">
            {c.openLive}
          </a>{' '}
          <a href={ceremonyPath(eventId, 'reps')} target="_blank" rel="noreferrer">
            {c.printReps}
          </a>
        </p>
        <label htmlFor="base">{c.base}</label>
        <select id="base" value={base} onChange={(e) => setBase(e.target.value)}>
          {bases.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
        {!canAct && <p className="muted">{c.needOperator}</p>}
        {view.ceremony?.halted && (
          <p className="error" role="alert">
            {view.ceremony.halted.zh}
            <br />
            {view.ceremony.halted.en}
          </p>
        )}
      </div>
      <MeetingSection {...props} />
      <RosterSection {...props} />
      <OpenSection {...props} />
      <RepsSection {...props} />
      <SourcesSection {...props} />
      <DrawSection {...props} />
      <RecordingSection {...props} />
    </main>
  );
}

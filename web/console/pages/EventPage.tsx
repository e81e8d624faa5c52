import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { Overview } from '../event/types.js';
import { OverviewTab } from '../event/OverviewTab.js';
import { ImportTab } from '../event/ImportTab.js';
import { PublishTab } from '../event/PublishTab.js';
import { DrawTab } from '../event/DrawTab.js';
import { ResultsTab } from '../event/ResultsTab.js';
import { AuditTab } from '../event/AuditTab.js';
import { ExportsTab } from '../event/ExportsTab.js';
import { DocumentsTab } from '../event/DocumentsTab.js';
import { WithdrawnBanner } from '../event/EventActions.js';
import { MEND_MESSAGES } from '../event/mend-messages.js';
import { panelId, tabId, tabProps } from '../../shared/tabs.js';

const ORDER = ['draft', 'published', 'frozen', 'drawn', 'results'];

export function EventPage({ id, tab }: { id: string; tab: string }) {
  const { t, lang } = useSession();
  const [ev, setEv] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setEv(await api<Overview>('GET', `/api/events/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(e);
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (error && !ev) return <ErrorBox error={error} />;
  if (!ev) return null;
  const current = ORDER.indexOf(ev.status);
  const tabs = ['overview', 'import', 'publish', 'draw', 'results', 'documents', 'audit', 'exports'];
  const props = { ev, reload };
  return (
    <>
      <h1>{ev.title}</h1>
      <div className="steps" aria-label="lifecycle">
        {t.steps.map((s, i) => (
          <span key={s} className={i < current ? 'done' : i === current ? 'current' : ''}>
            {i + 1}. {s}
          </span>
        ))}
        {ev.withdrawn ? (
          <span className="badge withdrawn">{MEND_MESSAGES[lang].withdrawnBadge}</span>
        ) : (
          <span className={`badge ${ev.status}`}>{t.status[ev.status]}</span>
        )}
      </div>
      <WithdrawnBanner ev={ev} />
      <div className="tabs" role="tablist" aria-label={t.tabsLabel}>
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            className={tab === k ? 'active' : ''}
            {...tabProps('event', tabs, tab, k, (to) => navigate(`/events/${encodeURIComponent(ev.id)}/${to}`))}
          >
            {t.tabs[k]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId('event')} aria-labelledby={tabId('event', tab)} tabIndex={0} className="tab-panel">
        {tab === 'overview' && <OverviewTab {...props} />}
        {tab === 'import' && <ImportTab {...props} />}
        {tab === 'publish' && <PublishTab {...props} />}
        {tab === 'draw' && <DrawTab {...props} />}
        {tab === 'results' && <ResultsTab {...props} />}
        {tab === 'audit' && <AuditTab {...props} />}
        {tab === 'exports' && <ExportsTab {...props} />}
        {tab === 'documents' && <DocumentsTab {...props} />}
      </div>
    </>
  );
}

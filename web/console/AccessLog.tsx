/**
 * 访问记录: the private access log for supervisors and admins (who, when, what, which event, how
 * many families, the reason of an export), and the retention banner warning them before an event's
 * personal data is due to be erased.
 */
import { useEffect, useState } from 'react';
import { api } from '../shared/api.js';
import { ErrorBox } from './ErrorBox.js';
import { useSession } from './session.js';
import { PRIVACY_MESSAGES } from './privacy-messages.js';

interface Entry {
  id: number;
  at: string;
  actor: string;
  eventId: string | null;
  what: string;
  families: number;
  reason: string | null;
}

interface Retention {
  today: string;
  events: { eventId: string; title: string; retainUntil: string | null; daysLeft: number | null; state: string }[];
}

const PAGE = 100;

/** The role of `role:username` in words (the log's own text follows in small type). */
function roleOf(actor: string, roles: Record<string, string>): string {
  const cut = actor.indexOf(':');
  return cut < 0 ? '' : (roles[actor.slice(0, cut)] ?? '');
}

export function AccessLog() {
  const { lang, t } = useSession();
  const m = PRIVACY_MESSAGES[lang];
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (before?: number): Promise<void> => {
    try {
      const q = `?limit=${PAGE}${before === undefined ? '' : `&before=${before}`}`;
      const r = await api<{ entries: Entry[] }>('GET', `/api/privacy/access-log${q}`);
      setEntries((prev) => (before === undefined ? r.entries : [...(prev ?? []), ...r.entries]));
      setMore(r.entries.length === PAGE);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), []);

  const last = entries?.[entries.length - 1];
  return (
    <div className="card" aria-labelledby="access-log">
      <h1 id="access-log">{m.logTitle}</h1>
      <p className="muted">{m.logExplain}</p>
      <ErrorBox error={error} />
      {entries && entries.length === 0 && <p className="muted">{m.empty}</p>}
      {entries && entries.length > 0 && (
        <table className="access-log">
          <thead>
            <tr>
              <th>{m.when}</th>
              <th>{m.who}</th>
              <th>{m.what}</th>
              <th>{m.event}</th>
              <th>{m.families}</th>
              <th>{m.reason}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</td>
                <td>
                  {roleOf(e.actor, t.roles)} <span className="muted small">{e.actor}</span>
                </td>
                <td>{m.looks[e.what] ?? e.what}</td>
                <td>{e.eventId ?? ''}</td>
                <td>{e.families}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && last && (
        <button className="link" onClick={() => void load(last.id)}>
          {m.more}
        </button>
      )}
    </div>
  );
}

/** Warns supervisors and admins of events whose retention period ends soon or has ended. */
export function RetentionBanner() {
  const { lang } = useSession();
  const m = PRIVACY_MESSAGES[lang];
  const [r, setR] = useState<Retention | null>(null);
  useEffect(() => {
    api<Retention>('GET', '/api/privacy/retention')
      .then(setR)
      .catch(() => setR(null));
  }, []);
  const warn = (r?.events ?? []).filter((e) => e.retainUntil && ['soon', 'due', 'overdue'].includes(e.state));
  if (warn.length === 0) return null;
  return (
    <div className="card retention" role="status">
      {warn.map((e) => (
        <p key={e.eventId}>{e.state === 'soon' ? m.retention(e.eventId, e.retainUntil!) : m.retentionDue(e.eventId, e.retainUntil!)}</p>
      ))}
    </div>
  );
}

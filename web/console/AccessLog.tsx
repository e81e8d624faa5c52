/**
 * 访问记录: the private access log for supervisors and admins (who, when, what, which event, how
 * many families, the reason of an export), each event's retention state with the admin's erasure
 * (asked first in the app's dialog), and the retention banner warning them before an event's
 * personal data is due to be erased.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, queryString } from '../shared/api.js';
import { useAsk } from './ConfirmDialog.js';
import { ErrorBox } from '../shared/ErrorBox.js';
import { useSession } from './session.js';
import { PRIVACY_MESSAGES } from './privacy-messages.js';
import type {
  AccessLogEntry as Entry,
  AccessLogPage,
  AccessLogQuery,
  EraseResult as Erased,
  RetentionView as Retention,
} from '../../src/api/staff.js';

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
      const query: Partial<AccessLogQuery> = { limit: PAGE, before };
      const r = await api<AccessLogPage>('GET', `/api/privacy/access-log${queryString(query)}`);
      setEntries((prev) => (before === undefined ? r.entries : [...(prev ?? []), ...r.entries]));
      setMore(r.entries.length === PAGE);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(), []);

  const last = entries?.[entries.length - 1];
  return (
    <>
      <Retained />
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
    </>
  );
}

/**
 * 个人信息保存: each event's retention date and state, how many families' data is held or erased;
 * an admin erases an event whose results are published, after the dialog says what goes and what
 * stays.
 */
function Retained() {
  const { lang, account } = useSession();
  const m = PRIVACY_MESSAGES[lang];
  const [r, setR] = useState<Retention | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Erased | null>(null);
  const { ask, element } = useAsk();
  const load = useCallback(async () => {
    try {
      setR(await api<Retention>('GET', '/api/privacy/retention'));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => void load(), [load]);
  const erase = (e: Retention['events'][number]): void =>
    ask({
      title: m.eraseTitle(e.eventId),
      body: <p>{m.eraseBody(e.title, e.held)}</p>,
      irreversible: m.eraseIrreversible,
      confirmLabel: m.eraseConfirm,
      danger: true,
      run: async () => {
        setDone(await api<Erased>('POST', `/api/events/${encodeURIComponent(e.eventId)}/erase`));
        await load();
      },
    });
  const isAdmin = account.role === 'admin';
  return (
    <div className="card" aria-labelledby="retained">
      {element}
      <h2 id="retained">{m.retainedTitle}</h2>
      <p className="muted">{m.retainedExplain}</p>
      <ErrorBox error={error} />
      {done && (
        <div className="ok" role="status">
          <p>{m.erasedDone(done.eventId, done.erased)}</p>
          {done.backups && <p>{m.erasedBackups(done.backups.removed)}</p>}
          {done.backups?.elsewhere.map((f) => (
            <p key={f} className="error">
              {m.erasedElsewhere(f)}
            </p>
          ))}
        </div>
      )}
      {r && (
        <table className="retained">
          <thead>
            <tr>
              <th>{m.event}</th>
              <th>{m.retainUntil}</th>
              <th>{m.state}</th>
              <th className="num">{m.held}</th>
              <th className="num">{m.erasedCount}</th>
              {isAdmin && <th>{m.eraseColumn}</th>}
            </tr>
          </thead>
          <tbody>
            {r.events.map((e) => (
              <tr key={e.eventId} data-event={e.eventId}>
                <td>
                  {e.title} <span className="muted small">{e.eventId}</span>
                </td>
                <td>{e.retainUntil ?? m.noDate}</td>
                <td>{m.states[e.state] ?? e.state}</td>
                <td className="num">{e.held}</td>
                <td className="num">{e.erased}</td>
                {isAdmin && (
                  <td>
                    {e.status === 'results' && e.held > 0 && (
                      <button className="danger" onClick={() => erase(e)}>
                        {m.eraseButton}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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

import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { MEND_MESSAGES } from '../event/mend-messages.js';
import { useMessages } from '../../shared/i18n.js';
import { accountMessages } from '../account-messages.js';
import type { EventListItem as EventItem } from '../../../src/api/staff.js';

export function EventList() {
  const { t, account, lang } = useSession();
  const [events, setEvents] = useState<EventItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const a = useMessages(accountMessages);
  // A city account sees every district's events: the district's name is shown beside each.
  const [districts, setDistricts] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    api<{ events: EventItem[] }>('GET', '/api/events')
      .then((r) => setEvents(r.events))
      .catch(setError);
    api<{ districts: { id: string; name: string }[] }>('GET', '/api/districts')
      .then((r) => setDistricts(new Map(r.districts.map((d) => [d.id, d.name]))))
      .catch(() => setDistricts(new Map()));
  }, []);
  const byDistrict = districts.size > 0 && !account.district;
  return (
    <>
      <div className="row">
        <h1 style={{ flex: 1 }}>{t.events}</h1>
        {account.role === 'operator' && (
          <button className="primary" onClick={() => navigate('/events/new')}>
            {t.newEvent}
          </button>
        )}
      </div>
      <ErrorBox error={error} />
      {events && events.length === 0 && <p className="card empty">{t.noEvents}</p>}
      {events && events.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t.title}</th>
              <th>{t.id}</th>
              <th>{t.statusLabel}</th>
              <th>{t.version}</th>
              {byDistrict ? <th>{a.district}</th> : null}
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <a
                    href={`/console/events/${e.id}`}
                    onClick={(ev) => (ev.preventDefault(), navigate(`/events/${encodeURIComponent(e.id)}`))}
                  >
                    {e.title}
                  </a>
                </td>
                <td className="hash">{e.id}</td>
                <td>
                  {e.withdrawn ? (
                    <span className="badge withdrawn">{MEND_MESSAGES[lang].withdrawnBadge}</span>
                  ) : (
                    <span className={`badge ${e.status}`}>{t.status[e.status]}</span>
                  )}
                </td>
                <td>{e.version || '—'}</td>
                {byDistrict ? <td>{e.district ? (districts.get(e.district) ?? e.district) : a.cityEvent}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { useLang } from '../../shared/i18n.js';
import { getEvents } from '../data.js';
import { fmt, messages } from '../messages.js';
import { Link, Status, useLoad } from '../ui.js';

export function EventList() {
  const lang = useLang();
  const t = messages[lang];
  const events = useLoad(getEvents, 'events');
  return (
    <>
      <h1>{t.events}</h1>
      <Status of={events}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t.noEvents}</p>
          ) : (
            <ul className="p-list">
              {list.map((e) => (
                <li key={e.id} className="card">
                  <Link to={{ page: 'event', event: e.id }} className="p-card-link">
                    {e.withdrawn ? (
                      <span className="badge withdrawn">{t.withdrawnBadge}</span>
                    ) : (
                      <span className={`badge ${e.status}`}>{t.status[e.status]}</span>
                    )}
                    <strong>{e.title}</strong>
                    <span className="muted">
                      {t.applicantsN(e.applicants)} · {t.unitsN(e.units)}
                      {e.publishedAt ? ` · ${t.publishedAt(fmt(e.publishedAt, lang))}` : ''}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </Status>
    </>
  );
}

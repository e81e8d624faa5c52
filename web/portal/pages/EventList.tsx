import { useLang } from '../../shared/i18n.js';
import type { PublicDistrict, PublicEventSummary } from '../../../src/api/public.js';
import { getEventList } from '../data.js';
import { fmt, messages } from '../messages.js';
import { Link, Status, useLoad } from '../ui.js';

function EventCards({ list }: { list: PublicEventSummary[] }) {
  const lang = useLang();
  const t = messages[lang];
  return (
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
  );
}

/** A city's portal: one section per district (区县), each with its events; the city's own events last. */
function ByDistrict({ events, districts }: { events: PublicEventSummary[]; districts: PublicDistrict[] }) {
  const t = messages[useLang()];
  const city = events.filter((e) => !e.district);
  return (
    <>
      {districts.map((d) => {
        const mine = events.filter((e) => e.district?.id === d.id);
        return (
          <section key={d.id} className="p-district" data-district={d.id}>
            <h2>{d.name}</h2>
            {mine.length === 0 ? <p className="muted">{t.noDistrictEvents}</p> : <EventCards list={mine} />}
          </section>
        );
      })}
      {city.length > 0 && (
        <section className="p-district" data-district="">
          <h2>{t.cityEvents}</h2>
          <EventCards list={city} />
        </section>
      )}
    </>
  );
}

export function EventList() {
  const t = messages[useLang()];
  const events = useLoad(getEventList, 'events');
  return (
    <>
      <h1>{t.events}</h1>
      <Status of={events}>
        {({ events: list, districts }) =>
          districts.length > 0 ? (
            <ByDistrict events={list} districts={districts} />
          ) : list.length === 0 ? (
            <p className="muted">{t.noEvents}</p>
          ) : (
            <EventCards list={list} />
          )
        }
      </Status>
    </>
  );
}

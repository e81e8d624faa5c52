/** 结果公布 of one unit: admitted list and waitlist by registration number and masked name. */
import { useState } from 'react';
import { useLang } from '../../shared/i18n.js';
import { getAnnouncement, getUnitResults } from '../data.js';
import { messages, type Messages } from '../messages.js';
import { Search } from '../Search.js';
import { Link, Status, useLoad } from '../ui.js';
import type { ResultRow } from '../../../src/office/public/types.js';

const PAGE = 200; // rows drawn at once: a cheap phone stays fast on a unit of thousands

function Rows({ rows, t, waitlist, event }: { rows: ResultRow[]; t: Messages; waitlist: boolean; event: string }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <ol className="p-rows">
        {rows.slice(0, shown).map((r) => (
          <li key={r.regNo} className={`p-row s-${r.status}`}>
            <span className="p-pos">{r.position}</span>
            <Link to={{ page: 'applicant', event, reg: r.regNo }} className="p-reg hash">
              {r.regNo}
            </Link>
            <span className="p-name">{r.name}</span>
            <span className="p-state">{waitlist && r.status === 'offered' ? t.waitOffered : t.offer[r.status]}</span>
          </li>
        ))}
      </ol>
      {rows.length > shown && (
        <button className="p-more" onClick={() => setShown(shown + PAGE * 5)}>
          {t.showMore(rows.length - shown)}
        </button>
      )}
    </>
  );
}

export function ResultsPage({ event, unit }: { event: string; unit?: string }) {
  const t = messages[useLang()];
  const ann = useLoad(() => getAnnouncement(event), event);
  return (
    <Status of={ann}>
      {(a) => {
        const u = unit ?? a.units[0]?.id ?? '';
        return (
          <>
            <p>
              <Link to={{ page: 'event', event }}>← {a.title}</Link>
            </p>
            <nav className="p-tabs" aria-label={t.unit}>
              {a.units.map((x) => (
                <Link key={x.id} to={{ page: 'results', event, unit: x.id }} className={x.id === u ? 'active' : ''}>
                  {x.name}
                </Link>
              ))}
            </nav>
            {a.resultsPublished ? <UnitLists event={event} unit={u} t={t} /> : <p className="card muted">{t.resultsNotYet}</p>}
            <Search event={event} />
          </>
        );
      }}
    </Status>
  );
}

function UnitLists({ event, unit, t }: { event: string; unit: string; t: Messages }) {
  const res = useLoad(() => getUnitResults(event, unit), `${event}/${unit}`);
  return (
    <Status of={res}>
      {(r) => (
        <>
          <h1>{r.unit.name}</h1>
          <section className="card">
            <h2>{t.admittedTitle(r.admitted.length, r.unit.seats)}</h2>
            <Rows rows={r.admitted} t={t} waitlist={false} event={event} />
          </section>
          <section className="card">
            <h2>{t.waitlistTitle(r.waitlist.length)}</h2>
            <Rows rows={r.waitlist} t={t} waitlist event={event} />
          </section>
        </>
      )}
    </Status>
  );
}

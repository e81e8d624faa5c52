/** 结果公布 of one unit: admitted list and waitlist by registration number and masked name. */
import { useState } from 'react';
import { useLang } from '../../shared/i18n.js';
import { getAnnouncement, getUnitResults } from '../data.js';
import { messages, type Messages } from '../messages.js';
import { Search } from '../Search.js';
import { Link, Status, useLoad } from '../ui.js';
import type { ResultRow } from '../../../src/api/public.js';

const PAGE = 200; // rows drawn at once: a cheap phone stays fast on a unit of thousands

/** One line of a list: its place, the 报名号 (a link to the family's page), the masked name, a state. */
interface Line {
  regNo: string;
  name: string;
  position: number;
  state: string;
  status: string;
}

function Rows({ rows, t, event, label }: { rows: Line[]; t: Messages; event: string; label: string }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <ol className="p-rows" aria-label={label}>
        {rows.slice(0, shown).map((r) => (
          <li key={r.regNo} className={`p-row s-${r.status}`}>
            <span className="p-pos">{r.position}</span>
            <Link to={{ page: 'applicant', event, reg: r.regNo }} className="p-reg hash">
              {r.regNo}
            </Link>
            <span className="p-name">{r.name}</span>
            <span className="p-state">{r.state}</span>
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

/** The record as drawn, each row with where its offer stands now. */
function drawnLines(rows: ResultRow[], t: Messages, waitlist: boolean): Line[] {
  return rows.map((r) => ({ ...r, state: waitlist && r.status === 'offered' ? t.waitOffered : t.offer[r.status] }));
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
      {(r) => {
        const c = r.current;
        const changed = c.counts.history > 0 || c.counts.promoted > 0;
        const admitted: Line[] = c.admitted.map((a, i) => ({
          regNo: a.regNo,
          name: a.name,
          position: i + 1,
          status: a.status,
          state: a.promoted ? t.waitOffered : t.offer[a.status],
        }));
        const waiting: Line[] = c.waitlist.map((w, i) => ({
          regNo: w.regNo,
          name: w.name,
          position: i + 1,
          status: 'waiting',
          state: t.current.wasPlace(w.position),
        }));
        const record = (
          <>
            <h3>{t.admittedTitle(r.admitted.length, r.unit.seats)}</h3>
            <Rows rows={drawnLines(r.admitted, t, false)} t={t} event={event} label={t.current.drawnAdmitted} />
            <h3>{t.waitlistTitle(r.waitlist.length)}</h3>
            <Rows rows={drawnLines(r.waitlist, t, true)} t={t} event={event} label={t.current.drawnWaitlist} />
          </>
        );
        return (
          <>
            <h1>{r.unit.name}</h1>
            <p className="p-current-counts" data-testid="current-counts">
              {t.current.counts(r.unit.seats, c.counts)}
            </p>
            <section className="card" aria-labelledby="current-admitted">
              <h2 id="current-admitted">{t.current.admitted(c.counts.admitted, r.unit.seats)}</h2>
              <Rows rows={admitted} t={t} event={event} label={t.current.admitted(c.counts.admitted, r.unit.seats)} />
            </section>
            <section className="card" aria-labelledby="current-waitlist">
              <h2 id="current-waitlist">{t.current.waitlist(c.counts.waiting)}</h2>
              {waiting.length === 0 ? <p className="muted">{t.current.noneWaiting}</p> : null}
              <Rows rows={waiting} t={t} event={event} label={t.current.waitlist(c.counts.waiting)} />
            </section>
            {changed ? (
              <section className="card p-history" aria-labelledby="drawn-record">
                <h2 id="drawn-record">{t.current.recordTitle}</h2>
                <p className="muted p-small">{t.current.recordHint}</p>
                {record}
              </section>
            ) : (
              <details className="card p-history">
                <summary>{t.current.recordTitle}</summary>
                <p className="muted p-small">{t.current.noChanges}</p>
                {record}
              </details>
            )}
          </>
        );
      }}
    </Status>
  );
}

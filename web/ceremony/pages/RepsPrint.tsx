/** 家长代表名单 for printing: each unit's representatives with the draw's digests, and lines to sign. */
import { Term } from '../../shared/Term.js';
import { useEffect } from 'react';
import { useMessages } from '../../shared/i18n.js';
import { messages } from '../messages.js';
import { useCeremonyFeed } from '../feed.js';

export function RepsPrint({ eventId }: { eventId: string }) {
  const t = useMessages(messages);
  const feed = useCeremonyFeed(eventId);
  const m = feed.model;
  const drawn = m.reps.filter((r) => r.drawn);
  useEffect(() => {
    document.title = `${t.reps} · ${m.opened?.title ?? feed.title}`;
  }, [t, m.opened, feed.title]);
  return (
    <div className="print-page">
      <p className="no-print">
        <button className="primary" onClick={() => print()}>
          {t.print}
        </button>
      </p>
      <h1>{m.opened?.title ?? feed.title}</h1>
      <h2>{t.reps}</h2>
      {drawn.length === 0 && <p>{t.noReps}</p>}
      {drawn.map(({ prepared: p, drawn: d }) => (
        <section key={p.unit} className="print-unit">
          <h3>{p.unitName}</h3>
          <p>{t.repsPool(p.pool, p.poolSize, p.seats)}</p>
          <table className="print-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t.regNo}</th>
                <th>{t.name}</th>
              </tr>
            </thead>
            <tbody>
              {d!.reps.map((r, i) => (
                <tr key={r.regNo}>
                  <td>{i + 1}</td>
                  <td className="mono">{r.regNo}</td>
                  <td>{r.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="print-facts">
            <dt>{t.drawId}</dt>
            <dd className="mono">{d!.drawId}</dd>
            <dt>
              <Term label={t.paramsSha256} />
            </dt>
            <dd className="mono">{p.paramsSha256}</dd>
            <dt>
              <Term label={t.listRoot} />
            </dt>
            <dd className="mono">{p.listRoot}</dd>
            <dt>{d!.sourceLabel}</dt>
            <dd>{d!.value}</dd>
            <dt>
              <Term label={t.seed} />
            </dt>
            <dd className="mono">{d!.seed}</dd>
            <dt>
              <Term label={t.recordSha256} />
            </dt>
            <dd className="mono">{d!.recordSha256}</dd>
          </dl>
          <div className="signatures">
            {t.signatures.map((s) => (
              <span key={s}>
                {s}
                {t.sign}：＿＿＿＿＿＿＿＿
              </span>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

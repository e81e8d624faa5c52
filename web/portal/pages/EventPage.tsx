/** 公示公告: the rules in plain words, units and counts, schedule, sources, digests and key. */
import { useLang } from '../../shared/i18n.js';
import { getAnnouncement } from '../data.js';
import { explainRules, fmt, messages } from '../messages.js';
import { bundleUrl, verifyHref } from '../site-mode.js';
import { Search } from '../Search.js';
import { Hash, Link, Status, useLoad } from '../ui.js';
import { FairnessSection } from './FairnessSection.js';

export function EventPage({ event }: { event: string }) {
  const lang = useLang();
  const t = messages[lang];
  const ann = useLoad(() => getAnnouncement(event), event);
  return (
    <Status of={ann}>
      {(a) => (
        <>
          <h1>{a.title}</h1>
          <p>
            {a.withdrawn ? (
              <span className="badge withdrawn">{t.withdrawnBadge}</span>
            ) : (
              <span className={`badge ${a.status}`}>{t.status[a.status]}</span>
            )}
          </p>
          {a.withdrawn && (
            <section className="card p-withdrawn" role="alert">
              <h2>{t.withdrawnTitle}</h2>
              <p>{t.withdrawnText(fmt(a.withdrawn.at, lang), a.withdrawn.reason)}</p>
            </section>
          )}
          <Search event={a.id} />
          <p className="p-privacy-link">
            <Link to={{ page: 'privacy', event: a.id }}>{t.privacyLink}</Link>
          </p>

          <section className="card">
            <h2>{t.resultsTitle}</h2>
            {a.resultsPublished ? (
              <div className="p-buttons">
                {a.units.map((u) => (
                  <Link key={u.id} to={{ page: 'results', event: a.id, unit: u.id }} className="p-button">
                    {t.viewResults(u.name)}
                  </Link>
                ))}
              </div>
            ) : (
              <p className="muted">{t.resultsNotYet}</p>
            )}
          </section>

          <section className="card">
            <h2>{t.unitsTitle}</h2>
            <table className="p-table">
              <thead>
                <tr>
                  <th>{t.unit}</th>
                  <th className="num">{t.seats}</th>
                  <th className="num">{t.applicants}</th>
                  <th className="num p-wide">{t.firstChoice}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {a.units.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td className="num">{u.seats}</td>
                    <td className="num">{u.applicants}</td>
                    <td className="num p-wide">{u.firstChoice}</td>
                    <td>
                      <span className={`badge ${u.lotteryNeeded ? 'frozen' : 'results'}`}>{t.lottery(u.lotteryNeeded)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <FairnessSection announcement={a} />

          <section className="card">
            <h2>{t.rulesTitle}</h2>
            <ol className="p-rules">
              {explainRules(a, lang).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          </section>

          <section className="card">
            <h2>{t.scheduleTitle}</h2>
            <ul className="p-schedule">
              {a.schedule.map((s, i) => (
                <li key={i}>
                  <time dateTime={s.at}>{fmt(s.at, lang)}</time>
                  <span>
                    {t.schedule[s.action]}
                    {s.version !== undefined && s.action !== 'draw' ? `（${t.version(s.version)}）` : ''}
                    {s.reason ? `：${s.reason}` : ''}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted p-small">{t.china}</p>
          </section>

          <section className="card">
            <h2>{t.sourcesTitle}</h2>
            <ul>
              {a.declaredSources.map((s, i) => (
                <li key={i}>{t.source(s)}</li>
              ))}
            </ul>
            {a.draw && <h3>{t.valuesTitle}</h3>}
            {a.draw && (
              <ul className="p-values">
                {a.draw.sources.map((s, i) => (
                  <li key={i} className="hash">
                    {t.sourceValue(s)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card">
            <h2>{t.hashesTitle}</h2>
            <p className="muted p-small">{t.hashesHint}</p>
            {a.publications.map((p) => (
              <div key={p.version} className="p-hashes">
                <h3>
                  {t.version(p.version)} · {fmt(p.at, lang)}
                </h3>
                <Hash label={t.paramsSha256} value={p.paramsSha256} />
                <Hash label={t.listRoot} value={p.listRoot} />
                <Hash label={t.listSize} value={p.listSize} />
              </div>
            ))}
            {a.draw && (
              <div className="p-hashes">
                <h3>
                  {t.drawTitle} · {fmt(a.draw.at, lang)}
                </h3>
                <Hash label={t.sourcesSha256} value={a.draw.sourcesSha256} />
                <Hash label={t.seed} value={a.draw.seed} />
                <Hash label={t.recordSha256} value={a.draw.recordSha256} />
              </div>
            )}
          </section>

          <section className="card">
            <h2>{t.keyTitle}</h2>
            <code className="hash" data-testid="organiser-key">
              {a.organiserPublicKey}
            </code>
            <p className="muted p-small">{t.keyHint}</p>
          </section>

          <section className="card">
            <h2>{t.verifyTitle}</h2>
            {a.resultsPublished && (
              <p>
                <a className="p-button" href={verifyHref(a.id)}>
                  {t.verifyLink}
                </a>
              </p>
            )}
            <h3>{t.bundleTitle}</h3>
            <ul className="p-files">
              {a.bundle.map((f) => (
                <li key={f}>
                  <a href={bundleUrl(a.id, f)} download={f}>
                    {f}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Status>
  );
}

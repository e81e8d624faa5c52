/** 个人信息告知书: what the event collects, why, who sees it, how long it is kept, whom to ask. */
import { useLang } from '../../shared/i18n.js';
import { NOTICE_SECTIONS } from '../../../src/office/privacy/notice-text.js';
import { getPrivacyNotice } from '../data.js';
import { messages } from '../messages.js';
import { Link, Status, useLoad } from '../ui.js';

export function PrivacyPage({ event }: { event: string }) {
  const lang = useLang();
  const t = messages[lang];
  const notice = useLoad(() => getPrivacyNotice(event), event);
  return (
    <Status of={notice}>
      {(n) => (
        <>
          <p>
            <Link to={{ page: 'event', event: n.eventId }}>{t.privacyBack}</Link>
          </p>
          <h1>{t.privacyTitle}</h1>
          <p className="muted">{n.title}</p>
          <section className="card p-privacy">
            <p>{n.intro[lang]}</p>
            <h2>{NOTICE_SECTIONS.collected[lang]}</h2>
            <table className="p-table">
              <tbody>
                {n.collected.map((c) => (
                  <tr key={c.column}>
                    <th scope="row">{c.name[lang]}</th>
                    <td>{c.why[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{NOTICE_SECTIONS.purposes[lang]}</h2>
            <ul>
              {n.purposes.map((p, i) => (
                <li key={i}>{p[lang]}</li>
              ))}
            </ul>
            <h2>{NOTICE_SECTIONS.access[lang]}</h2>
            <ul>
              {n.access.map((a, i) => (
                <li key={i}>{a[lang]}</li>
              ))}
            </ul>
            <h2>{NOTICE_SECTIONS.retention[lang]}</h2>
            <p>{n.retention.text[lang]}</p>
            <h2>{NOTICE_SECTIONS.rights[lang]}</h2>
            <ul>
              {n.rights.map((r, i) => (
                <li key={i}>{r[lang]}</li>
              ))}
            </ul>
            {n.contacts.length > 0 && (
              <dl className="p-contacts">
                {n.contacts.map((c) => (
                  <div key={c.key}>
                    <dt>{c.label[lang]}</dt>
                    <dd>{c.key === 'objectionAddress' ? c.value : <a href={`tel:${c.value.replace(/[^\d+]/g, '')}`}>{c.value}</a>}</dd>
                  </div>
                ))}
              </dl>
            )}
            {n.issuer && <p className="p-issuer">{n.issuer}</p>}
          </section>
        </>
      )}
    </Status>
  );
}

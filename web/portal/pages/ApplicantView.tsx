/**
 * A family's page: result, offer now, the receipt and the ticket checked in this page, each
 * choice's place, and how it was decided in plain words.
 */
import { useLang } from '../../shared/i18n.js';
import { getAnnouncement, getApplicant } from '../data.js';
import { explainApplicant, messages } from '../messages.js';
import { receiptHolds, ticketsHold } from '../checks.js';
import { Search } from '../Search.js';
import { NEXT_LABELS, nextSteps } from '../next-steps.js';
import { Hash, Link, Status, useLoad } from '../ui.js';
import type { Announcement, ApplicantPage } from '../../../src/api/public.js';

export function ApplicantView({ event, reg }: { event: string; reg: string }) {
  const t = messages[useLang()];
  const data = useLoad(async () => {
    const [ann, page] = await Promise.all([getAnnouncement(event), getApplicant(event, reg)]);
    return { ann, page };
  }, `${event}/${reg}`);
  return (
    <Status of={data}>
      {({ ann, page }) => (
        <>
          <p>
            <Link to={{ page: 'event', event }}>← {ann.title}</Link>
          </p>
          {page ? <Found ann={ann} page={page} /> : <Search event={event} initial={reg} notFound />}
          {page && <Search event={event} />}
          {!page && <p className="muted">{t.search.hint}</p>}
        </>
      )}
    </Status>
  );
}

function Found({ ann, page }: { ann: Announcement; page: ApplicantPage }) {
  const lang = useLang();
  const t = messages[lang];
  const r = page.result;
  const receiptOk = receiptHolds(page, ann);
  const ticketOk = r ? ticketsHold(page) : undefined;
  const waiting = r?.choices.find((c) => c.outcome === 'waitlist');
  const o = r?.offer;
  const headline = !r
    ? t.applicant.notYet
    : o?.status === 'revoked'
      ? t.applicant.revoked
      : o?.status === 'declined'
        ? t.applicant.declined(o.unitName)
        : o && o.origin === 'waitlist' && (o.status === 'offered' || o.status === 'confirmed')
          ? t.applicant.fromWaitlist(o.unitName)
          : r.assigned
            ? t.applicant.admitted(r.assigned.unitName)
            : waiting
              ? t.applicant.waitlist(waiting.unitName, waiting.waitlistPosition ?? 0)
              : t.applicant.none;
  const published = ann.publications[ann.publications.length - 1];
  const next = nextSteps(page, lang);
  const l = NEXT_LABELS[lang];
  return (
    <>
      <section className="card p-me">
        <h1>{t.applicant.title}</h1>
        <div className="p-id">
          <code className="hash p-big" data-testid="reg-no">
            {page.regNo}
          </code>
          <span className="p-masked">{page.name}</span>
        </div>
        {page.group && <p className="muted">{t.applicant.group(page.group.size)}</p>}
        <p
          className={`p-headline ${o ? (o.status === 'offered' || o.status === 'confirmed' ? 'ok' : '') : r?.assigned ? 'ok' : ''}`}
          data-testid="headline"
        >
          {headline}
        </p>
        {r?.offer && (
          <p data-testid="offer">
            <span className="muted">{t.applicant.offerNow}：</span>
            {t.applicant.offerText(r.offer)}
          </p>
        )}
        <button type="button" className="p-print" onClick={() => window.print()} data-testid="print">
          {l.print}
        </button>
      </section>

      {next.lines.length > 0 && (
        <section className="card p-next" data-testid="next-steps" data-kind={next.kind}>
          <h2>{l.title}</h2>
          {next.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </section>
      )}

      <section className="card">
        <h2>{t.receipt.title}</h2>
        <p className={receiptOk ? 'ok p-check' : 'error p-check'} data-testid="receipt-check" data-ok={String(receiptOk)}>
          {receiptOk ? `✓ ${t.receipt.ok}` : `✗ ${t.receipt.bad}`}
        </p>
        {r && (
          <p className={ticketOk ? 'ok p-check' : 'error p-check'} data-testid="ticket-check" data-ok={String(ticketOk)}>
            {ticketOk ? `✓ ${t.receipt.ticketOk}` : `✗ ${t.receipt.ticketBad}`}
          </p>
        )}
        <details className="p-technical" data-testid="technical">
          <summary>{l.technical}</summary>
          <p className="muted p-small">{t.receipt.detail(page.receipt.proof.index, published?.listSize ?? page.receipt.proof.size)}</p>
          {published && <Hash label={t.listRoot} value={published.listRoot} />}
          <Hash label={t.receipt.line} value={page.receipt.line} />
          {r && <Hash label={t.applicant.ticket} value={r.choices[0]?.ticket ?? ''} />}
        </details>
      </section>

      {r && (
        <section className="card">
          <ul className="p-choices">
            {r.choices.map((c, k) => (
              <li key={c.unit}>
                <div className="row">
                  <strong>
                    {t.applicant.choice(k + 1)} · {c.unitName}
                  </strong>
                  <span className="badge">{t.applicant.tier(c.tier)}</span>
                  <span className={`badge ${c.outcome === 'admitted' ? 'results' : 'frozen'}`}>{t.applicant.outcome(c)}</span>
                </div>
                <p className="p-small">{t.applicant.rankLine(c)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card">
        <h2>{t.howTitle}</h2>
        {explainApplicant(page, lang).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </section>
    </>
  );
}

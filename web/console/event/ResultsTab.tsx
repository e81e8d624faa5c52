import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAsk } from '../ConfirmDialog.js';
import { MEND_MESSAGES } from './mend-messages.js';
import { RESULTS_MESSAGES } from './results-messages.js';
import type { TabProps } from './types.js';
import { FairnessCard } from './FairnessCard.js';
import type {
  Offer,
  OfferChange,
  OfferChangeBody,
  OfferChanges,
  OfferList,
  OfferParams,
  ResultsPublished,
  StaffResults as Results,
} from '../../../src/api/staff.js';

interface Person {
  regNo: string;
  name: string;
}

/**
 * Results per unit, publishing them, and offers: confirm, decline, revoke, with the waitlist moving
 * up. Each unit shows its current state (当前录取 with 递补 marked, 当前候补, 变动记录) first, and the
 * published record as drawn beside it.
 */
export function ResultsTab({ ev, reload }: TabProps) {
  const { t, account, lang } = useSession();
  const m = MEND_MESSAGES[lang];
  const r = RESULTS_MESSAGES[lang];
  const { ask, element } = useAsk();
  const [results, setResults] = useState<Results | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [changes, setChanges] = useState<OfferChange[]>([]);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/events/${encodeURIComponent(ev.id)}`;
  const load = useCallback(async () => {
    if (!ev.official) return;
    try {
      setResults(await api<Results>('GET', `${base}/results`));
      setOffers((await api<OfferList>('GET', `${base}/offers`)).offers);
    } catch (e) {
      setError(e);
    }
  }, [base, ev.official]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!ev.official) return <p className="card empty">{t.notDrawn}</p>;
  const offerOf = (reg: string, unit: string) => offers.filter((o) => o.regNo === reg && o.unit === unit).pop();
  const offerText = (o: Offer | undefined): string => (o ? (t.offerStatus[o.status] ?? o.status) : '');
  const unitName = (id: string) => ev.units.find((u) => u.id === id)?.name ?? id;
  const change = (reg: string, act2: OfferParams['act'], unit: string) => {
    const label = { confirm: t.confirmOffer, decline: t.decline, revoke: t.revoke }[act2];
    const body = { confirm: m.confirmBody, decline: m.declineBody, revoke: m.revokeBody }[act2](reg, unitName(unit));
    ask({
      title: m.offerAsk(label, reg),
      body: <p>{body}</p>,
      irreversible: { confirm: m.confirmIrreversible, decline: m.declineIrreversible, revoke: m.revokeIrreversible }[act2],
      confirmLabel: label,
      danger: act2 !== 'confirm',
      ...(act2 === 'confirm' ? {} : { reason: { label: m.offerReason, required: true } }),
      run: async (reason) => {
        setError(null);
        const r = await api<OfferChanges>('POST', `${base}/offers/${encodeURIComponent(reg)}/${act2}`, {
          reason: reason || undefined,
        } satisfies OfferChangeBody);
        setChanges(r.changes);
        await reload();
        await load();
      },
    });
  };
  const askPublishResults = () =>
    ask({
      title: m.resultsAsk,
      body: <p>{m.resultsBody}</p>,
      irreversible: m.resultsIrreversible,
      confirmLabel: t.publishResults,
      run: async () => {
        await api<ResultsPublished>('POST', `${base}/results`);
        await reload();
        await load();
      },
    });
  const operator = account.role === 'operator';
  return (
    <>
      {operator && ev.status === 'drawn' && (
        <p>
          <button className="primary" onClick={askPublishResults}>
            {t.publishResults}
          </button>
        </p>
      )}
      <ErrorBox error={error} />
      {element}
      {changes.length > 0 && (
        <div className="card" role="status">
          <b>{t.changes}：</b>
          {changes
            .map((c) => `${c.regNo} ${ev.units.find((u) => u.id === c.unit)?.name ?? c.unit} ${t.offerStatus[c.status] ?? c.status}`)
            .join('；')}
        </div>
      )}
      {results?.units.map((u) => (
        <div className="card" key={u.id}>
          <h2>
            {u.name}（{t.seats} {u.seats}）
          </h2>
          <p className="muted" data-counts={u.id}>
            {r.counts(u.current.counts, u.seats)}
          </p>
          <div className="stack">
            <div>
              <h3>
                {r.currentAdmitted}（{u.current.counts.admitted}/{u.seats}）
              </h3>
              <CurrentTable
                rows={u.current.admitted.map((p) => ({
                  ...p,
                  cells: [t.offerStatus[p.status] ?? p.status, p.promoted ? r.promoted(p.waitlistPosition) : ''],
                  live: p.status,
                }))}
                heads={[t.offers, '']}
                unit={u.id}
                onAct={ev.status === 'results' && operator ? change : undefined}
              />
            </div>
            <div>
              <h3>
                {r.currentWaitlist}（{u.current.counts.waiting}）
              </h3>
              <CurrentTable
                rows={u.current.waitlist.map((p) => ({ ...p, cells: [String(p.position), p.holds ? r.holds(unitName(p.holds)) : ''] }))}
                heads={[r.position, '']}
                unit={u.id}
              />
            </div>
            <div>
              <h3>
                {r.history}（{u.current.counts.history}）
              </h3>
              <CurrentTable
                rows={u.current.history.map((p) => ({
                  ...p,
                  cells: [t.offerStatus[p.status] ?? p.status, p.reason ?? '', p.at.replace('T', ' ').slice(0, 16)],
                }))}
                heads={[t.offers, r.reason, r.at]}
                unit={u.id}
              />
            </div>
            <details>
              <summary>{r.asDrawn}</summary>
              <div className="stack">
                <div>
                  <h3>
                    {t.admitted}（{u.admitted.length}）
                  </h3>
                  <CurrentTable
                    rows={u.admitted.map((p) => ({ ...p, cells: [offerText(offerOf(p.regNo, u.id))] }))}
                    heads={[t.offers]}
                    unit={u.id}
                  />
                </div>
                <div>
                  <h3>
                    {t.waitlist}（{u.waitlist.length}）
                  </h3>
                  <CurrentTable
                    rows={u.waitlist.map((p) => ({ ...p, cells: [offerText(offerOf(p.regNo, u.id))] }))}
                    heads={[t.offers]}
                    unit={u.id}
                  />
                </div>
              </div>
            </details>
          </div>
        </div>
      ))}
      <FairnessCard ev={ev} />
    </>
  );
}

/** One of the current lists: registration number, name, its own cells, and the acts on a live offer. */
function CurrentTable({
  rows,
  heads,
  unit,
  onAct,
}: {
  rows: (Person & { cells: string[]; live?: string })[];
  heads: string[];
  unit: string;
  onAct?: (reg: string, act: 'confirm' | 'decline' | 'revoke', unit: string) => void;
}) {
  const { t } = useSession();
  if (rows.length === 0) return <p className="muted">{t.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>{t.regNo}</th>
          <th>{t.name}</th>
          {heads.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
          {onAct && <th />}
        </tr>
      </thead>
      <tbody>
        {rows.map((p, i) => (
          <tr key={`${p.regNo}-${i}`} data-reg={p.regNo}>
            <td>{i + 1}</td>
            <td className="reg">{p.regNo}</td>
            <td>{p.name}</td>
            {p.cells.map((c, k) => (
              <td key={k}>{c}</td>
            ))}
            {onAct && (
              <td>
                {p.live && (
                  <span className="row">
                    {p.live === 'offered' && <button onClick={() => onAct(p.regNo, 'confirm', unit)}>{t.confirmOffer}</button>}
                    <button onClick={() => onAct(p.regNo, 'decline', unit)}>{t.decline}</button>
                    <button onClick={() => onAct(p.regNo, 'revoke', unit)}>{t.revoke}</button>
                  </span>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../ErrorBox.js';
import type { TabProps } from './types.js';

interface Person {
  regNo: string;
  name: string;
}
interface Results {
  units: { id: string; name: string; seats: number; admitted: Person[]; waitlist: Person[] }[];
}
interface Offer {
  id: number;
  regNo: string;
  unit: string;
  status: string;
  origin: string;
  reason: string | null;
}

/** Results per unit, publishing them, and offers: confirm, decline, revoke, with the waitlist moving up. */
export function ResultsTab({ ev, reload }: TabProps) {
  const { t, account } = useSession();
  const [results, setResults] = useState<Results | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [changes, setChanges] = useState<{ regNo: string; unit: string; status: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/events/${encodeURIComponent(ev.id)}`;
  const load = useCallback(async () => {
    if (!ev.official) return;
    try {
      setResults(await api<Results>('GET', `${base}/results`));
      setOffers((await api<{ offers: Offer[] }>('GET', `${base}/offers`)).offers);
    } catch (e) {
      setError(e);
    }
  }, [base, ev.official]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!ev.official) return <p className="card empty">{t.notDrawn}</p>;
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      await reload();
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const offerOf = (reg: string, unit: string) => offers.filter((o) => o.regNo === reg && o.unit === unit).pop();
  const change = (reg: string, act2: 'confirm' | 'decline' | 'revoke') =>
    act(async () => {
      let reason: string | undefined;
      if (act2 !== 'confirm') {
        reason = window.prompt(t.reasonPrompt) ?? '';
        if (!reason.trim()) return;
      }
      const r = await api<{ changes: typeof changes }>('POST', `${base}/offers/${encodeURIComponent(reg)}/${act2}`, { reason });
      setChanges(r.changes);
    });
  const operator = account.role === 'operator';
  return (
    <>
      {operator && ev.status === 'drawn' && (
        <p>
          <button className="primary" onClick={() => void act(() => api('POST', `${base}/results`))}>
            {t.publishResults}
          </button>
        </p>
      )}
      <ErrorBox error={error} />
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
          <div className="stack">
            <div>
              <h3>
                {t.admitted}（{u.admitted.length}）
              </h3>
              <PeopleTable
                people={u.admitted}
                unit={u.id}
                offerOf={offerOf}
                onAct={ev.status === 'results' && operator ? change : undefined}
              />
            </div>
            <div>
              <h3>
                {t.waitlist}（{u.waitlist.length}）
              </h3>
              <PeopleTable
                people={u.waitlist}
                unit={u.id}
                offerOf={offerOf}
                onAct={ev.status === 'results' && operator ? change : undefined}
              />
            </div>
          </div>
        </div>
      ))}
    </>
  );
}

function PeopleTable({
  people,
  unit,
  offerOf,
  onAct,
}: {
  people: Person[];
  unit: string;
  offerOf: (reg: string, unit: string) => Offer | undefined;
  onAct?: (reg: string, act: 'confirm' | 'decline' | 'revoke') => void;
}) {
  const { t } = useSession();
  if (people.length === 0) return <p className="muted">{t.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>{t.regNo}</th>
          <th>{t.name}</th>
          <th>{t.offers}</th>
          {onAct && <th />}
        </tr>
      </thead>
      <tbody>
        {people.map((p, i) => {
          const o = offerOf(p.regNo, unit);
          const live = o && (o.status === 'offered' || o.status === 'confirmed');
          return (
            <tr key={p.regNo} data-reg={p.regNo}>
              <td>{i + 1}</td>
              <td className="reg">{p.regNo}</td>
              <td>{p.name}</td>
              <td>{o ? (t.offerStatus[o.status] ?? o.status) : ''}</td>
              {onAct && (
                <td>
                  {live && (
                    <span className="row">
                      {o.status === 'offered' && <button onClick={() => onAct(p.regNo, 'confirm')}>{t.confirmOffer}</button>}
                      <button onClick={() => onAct(p.regNo, 'decline')}>{t.decline}</button>
                      <button onClick={() => onAct(p.regNo, 'revoke')}>{t.revoke}</button>
                    </span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

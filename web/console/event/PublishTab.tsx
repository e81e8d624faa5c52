import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../ErrorBox.js';
import type { TabProps } from './types.js';

interface DrawOutcome {
  drawId: string;
  seed: string;
  units: { id: string; admitted: number; waitlist: number }[];
}

/** Publish (and corrections), freeze, rehearse — each with a confirmation showing what is fixed. */
export function PublishTab({ ev, reload }: TabProps) {
  const { t, account } = useSession();
  const operator = account.role === 'operator';
  const [confirming, setConfirming] = useState<'publish' | 'freeze' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [rehearsal, setRehearsal] = useState<DrawOutcome | null>(null);
  const latest = ev.publications[ev.publications.length - 1];
  const base = `/api/events/${encodeURIComponent(ev.id)}`;
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      setConfirming(null);
      setReason('');
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  const canPublish = operator && (ev.status === 'draft' || ev.status === 'published') && ev.units.length > 0;
  return (
    <>
      <div className="card">
        <h2>{ev.status === 'published' ? t.correction : t.publish}</h2>
        <p className="muted">{t.publishExplain}</p>
        {canPublish && confirming !== 'publish' && (
          <button className="primary" onClick={() => setConfirming('publish')}>
            {ev.status === 'published' ? t.correction : t.publish}
          </button>
        )}
        {confirming === 'publish' && (
          <div className="confirm-box">
            <p>
              <b>{t.confirmPublish}</b>：
              {ev.units.map((u) => `${u.name} ${u.seats} ${t.seats} / ${u.applicants} ${t.applicants}`).join('；')}（{ev.applicants}{' '}
              {t.applicants}）
            </p>
            {ev.status === 'published' && (
              <>
                <label htmlFor="reason">{t.reason}</label>
                <input id="reason" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: '100%' }} />
              </>
            )}
            <p className="row">
              <button className="primary" onClick={() => void act(() => api('POST', `${base}/publish`, { reason: reason || undefined }))}>
                {t.publish}
              </button>
              <button onClick={() => setConfirming(null)}>{t.cancel}</button>
            </p>
          </div>
        )}
      </div>
      {ev.publications.length > 0 && (
        <div className="card">
          <h2>{t.hashes}</h2>
          <table>
            <thead>
              <tr>
                <th>{t.version}</th>
                <th>paramsSha256</th>
                <th>listRoot</th>
                <th className="num">{t.applicants}</th>
                <th>{t.time}</th>
              </tr>
            </thead>
            <tbody>
              {ev.publications.map((p) => (
                <tr key={p.version}>
                  <td>{p.version}</td>
                  <td className="hash">{p.paramsSha256}</td>
                  <td className="hash">{p.listRoot}</td>
                  <td className="num">{p.listSize}</td>
                  <td>{new Date(p.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h2>{t.freeze}</h2>
        <p className="muted">{t.freezeExplain}</p>
        {operator && ev.status === 'published' && latest && confirming !== 'freeze' && (
          <button className="primary" onClick={() => setConfirming('freeze')}>
            {t.freeze}
          </button>
        )}
        {confirming === 'freeze' && latest && (
          <div className="confirm-box">
            <p>
              <b>{t.confirmFreeze}</b>（{t.version} {latest.version}）
            </p>
            <p className="hash">paramsSha256 {latest.paramsSha256}</p>
            <p className="hash">listRoot {latest.listRoot}</p>
            <p className="row">
              <button className="primary" onClick={() => void act(() => api('POST', `${base}/freeze`))}>
                {t.freeze}
              </button>
              <button onClick={() => setConfirming(null)}>{t.cancel}</button>
            </p>
          </div>
        )}
      </div>
      <div className="card">
        <h2>{t.rehearse}</h2>
        <p className="muted">{t.rehearseExplain}</p>
        {operator && (ev.status === 'published' || ev.status === 'frozen') && (
          <button onClick={() => void act(async () => setRehearsal(await api<DrawOutcome>('POST', `${base}/rehearse`, {})))}>
            {t.rehearse}
          </button>
        )}
        {rehearsal && (
          <p role="status">
            {t.rehearsalDone}：{rehearsal.drawId}，{t.seed} <span className="hash">{rehearsal.seed}</span>；
            {rehearsal.units.map((u) => `${u.id} ${t.admitted} ${u.admitted} / ${t.waitlist} ${u.waitlist}`).join('；')}
          </p>
        )}
        {ev.rehearsals.length > 0 && (
          <ul>
            {ev.rehearsals.map((r) => (
              <li key={r.drawId}>
                {r.drawId} — <span className="hash">{r.seed}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorBox error={error} />
    </>
  );
}

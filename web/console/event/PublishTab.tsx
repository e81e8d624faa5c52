import { Term } from '../../shared/Term.js';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAction } from '../../shared/action.js';
import { useAsk } from '../ConfirmDialog.js';
import { MEND_MESSAGES } from './mend-messages.js';
import type { TabProps } from './types.js';
import type { DrawOutcome, FreezeResult, PublishBody, RehearseBody } from '../../../src/api/staff.js';

/** Publish (and corrections), freeze, rehearse — publishing and freezing ask first, showing what is fixed. */
export function PublishTab({ ev, reload }: TabProps) {
  const { t, account, lang } = useSession();
  const m = MEND_MESSAGES[lang];
  const { ask, element } = useAsk();
  const operator = account.role === 'operator' && !ev.withdrawn;
  const { error, run } = useAction();
  const [rehearsal, setRehearsal] = useState<DrawOutcome | null>(null);
  const latest = ev.publications[ev.publications.length - 1];
  const base = `/api/events/${encodeURIComponent(ev.id)}`;
  /** An action, then the event as it now is (not after a refusal, whose error stays on screen). */
  const act = (f: () => Promise<unknown>) =>
    run(async () => {
      await f();
      await reload();
    });
  const correcting = ev.status === 'published';
  const askPublish = () =>
    ask({
      title: correcting ? m.correctAsk : m.publishAsk,
      body: (
        <p>
          {m.publishBody(
            `${ev.units.map((u) => `${u.name} ${u.seats} ${t.seats} / ${u.applicants} ${t.applicants}`).join('；')}（${ev.applicants} ${t.applicants}）`,
          )}
        </p>
      ),
      irreversible: m.publishIrreversible,
      confirmLabel: correcting ? t.correction : t.publish,
      ...(correcting ? { reason: { label: m.correctionReason, required: true } } : {}),
      run: async (reason) => {
        await api('POST', `${base}/publish`, { reason: reason || undefined } satisfies PublishBody);
        await reload();
      },
    });
  const askFreeze = () =>
    latest &&
    ask({
      title: m.freezeAsk,
      body: (
        <>
          <p>{m.freezeBody(latest.version)}</p>
          <p>
            <Term label={t.paramsSha256} />：<code className="hash">{latest.paramsSha256}</code>
          </p>
          <p>
            <Term label={t.listRoot} />：<code className="hash">{latest.listRoot}</code>
          </p>
        </>
      ),
      irreversible: m.freezeIrreversible,
      confirmLabel: t.freeze,
      run: async () => {
        await api<FreezeResult>('POST', `${base}/freeze`);
        await reload();
      },
    });
  const canPublish = operator && (ev.status === 'draft' || ev.status === 'published') && ev.units.length > 0;
  return (
    <>
      <div className="card">
        <h2>{ev.status === 'published' ? t.correction : t.publish}</h2>
        <p className="muted">{t.publishExplain}</p>
        {canPublish && (
          <button className="primary" onClick={askPublish}>
            {ev.status === 'published' ? t.correction : t.publish}
          </button>
        )}
      </div>
      {ev.publications.length > 0 && (
        <div className="card">
          <h2>{t.hashes}</h2>
          <table>
            <thead>
              <tr>
                <th>{t.version}</th>
                <th>
                  <Term label={t.paramsSha256} />
                </th>
                <th>
                  <Term label={t.listRoot} />
                </th>
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
        {operator && ev.status === 'published' && latest && (
          <button className="primary" onClick={askFreeze}>
            {t.freeze}
          </button>
        )}
      </div>
      <div className="card">
        <h2>{t.rehearse}</h2>
        <p className="muted">{t.rehearseExplain}</p>
        {operator && (ev.status === 'published' || ev.status === 'frozen') && (
          <button
            onClick={() =>
              void act(async () => setRehearsal(await api<DrawOutcome>('POST', `${base}/rehearse`, {} satisfies RehearseBody)))
            }
          >
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
      {element}
    </>
  );
}

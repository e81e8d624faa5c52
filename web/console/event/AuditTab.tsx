import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../ErrorBox.js';
import type { TabProps } from './types.js';

interface Audit {
  entries: { seq: number; at: string; actor: string; action: string; details: unknown; hash: string }[];
  checkpoints: { seq: number; hash: string; signatures: { signer: string; role: string; publicKey: string; signature: string }[] }[];
  verification: { ok: boolean; seq?: number; reason?: string; zh?: string; publicKey: string };
}

export function AuditTab({ ev }: TabProps) {
  const { t, lang } = useSession();
  const [audit, setAudit] = useState<Audit | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Audit>('GET', `/api/events/${encodeURIComponent(ev.id)}/audit`)
      .then(setAudit)
      .catch(setError);
  }, [ev.id, ev.status]);
  if (error) return <ErrorBox error={error} />;
  if (!audit) return null;
  const v = audit.verification;
  const signed = new Map(audit.checkpoints.map((c) => [c.seq, c.signatures]));
  return (
    <>
      <div className={`card ${v.ok ? 'ok' : 'error'}`} role="status">
        {v.ok ? `✔ ${t.auditValid}` : `✘ ${t.auditBroken}：#${v.seq} ${lang === 'zh' ? v.zh : v.reason}`}（{audit.entries.length}{' '}
        {t.entries}，{audit.checkpoints.length} {t.checkpoints}）
      </div>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t.time}</th>
            <th>{t.actor}</th>
            <th>{t.action}</th>
            <th>{t.details}</th>
          </tr>
        </thead>
        <tbody>
          {audit.entries.map((e) => (
            <tr key={e.seq}>
              <td>
                {e.seq}
                {signed.has(e.seq) ? ` ✍${signed.get(e.seq)!.length}` : ''}
              </td>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor}</td>
              <td className="hash">{e.action}</td>
              <td className="hash" style={{ maxWidth: '40rem' }}>
                {JSON.stringify(e.details)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

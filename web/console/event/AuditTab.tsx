import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { TabProps } from './types.js';
import { actionName, actorParts, AUDIT_WORDS, fieldName, viaName } from './audit-messages.js';
import type { AuditView as Audit } from '../../../src/api/staff.js';

/** Digest fields: their technical name is shown small beside the Chinese one. */
const TECH = new Set(['paramsSha256', 'listRoot', 'personsRoot', 'sourcesSha256', 'recordSha256', 'offersSha256', 'fileSha256', 'seed']);

/** The entry's plain fields with a known name, as [key, name, value] (the rest is in the technical details). */
function summary(details: unknown, lang: 'zh' | 'en'): [string, string, string][] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const out: [string, string, string][] = [];
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    const label = fieldName(k, lang);
    if (!label || v === null || typeof v === 'object') continue;
    if (typeof v === 'boolean') continue;
    // Sources are counted from 1 for people, as the ceremony's screens number them (the data counts from 0).
    const text = k === 'via' ? viaName(String(v), lang) : k === 'index' && typeof v === 'number' ? String(v + 1) : String(v);
    if (k === 'startedAt' || k === 'at') out.push([k, label, beijingTime(String(v), lang)]);
    else out.push([k, label, text]);
  }
  return out;
}

/** A moment in Beijing time (the bureau's), whatever the browser's zone. */
function beijingTime(at: string, lang: 'zh' | 'en'): string {
  const d = new Date(at);
  if (!/[zZ]|[+-]\d\d:\d\d$/.test(at) || Number.isNaN(d.getTime())) return at.replace('T', ' ');
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function AuditTab({ ev }: TabProps) {
  const { t, lang } = useSession();
  const w = AUDIT_WORDS[lang];
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
      <ol className="timeline">
        {audit.entries.map((e) => {
          const [who, name] = actorParts(e.actor, lang);
          const facts = summary(e.details, lang);
          const sigs = signed.get(e.seq);
          return (
            <li key={e.seq} className="timeline-entry">
              <div className="timeline-when">
                <span className="timeline-seq">#{e.seq}</span> {beijingTime(e.at, lang)}
              </div>
              <div className="timeline-what">
                <strong>{actionName(e.action, lang) ?? <code>{e.action}</code>}</strong>
                {who ? (
                  <span className="timeline-who">
                    {' '}
                    · {who} {name && /^[\x21-\x7e]+$/.test(name) ? <code>{name}</code> : name}
                  </span>
                ) : (
                  <span className="timeline-who">
                    {' '}
                    · <code>{e.actor}</code>
                  </span>
                )}
                {sigs && <span className="badge ok">✍ {w.signed(sigs.length)}</span>}
              </div>
              {facts.length > 0 && (
                <dl className="timeline-facts">
                  {facts.map(([k, label, value]) => (
                    <div key={k}>
                      <dt>
                        {label}
                        {TECH.has(k) && (
                          <small className="tech" lang="en">
                            {' '}
                            {k}
                          </small>
                        )}
                      </dt>
                      <dd>{/^[0-9a-f]{32,}$/.test(value) ? <code className="hash">{value}</code> : value}</dd>
                    </div>
                  ))}
                </dl>
              )}
              <details className="timeline-tech">
                <summary>{w.technical}</summary>
                <p>
                  {w.entryKind}：<code>{e.action}</code>
                </p>
                <pre>
                  <code>{JSON.stringify(e.details, null, 2)}</code>
                </pre>
                <p>
                  <code className="hash">{e.hash}</code>
                </p>
              </details>
            </li>
          );
        })}
      </ol>
    </>
  );
}

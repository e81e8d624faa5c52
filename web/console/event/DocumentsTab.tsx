import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { DOC_MESSAGES } from './documents-messages.js';
import { saveBlob, useReasonDownload } from '../ReasonDownload.js';
import type { TabProps } from './types.js';
import type { DocumentFile, DocumentSettings as Settings, DocumentSettingsChange } from '../../../src/api/staff.js';

/** 文书: the event's document settings and the documents a clerk downloads. */
export function DocumentsTab({ ev }: TabProps) {
  const { lang, account } = useSession();
  const m = DOC_MESSAGES[lang];
  const base = `/api/events/${encodeURIComponent(ev.id)}`;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [oneReg, setOneReg] = useState('');
  const canEdit = account.role === 'operator';

  useEffect(() => {
    api<Settings>('GET', `${base}/settings`)
      .then((s) => {
        setSettings(s);
        setDraft(Object.fromEntries(s.fields.map((f) => [f.key, f.value ?? ''])));
      })
      .catch(setError);
  }, [base]);

  const save = async (): Promise<void> => {
    if (!settings) return;
    setError(null);
    setSaved(false);
    const changes = Object.fromEntries(
      settings.fields.filter((f) => (f.value ?? '') !== draft[f.key]).map((f) => [f.key, draft[f.key] ?? '']),
    );
    if (Object.keys(changes).length === 0) return;
    try {
      const s = await api<Settings>('PUT', `${base}/settings`, { settings: changes } satisfies DocumentSettingsChange);
      setSettings(s);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  const download = async (file: DocumentFile, name: string, query = ''): Promise<void> => {
    setError(null);
    setBusy(file + query);
    try {
      saveBlob(await api<Blob>('GET', `${base}/documents/${file}${query}`), name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const usedBy = (key: string): string[] =>
    settings
      ? Object.entries(settings.required)
          .filter(([, keys]) => keys.includes(key))
          .map(([doc]) => m.docs[doc] ?? doc)
      : [];
  const drawn = Boolean(ev.official);
  // Receipts exist from publication on (a withdrawn event keeps its status, and its receipts).
  const published = ev.status !== 'draft';
  // Notices and the workbook carry personal data: a reason is asked first, and logged.
  const personal = useReasonDownload();
  const link = (file: DocumentFile, label: string, name: string, query = '', reason = false) => (
    <li key={file + query}>
      <button
        className="link"
        disabled={busy !== null}
        onClick={() => (reason ? personal.download(`${base}/documents/${file}${query}`, name, label) : void download(file, name, query))}
      >
        {label}
      </button>
      {busy === file + query && <span className="muted"> {m.working}</span>}
    </li>
  );

  return (
    <>
      {personal.element}
      <ErrorBox error={error} />
      <div className="card" aria-labelledby="doc-downloads">
        <h2 id="doc-downloads">{m.downloadsTitle}</h2>
        <ul className="documents">{link('privacy-notice.pdf', m.privacyNotice, `${ev.id}-个人信息告知书.pdf`)}</ul>
        {published ? (
          <>
            <p className="muted">{m.receiptsExplain}</p>
            <ul className="documents">
              {link('receipts.pdf', m.receiptsAll, `${ev.id}-全部-报名回执.pdf`, '', true)}
              {ev.units.map((u) =>
                link('receipts.pdf', m.receiptsUnit(u.name), `${ev.id}-${u.id}-报名回执.pdf`, `?unit=${encodeURIComponent(u.id)}`, true),
              )}
            </ul>
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                const reg = oneReg.trim();
                if (reg)
                  personal.download(
                    `${base}/documents/receipts.pdf?reg=${encodeURIComponent(reg)}`,
                    `${ev.id}-${reg}-报名回执.pdf`,
                    m.receiptOne(reg),
                  );
              }}
            >
              <label htmlFor="receipt-reg">{m.receiptReg}</label>
              <input id="receipt-reg" value={oneReg} autoComplete="off" onChange={(e) => setOneReg(e.target.value)} />
              <button type="submit" disabled={!oneReg.trim()}>
                {m.receiptGo}
              </button>
            </form>
          </>
        ) : (
          <p className="muted">{m.receiptsNotPublished}</p>
        )}
        {drawn ? (
          <>
            <p className="muted">{m.downloadsExplain}</p>
            <ul className="documents">
              {link('announcement.pdf', m.announcement, `${ev.id}-摇号结果公示.pdf`)}
              {link('ceremony.pdf', m.ceremony, `${ev.id}-摇号现场记录.pdf`)}
              {link('admitted.pdf', m.admittedAll, `${ev.id}-全部-录取名单.pdf`)}
              {ev.units.map((u) =>
                link('admitted.pdf', m.admittedUnit(u.name), `${ev.id}-${u.id}-录取名单.pdf`, `?unit=${encodeURIComponent(u.id)}`),
              )}
              {link('notices.pdf', m.noticesAll, `${ev.id}-全部通知书.pdf`, '', true)}
              {ev.units.map((u) =>
                link('notices.pdf', m.noticesUnit(u.name), `${ev.id}-${u.id}-通知书.pdf`, `?unit=${encodeURIComponent(u.id)}`, true),
              )}
              {link('workbook.xlsx', m.workbook, `${ev.id}-内部名单.xlsx`, '', true)}
            </ul>
          </>
        ) : (
          <p className="muted">{m.notDrawn}</p>
        )}
      </div>
      <div className="card" aria-labelledby="doc-settings">
        <h2 id="doc-settings">{m.settingsTitle}</h2>
        <p className="muted">{m.settingsExplain}</p>
        {!canEdit && <p className="muted">{m.readOnly}</p>}
        {settings && (
          <form
            className="settings"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {settings.fields.map((f) => {
              const docs = usedBy(f.key);
              const id = `setting-${f.key}`;
              return (
                <div className="field" key={f.key}>
                  <label htmlFor={id}>
                    {lang === 'zh' ? f.zh : f.en}
                    {docs.length > 0 && ' *'}
                    <span className="muted small">
                      {' '}
                      <span lang="en">{f.key}</span>
                      {docs.length > 0 && ` · ${m.neededBy} ${docs.join(lang === 'zh' ? '、' : ', ')}`}
                    </span>
                  </label>
                  {f.kind === 'long' ? (
                    <textarea
                      id={id}
                      rows={3}
                      value={draft[f.key] ?? ''}
                      placeholder={f.example}
                      disabled={!canEdit}
                      onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                    />
                  ) : (
                    <input
                      id={id}
                      type={f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : f.kind === 'url' ? 'url' : 'text'}
                      inputMode={f.kind === 'phone' || f.kind === 'count' ? 'tel' : undefined}
                      value={draft[f.key] ?? ''}
                      placeholder={f.example}
                      disabled={!canEdit}
                      onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                    />
                  )}
                </div>
              );
            })}
            {canEdit && (
              <p>
                <button className="primary" type="submit">
                  {m.save}
                </button>
                {saved && <span className="ok"> ✔ {m.saved}</span>}
              </p>
            )}
          </form>
        )}
      </div>
    </>
  );
}

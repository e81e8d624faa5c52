import { useSession } from '../session.js';
import type { TabProps } from './types.js';
import { useReasonDownload } from '../ReasonDownload.js';

export function ExportsTab({ ev }: TabProps) {
  const { t } = useSession();
  const personal = useReasonDownload();
  if (!ev.official) return <p className="card empty">{t.notDrawn}</p>;
  const base = `/api/events/${encodeURIComponent(ev.id)}/export`;
  return (
    <div className="card">
      {personal.element}
      <p className="muted">
        {t.exportsExplain.split('fairdraw verify').flatMap((part, i) => (i ? [<code key={i}>fairdraw verify</code>, part] : [part]))}
      </p>
      <ul>
        {['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'].map((f) => (
          <li key={f}>
            <a href={`${base}/${f}`} download={f}>
              {f}
            </a>
          </li>
        ))}
        <li>
          <button className="link" onClick={() => personal.download(`${base}/units.xlsx`, `${ev.id}-units.xlsx`, t.internalWorkbook)}>
            {t.internalWorkbook}
          </button>
        </li>
      </ul>
    </div>
  );
}

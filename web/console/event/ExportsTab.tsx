import { useSession } from '../session.js';
import type { TabProps } from './types.js';

export function ExportsTab({ ev }: TabProps) {
  const { t } = useSession();
  if (!ev.official) return <p className="card empty">{t.notDrawn}</p>;
  const base = `/api/events/${encodeURIComponent(ev.id)}/export`;
  return (
    <div className="card">
      <p className="muted">{t.exportsExplain}</p>
      <ul>
        {['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'].map((f) => (
          <li key={f}>
            <a href={`${base}/${f}`} download={f}>
              {f}
            </a>
          </li>
        ))}
        <li>
          <a href={`${base}/units.xlsx`} download={`${ev.id}-units.xlsx`}>
            {t.internalWorkbook}
          </a>
        </li>
      </ul>
    </div>
  );
}

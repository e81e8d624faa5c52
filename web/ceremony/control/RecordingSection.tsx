import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { Section, type SectionProps } from './Section.js';
import { hashFile } from './hash-file.js';
import type { RecordingBody } from '../../../src/api/ceremony.js';

/** 录像: the SHA-256 of the ceremony's video, computed here from the file, recorded in the log. */
export function RecordingSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const [fileName, setFileName] = useState('');
  const [sha256, setSha] = useState('');
  const [size, setSize] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const phase = view.ceremony?.phase;
  if (phase !== 'drawn' && phase !== 'closed' && phase !== 'halted') return null;
  return (
    <Section id="recording" title={c.recording}>
      <label htmlFor="recfile">{c.chooseFile}</label>
      <input
        id="recfile"
        type="file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          setFileName(f.name);
          setSize(String(f.size));
          setSha('');
          setProgress(0);
          void hashFile(f, setProgress).then((h) => {
            setSha(h);
            setProgress(null);
          });
        }}
      />
      {progress !== null && <p>{c.hashing(Math.round(progress * 100))}</p>}
      <div className="row">
        <div>
          <label htmlFor="rname">{c.fileName}</label>
          <input id="rname" value={fileName} onChange={(e) => setFileName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="rsha">{c.sha256}</label>
          <input id="rsha" size={68} className="mono" value={sha256} onChange={(e) => setSha(e.target.value)} />
        </div>
        <div>
          <label htmlFor="rsize">{c.size}</label>
          <input id="rsize" value={size} onChange={(e) => setSize(e.target.value)} />
        </div>
        <button
          disabled={!canAct || a.busy || !fileName || !sha256 || size === ''}
          onClick={() =>
            void a.run(() => api('POST', `${url}/recording`, { fileName, sha256, size: Number(size) } satisfies RecordingBody))
          }
        >
          {c.saveRecording}
        </button>
      </div>
      {view.recordings.map((r, i) => (
        <p key={i} className="ok">
          ✓ {c.recorded}：{r.fileName} · <span className="mono">{r.sha256}</span> · {r.size}
        </p>
      ))}
      <ErrorBox error={a.error} bothLanguages />
    </Section>
  );
}

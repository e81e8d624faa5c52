/**
 * 独立核验: loads the public bundle (from the server, a static site, or picked files) and checks
 * it in a Web Worker, showing each step passed or the first difference.
 */
import { useEffect, useRef, useState } from 'react';
import { errorText, setLang, useLang } from '../shared/i18n.js';
import type { BundleInput, BundleReport } from '../../src/core/bundle/index.js';
import type { PublicEventSummary } from '../../src/api/public.js';
import { getEvents } from '../portal/data.js';
import { portalHref } from '../portal/site-mode.js';
import { messages } from './messages.js';
import { eventBundle, folderBundle, loadBundle, readPicked } from './load.js';
import VerifyWorker from './worker.ts?worker&inline';
import type { FromWorker } from './worker.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'loading'; fraction: number; file: string }
  | { kind: 'running'; fraction: number; step: string }
  | { kind: 'done'; report: BundleReport; elapsed: number }
  | { kind: 'error'; error: unknown };

export function App() {
  const lang = useLang();
  const t = messages[lang];
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [origin, setOrigin] = useState('');
  const [events, setEvents] = useState<PublicEventSummary[] | undefined>();
  const [missing, setMissing] = useState<string[]>([]);
  const worker = useRef<Worker | undefined>(undefined);
  const started = useRef(false);

  useEffect(() => {
    document.title = `${t.brand} · ${t.title}`;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [t, lang]);

  const run = (input: BundleInput): void => {
    worker.current?.terminate();
    const w = new VerifyWorker();
    worker.current = w;
    const t0 = performance.now();
    setPhase({ kind: 'running', fraction: 0, step: 'rules' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') setPhase({ kind: 'running', fraction: m.fraction, step: m.step });
      else if (m.type === 'done') {
        setPhase({ kind: 'done', report: m.report, elapsed: Math.round(performance.now() - t0) });
        w.terminate();
      } else setPhase({ kind: 'error', error: new Error(m.message) });
    };
    const files = [input.rules, input.list, input.sources, input.record, input.audit].filter((b): b is Uint8Array => !!b);
    w.postMessage(
      input,
      files.map((b) => b.buffer as ArrayBuffer),
    );
  };

  const fromUrls = async (urlOf: (file: string) => string, label: string): Promise<void> => {
    setOrigin(label);
    setPhase({ kind: 'loading', fraction: 0, file: 'rules.json' });
    try {
      const input = await loadBundle(urlOf, (fraction, file) => setPhase({ kind: 'loading', fraction, file }));
      run(input);
    } catch (error) {
      setPhase({ kind: 'error', error });
    }
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const q = new URLSearchParams(location.search);
    const event = q.get('event');
    const base = q.get('base');
    const folder = base ? folderBundle(base) : undefined;
    if (event) void fromUrls(eventBundle(event), event);
    else if (folder) void fromUrls(folder, base!);
    else
      getEvents().then(
        (list) => setEvents(list.filter((e) => e.status === 'results')),
        () => setEvents([]),
      );
  }, []);

  const pick = async (files: FileList | null): Promise<void> => {
    if (!files || files.length === 0) return;
    const { input, missing: m } = await readPicked(files);
    setMissing(m);
    if (input) {
      setOrigin([...files].map((f) => f.name).join(', '));
      run(input);
    }
  };

  const busy = phase.kind === 'loading' || phase.kind === 'running';
  return (
    <>
      <header className="p-header">
        <a href={portalHref()} className="p-brand">
          <span className="p-sun" aria-hidden="true" />
          {t.brand}
          <small>{t.title}</small>
        </a>
        <button className="p-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.switchLang}
        </button>
      </header>
      <main className="p-main v-main">
        <h1>{t.title}</h1>
        <p className="muted">{t.intro}</p>

        {events && (
          <section className="card">
            <h2>{t.fromServer}</h2>
            {events.length === 0 && <p className="muted">{t.noEvents}</p>}
            <div className="p-buttons">
              {events.map((e) => (
                <button key={e.id} className="secondary" disabled={busy} onClick={() => void fromUrls(eventBundle(e.id), e.id)}>
                  {t.verifyEvent(e.title)}
                </button>
              ))}
            </div>
          </section>
        )}

        <section className="card">
          <h2>{events ? t.fromFiles : t.fromFilesAlone}</h2>
          <p className="muted p-small">{t.filesHint}</p>
          <input type="file" multiple disabled={busy} aria-label={t.fromFiles} onChange={(e) => void pick(e.target.files)} />
          {missing.length > 0 && <p className="error">{t.missing(missing)}</p>}
        </section>

        {phase.kind !== 'idle' && (
          <section className="card" aria-live="polite">
            {origin && <p className="muted p-small">{t.source(origin)}</p>}
            {busy && (
              <>
                <p>
                  {phase.kind === 'loading' ? t.loading(phase.file) : `${t.running} ${t.steps[phase.step as keyof typeof t.steps] ?? ''}`}
                </p>
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(phase.fraction * 100)}
                >
                  <div style={{ width: `${Math.round(phase.fraction * 100)}%` }} />
                </div>
              </>
            )}
            {phase.kind === 'error' && <p className="error">{`${t.error}：${errorText(phase.error, lang)}`}</p>}
            {phase.kind === 'done' && <Report report={phase.report} elapsed={phase.elapsed} />}
          </section>
        )}
        <p>
          <a href={portalHref()}>← {t.backToPortal}</a>
        </p>
      </main>
    </>
  );
}

function Report({ report, elapsed }: { report: BundleReport; elapsed: number }) {
  const lang = useLang();
  const t = messages[lang];
  const f = report.firstFailure;
  return (
    <>
      <div className={`v-verdict ${report.valid ? 'ok' : 'bad'}`} data-testid="verdict" data-valid={String(report.valid)}>
        {report.valid ? (
          <>
            <strong>✓ {t.valid}</strong>
            <p>{report.audited ? t.validAudited : t.notAudited}</p>
          </>
        ) : (
          <>
            <strong>✗ {t.invalid}</strong>
            {f && (
              <div data-testid="first-difference" data-step={f.id}>
                <p>
                  {t.firstDifference}（{t.steps[f.id]}）：{f.message[lang]}
                </p>
                {f.difference && (
                  <dl className="v-diff">
                    <dt>{t.path}</dt>
                    <dd className="hash">{f.difference.path}</dd>
                    <dt>{t.expected}</dt>
                    <dd className="hash">{f.difference.expected}</dd>
                    <dt>{t.found}</dt>
                    <dd className="hash">{f.difference.found}</dd>
                  </dl>
                )}
              </div>
            )}
          </>
        )}
      </div>
      <p className="muted p-small" data-testid="elapsed" data-ms={elapsed} data-core-ms={report.ms}>
        {t.elapsed(elapsed, report.applicants ?? 0)}
      </p>
      <ol className="v-steps">
        {report.steps.map((s) => (
          <li key={s.id} className={`v-step ${s.status}`} data-step={s.id} data-status={s.status} data-ms={s.ms}>
            <span className="v-icon" aria-hidden="true">
              {s.status === 'passed' ? '✓' : s.status === 'skipped' ? '–' : '✗'}
            </span>
            <div>
              <strong>{t.steps[s.id]}</strong> <span className="v-status">{t.status[s.status]}</span>
              <p className="p-small">{s.message[lang]}</p>
              {s.value && s.status === 'passed' && /^[0-9a-f]{16,}/.test(s.value) && <code className="hash p-small">{s.value}</code>}
            </div>
          </li>
        ))}
      </ol>
      {report.organiserPublicKey && (
        <div className="kv">
          <div className="k">{t.key}</div>
          <code className="hash v">{report.organiserPublicKey}</code>
        </div>
      )}
      {report.notaryKey && (
        <div className="kv">
          <div className="k">{t.notaryKey(report.notaryKey.name)}</div>
          <code className="hash v">{report.notaryKey.fingerprint}</code>
        </div>
      )}
      {report.head && (
        <div className="kv">
          <div className="k">{t.head}</div>
          <code className="hash v">{report.head}</code>
        </div>
      )}
    </>
  );
}

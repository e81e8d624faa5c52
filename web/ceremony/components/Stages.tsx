/** The stages of the ceremony as the big screen shows them; the live view reuses them at phone size. */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { Bilingual, StepPayloads } from '../../../src/office/ceremony/log-types.js';
import { beijing, type Messages } from '../messages.js';
import { stepStates, type Model, type RepsState } from '../model.js';
import { frameAt, planFor, rollDuration, settledCount } from '../roll.js';
import { Hash } from './Hash.js';
import { Qr } from './Qr.js';
import { UnitCountsTable } from '../../shared/UnitCountsTable.js';
import { Term } from '../../shared/Term.js';

export function StepBar({ m, t }: { m: Model; t: Messages }) {
  const states = stepStates(m);
  return (
    <ol className="stepbar" aria-label={t.stepsLabel}>
      {t.stages.map((s, i) => (
        <li key={s} className={states[i] === 'todo' ? '' : states[i]} aria-current={states[i] === 'current' ? 'step' : undefined}>
          <span className="n" aria-hidden="true">
            {states[i] === 'done' ? '✓' : i + 1}
          </span>
          {s}
          {states[i] === 'skipped' && <span className="skipped-note">（{t.stepSkipped}）</span>}
          {states[i] === 'done' && <span className="visually-hidden">（{t.stepDone}）</span>}
        </li>
      ))}
    </ol>
  );
}

/** "规则哈希 paramsSha256" → the words, then the field name on its own line, in small type. */
function twoLines(label: string): ReactNode {
  return <Term label={label} block />;
}

export function CheckStage({ opened, t, compact = false }: { opened: StepPayloads['opened']; t: Messages; compact?: boolean }) {
  const { check } = opened;
  const rec = check.recomputed;
  const row = (name: string, a: string, b: string | undefined) => (
    <tr className={a === b ? 'same' : 'differ'}>
      <th scope="row">{twoLines(name)}</th>
      <td>
        <Hash value={a} />
      </td>
      <td>{b ? <Hash value={b} /> : '—'}</td>
      <td className="verdict">{a === b ? `✓ ${t.match}` : `✗ ${t.mismatch}`}</td>
    </tr>
  );
  return (
    <section className="stage check">
      {!compact && (
        <ul className="unit-cards" aria-label={t.units}>
          {opened.units.map((u) => (
            <li key={u.id}>
              <span className="unit-name">{u.name}</span>
              <span className="unit-figures">
                {t.seats} <b>{u.seats}</b>
                {'\u3000'}
                {t.applicants} <b>{u.applicants}</b>
              </span>
            </li>
          ))}
          <li className="unit-total">{t.applicantsTotal(opened.applicants)}</li>
        </ul>
      )}
      <table className="digests">
        <thead>
          <tr>
            <th />
            <th>{t.published}</th>
            <th>{t.recomputed}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {row(t.paramsSha256, check.published.paramsSha256, rec?.paramsSha256)}
          {row(t.listRoot, check.published.listRoot, rec?.listRoot)}
          <tr className={check.published.listSize === rec?.listSize ? 'same' : 'differ'}>
            <th scope="row">{t.listSize}</th>
            <td className="big-num">{check.published.listSize}</td>
            <td className="big-num">{rec?.listSize ?? '—'}</td>
            <td className="verdict">{check.published.listSize === rec?.listSize ? `✓ ${t.match}` : `✗ ${t.mismatch}`}</td>
          </tr>
        </tbody>
      </table>
      {check.match && <p className="verdict-line ok">✓ {t.checkOk}</p>}
    </section>
  );
}

export function HaltedStage({
  halted,
  opened,
  lang,
  t,
}: {
  halted: Bilingual;
  opened?: StepPayloads['opened'];
  lang: 'zh' | 'en';
  t: Messages;
}) {
  return (
    <section className="stage halted" role="alert">
      <h2>
        <span className="stop-mark" aria-hidden="true">
          !
        </span>
        {t.halted}
      </h2>
      <p className="halt-main">{lang === 'zh' ? halted.zh : halted.en}</p>
      <p className="halt-other">{lang === 'zh' ? halted.en : halted.zh}</p>
      {opened && <CheckStage opened={opened} t={t} compact />}
    </section>
  );
}

export function RepsStage({ reps, t, fresh }: { reps: RepsState; t: Messages; fresh: boolean }) {
  const p = reps.prepared;
  const d = reps.drawn;
  return (
    <section className="stage reps">
      <h2>
        {t.reps} · {p.unitName}
      </h2>
      <p className="lead">{t.repsPool(p.pool, p.poolSize, p.seats)}</p>
      <dl className="facts">
        <dt>{t.drawId}</dt>
        <dd className="mono">{p.drawId}</dd>
        <dt>
          <Term label={t.paramsSha256} />
        </dt>
        <dd>
          <Hash value={p.paramsSha256} lines={1} />
        </dd>
        <dt>
          <Term label={t.listRoot} />
        </dt>
        <dd>
          <Hash value={p.listRoot} lines={1} />
        </dd>
        <dt>{p.sourceLabel}</dt>
        <dd className="value-text">{d ? d.value : t.repsWaiting}</dd>
        {d && (
          <>
            <dt>
              <Term label={t.seed} />
            </dt>
            <dd>
              <Hash value={d.seed} lines={1} />
            </dd>
          </>
        )}
      </dl>
      {d && (
        <ol className={`rep-cards ${fresh ? 'fresh' : ''}`}>
          {d.reps.map((r, i) => (
            <li key={r.regNo} style={{ animationDelay: `${i * 0.35}s` }}>
              <span className="order">{i + 1}</span>
              <span className="regno">{r.regNo}</span>
              <span className="name">{r.name}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Four or more sources share the screen's height: smaller rows; six or more: smaller still. */
function density(n: number): string {
  return n >= 6 ? 'dense denser' : n >= 4 ? 'dense' : '';
}

export function SourcesStage({ m, t, freshId }: { m: Model; t: Messages; freshId: number }) {
  const opened = m.opened;
  if (!opened) return null;
  return (
    <section className="stage sources">
      <h2>{t.sources}</h2>
      <ol className={`slots ${density(opened.declaredSources.length)}`}>
        {opened.declaredSources.map((d, i) => {
          const v = m.values.get(i);
          const slot = m.roster.find((s) => s.index === i);
          const sub = m.substitutions.find((s) => s.index === i);
          const person = slot ? (slot.substituted ? slot.alternate : slot.witness) : null;
          const sealed = m.commitments.get(i);
          const fresh = (v && v.id === freshId) || (!v && sealed && sealed.id === freshId);
          const hasDrand = opened.declaredSources.some((x) => x.kind === 'drand');
          const earlierOpen = !hasDrand && opened.declaredSources.slice(0, i).some((x, j) => x.kind === 'witness' && !m.values.has(j));
          return (
            <li key={i} className={`slot ${v || sealed ? 'filled' : 'empty'} ${fresh ? 'fresh' : ''}`} data-slot={i}>
              <span className="idx">{i + 1}</span>
              <div className="who">
                <div className="label">{d.kind === 'drand' ? t.drandRound(d.round) : d.label}</div>
                <div className="sub">
                  {d.kind === 'drand' && d.producedAt ? `${t.drandProduced(beijing(d.producedAt))}（${t.bjt}）` : sub ? null : person}
                  {sub && <span className="substitute">{t.substituted(sub.absent, sub.alternate)}</span>}
                </div>
              </div>
              <div className="val">
                {v ? (
                  d.kind === 'drand' ? (
                    <>
                      <Hash value={v.value} className="drand" />
                      <div className="note ok">✓ {t.drandVerified}</div>
                    </>
                  ) : (
                    <>
                      <span className="value-text">{v.value}</span>
                      <div className={`note ${v.via === 'replaced' ? '' : d.kind === 'witness' ? 'ok' : ''}`}>
                        {v.via === 'replaced'
                          ? t.replacedBy(v.reason ?? '')
                          : d.kind === 'witness'
                            ? `${t.opensCommitment} · ${v.via === 'hall' ? t.viaHall : t.viaPhone}`
                            : t.viaKeyboard}
                      </div>
                      {sealed && (
                        <div className="note commitment">
                          <Hash value={sealed.commitment} lines={1} />
                        </div>
                      )}
                    </>
                  )
                ) : sealed ? (
                  <>
                    <span className="pending sealed">{m.sealed ? (earlierOpen ? t.waitingTurn : t.sealedReveal) : t.sealedWait}</span>
                    <div className="note commitment" data-commitment={sealed.commitment}>
                      <Hash value={sealed.commitment} lines={1} />
                    </div>
                    <div className="note">{t.sealedVia(sealed.via === 'hall')}</div>
                  </>
                ) : (
                  <span className="pending">{d.kind === 'witness' ? t.awaitSeal : t.pending}</span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {m.sealed && (
        <p className="note sealed-all">
          {t.sealedAll}
          {m.sealed.deadline ? ` · ${t.revealDeadline(`${beijing(m.sealed.deadline)}（${t.bjt}）`)}` : ''}
        </p>
      )}
    </section>
  );
}

export function SeedStage({ draw, t }: { draw: StepPayloads['draw']; t: Messages }) {
  return (
    <section className="stage seed">
      <h2>✓ {t.resultStored}</h2>
      <div className="seed-box">
        <div className="k">
          <Term label={t.seed} />
        </div>
        <Hash value={draw.seed} className="huge" />
      </div>
      <dl className="facts">
        <dt>
          <Term label={t.sourcesSha256} />
        </dt>
        <dd>
          <Hash value={draw.sourcesSha256} lines={1} />
        </dd>
        <dt>
          <Term label={t.recordSha256} />
        </dt>
        <dd>
          <Hash value={draw.recordSha256} lines={1} />
        </dd>
      </dl>
      <p className="lead">{t.replayNote}</p>
    </section>
  );
}

/** Elapsed milliseconds since `start` changed, animated by requestAnimationFrame until `until`. */
function useElapsed(key: number, animate: boolean, until: number): number {
  const [elapsed, setElapsed] = useState(animate ? 0 : Number.POSITIVE_INFINITY);
  useEffect(() => {
    if (!animate || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      setElapsed(Number.POSITIVE_INFINITY);
      return;
    }
    const t0 = performance.now();
    let raf = 0;
    const step = () => {
      const e = performance.now() - t0;
      setElapsed(e);
      if (e <= until) raf = requestAnimationFrame(step);
    };
    raf = requestAnimationFrame(step);
    return () => cancelAnimationFrame(raf);
  }, [key, animate, until]);
  return elapsed;
}

/** Cells shown on the big screen; a bigger unit's full list is in the published results. */
export const MAX_CELLS = 60;

export function RevealStage({ reveal, t, animate }: { reveal: StepPayloads['reveal'] & { id: number }; t: Messages; animate: boolean }) {
  const shown = reveal.admitted.slice(0, MAX_CELLS);
  const plan = planFor(shown.length);
  const elapsed = useElapsed(reveal.id, animate, rollDuration(shown.length, plan) + plan.tick);
  const settled = settledCount(elapsed, shown.length, plan);
  const frame = frameAt(
    shown.map((p) => p.regNo),
    elapsed,
    plan,
  );
  const size = shown.length <= 12 ? 's' : shown.length <= 30 ? 'm' : 'l';
  return (
    <section className="stage reveal" data-settled={settled === shown.length ? 'all' : settled}>
      <h2>
        {reveal.name}
        <small>
          {t.unitOf(reveal.position + 1, reveal.of)} · {t.seats} {reveal.seats} · {t.applicants} {reveal.applicants} · {t.admitted}{' '}
          {reveal.admitted.length} · {t.waitlist} {reveal.waitlist}
        </small>
      </h2>
      <ol className={`cells cells-${size}`}>
        {shown.map((p, i) => {
          const done = i < settled;
          return (
            <li key={i} className={done ? 'settled' : 'rolling'}>
              <span className="order">{i + 1}</span>
              <span className="regno">{frame[i]}</span>
              <span className="name">{done ? p.name : '\u00a0'}</span>
            </li>
          );
        })}
      </ol>
      {reveal.admitted.length > shown.length && <p className="more">{t.moreAdmitted(reveal.admitted.length - shown.length)}</p>}
      {reveal.waitlist > 0 && settled === shown.length && (
        <p className="waitlist-head">
          {t.waitlistMore(reveal.waitlist)}{' '}
          {reveal.waitlistHead.map((p, i) => (
            <span key={p.regNo}>
              {i + 1}. {p.regNo} {p.name}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

export function SummaryStage({ m, t, verifyUrl }: { m: Model; t: Messages; verifyUrl: string }) {
  const s = m.summary!;
  return (
    <section className="stage summary">
      <div className="summary-main">
        <h2>✓ {t.done}</h2>
        <UnitCountsTable className="units" rows={s.units} t={t} />
        <dl className="facts">
          <dt>
            <Term label={t.recordSha256} />
          </dt>
          <dd>
            <Hash value={s.recordSha256} />
          </dd>
          <dt>
            <Term label={t.seed} />
          </dt>
          <dd>
            <Hash value={s.seed} />
          </dd>
          {m.recordings.map((r, i) => (
            <Fragment key={i}>
              <dt>
                {t.recording} · {r.fileName}
              </dt>
              <dd>
                <Hash value={r.sha256} />
              </dd>
            </Fragment>
          ))}
        </dl>
      </div>
      <figure className="verify-qr">
        <Qr text={verifyUrl} size="calc(34 * var(--u))" label={t.verifyHint} />
        <figcaption>
          {t.verifyHint}
          <br />
          <span className="mono">{verifyUrl}</span>
        </figcaption>
      </figure>
    </section>
  );
}

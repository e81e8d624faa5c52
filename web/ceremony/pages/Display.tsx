/**
 * The big screen (16:9 projector): follows the ceremony's public log and shows the current step in
 * type readable from the back of the hall. It is passive: it renders what the log says and replays
 * the stored record; nothing here can change or hold back a result.
 */
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { setLang, useLang, useMessages } from '../../shared/i18n.js';
import { meetingTime, messages } from '../messages.js';
import { isLive, useCeremonyFeed } from '../feed.js';
import { CheckStage, HaltedStage, RepsStage, RevealStage, SeedStage, SourcesStage, StepBar, SummaryStage } from '../components/Stages.js';
import { Qr } from '../components/Qr.js';
import { usePublicBase } from '../urls.js';
import type { Me } from '../../../src/api/staff.js';

export function Display({ eventId }: { eventId: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const feed = useCeremonyFeed(eventId);
  const m = feed.model;
  const [operator, setOperator] = useState(false);
  const base = usePublicBase(eventId);

  useEffect(() => {
    api<Me>('GET', '/api/auth/me')
      .then((me) => setOperator(me.account.role === 'operator'))
      .catch(() => setOperator(false));
  }, []);
  useEffect(() => {
    document.title = `${t.brand} · ${t.ceremony} · ${m.opened?.title ?? feed.title}`;
  }, [t, m.opened, feed.title]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'f' || e.key === 'F') void document.documentElement.requestFullscreen?.();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  let body;
  const latestReps = [...m.reps].sort((a, b) => b.id - a.id)[0];
  switch (m.stage) {
    case 'waiting':
      body = (
        <section className="stage waiting">
          <h2>{feed.missing ? '—' : t.waiting}</h2>
          <p className="lead">{t.waitingHint}</p>
        </section>
      );
      break;
    case 'halted':
      body = <HaltedStage halted={m.halted!} opened={m.opened} lang={lang} t={t} />;
      break;
    case 'check':
      body = <CheckStage opened={m.opened!} t={t} />;
      break;
    case 'reps':
      body = latestReps ? <RepsStage reps={latestReps} t={t} fresh={isLive(feed, latestReps.id)} /> : null;
      break;
    case 'sources':
      body = <SourcesStage m={m} t={t} freshId={isLive(feed, m.stageId) ? m.stageId : -1} />;
      break;
    case 'seed':
      body = <SeedStage draw={m.draw!} t={t} />;
      break;
    case 'reveal': {
      const r = m.reveals.at(-1)!;
      body = <RevealStage key={r.id} reveal={r} t={t} animate={isLive(feed, r.id)} />;
      break;
    }
    case 'summary':
      body = <SummaryStage m={m} t={t} verifyUrl={`${base}${m.summary!.verifyPath}`} />;
      break;
  }

  return (
    <div className={`screen stage-${m.stage}`} data-stage={m.stage} data-last-id={m.lastId} data-live-from={feed.liveFrom}>
      <header className="screen-head">
        <div className="screen-brand">
          {t.brand} · {t.ceremony}
        </div>
        <h1 className="screen-title">{m.opened?.title ?? feed.title}</h1>
        {m.stage !== 'waiting' && m.stage !== 'halted' && <StepBar m={m} t={t} />}
      </header>
      <main className="screen-body">{body}</main>
      <footer className="screen-foot">
        <div className="meeting">
          {m.meeting && (
            <div>
              {t.meeting}：{m.meeting.place}
              {'\u3000'}
              {t.startedAt}：{meetingTime(m.meeting.startedAt)}
            </div>
          )}
          {m.witnesses.length > 0 && (
            <div className="witness-line">
              {t.witnesses}：
              {m.witnesses.map((w, i) => (
                <span key={i}>
                  {w.role} {w.name}
                </span>
              ))}
            </div>
          )}
        </div>
        <figure className="live-qr">
          <Qr text={`${base}/ceremony/${encodeURIComponent(eventId)}/live`} size="calc(11 * var(--u))" label={t.liveHint} />
          <figcaption>{t.liveHint}</figcaption>
        </figure>
      </footer>
      {!feed.connected && feed.liveFrom >= 0 && <div className="reconnecting">{t.reconnecting}</div>}
      <div className="screen-tools">
        <button onClick={() => void document.documentElement.requestFullscreen?.()}>{t.fullscreen}</button>
        <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t.lang}</button>
        {operator && (
          <a href={`/ceremony/${encodeURIComponent(eventId)}/control`} target="fairdraw-control">
            {t.control}
          </a>
        )}
      </div>
    </div>
  );
}

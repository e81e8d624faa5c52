/**
 * 摇号直播 (public, no login): the whole ceremony so far on a phone, one section per step, updated
 * as each step happens. A late viewer sees everything from the start; a dropped connection resumes.
 */
import { useEffect } from 'react';
import { setLang, useLang, useMessages } from '../../shared/i18n.js';
import { meetingTime, messages } from '../messages.js';
import { isLive, useCeremonyFeed } from '../feed.js';
import { CheckStage, HaltedStage, RepsStage, RevealStage, SeedStage, SourcesStage, StepBar } from '../components/Stages.js';
import { Hash } from '../components/Hash.js';

export function Live({ eventId }: { eventId: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const feed = useCeremonyFeed(eventId);
  const m = feed.model;
  useEffect(() => {
    document.title = `${t.liveTitle} · ${m.opened?.title ?? feed.title}`;
  }, [t, m.opened, feed.title]);

  return (
    <div className="live" data-stage={m.stage} data-last-id={m.lastId}>
      <header className="live-head">
        <div className="row">
          <span className="live-dot" data-connected={feed.connected} />
          <strong>{t.liveTitle}</strong>
          <span className="spacer" />
          <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t.lang}</button>
        </div>
        <h1>{m.opened?.title ?? feed.title}</h1>
        {m.stage !== 'waiting' && m.stage !== 'halted' && <StepBar m={m} t={t} />}
        {!feed.connected && feed.liveFrom >= 0 && <p className="reconnecting-inline">{t.reconnecting}</p>}
      </header>
      {m.stage === 'waiting' && (
        <section className="card">
          <h2>{t.waiting}</h2>
          <p>{t.waitingHint}</p>
        </section>
      )}
      {m.halted && <HaltedStage halted={m.halted} lang={lang} t={t} />}
      {(m.meeting || m.witnesses.length > 0) && (
        <section className="card meeting-card">
          {m.meeting && (
            <p>
              {t.meeting}：{m.meeting.place}
              <br />
              {t.startedAt}：{meetingTime(m.meeting.startedAt)}
            </p>
          )}
          {m.witnesses.length > 0 && (
            <p>
              {t.witnesses}：{m.witnesses.map((w) => `${w.role} ${w.name}`).join('、')}
            </p>
          )}
        </section>
      )}
      {m.opened && !m.halted && (
        <div className="card">
          <h2>{t.stages[0]}</h2>
          <CheckStage opened={m.opened} t={t} />
        </div>
      )}
      {m.reps.map((r) => (
        <div className="card" key={r.prepared.unit}>
          <RepsStage reps={r} t={t} fresh={isLive(feed, r.id)} />
        </div>
      ))}
      {m.opened && m.values.size + m.substitutions.length > 0 && (
        <div className="card">
          <SourcesStage m={m} t={t} freshId={isLive(feed, m.stageId) ? m.stageId : -1} />
        </div>
      )}
      {m.draw && (
        <div className="card">
          <SeedStage draw={m.draw} t={t} />
        </div>
      )}
      {m.reveals.map((r) => (
        <div className="card" key={r.id}>
          <RevealStage reveal={r} t={t} animate={isLive(feed, r.id)} />
        </div>
      ))}
      {m.summary && (
        <section className="card summary-card">
          <h2>✓ {t.done}</h2>
          <p>{t.recordSha256}</p>
          <Hash value={m.summary.recordSha256} lines={4} />
          <p>
            <a href={m.summary.verifyPath}>{t.verifyLink} →</a>
          </p>
          {m.recordings.map((r, i) => (
            <p key={i}>
              {t.recording} · {r.fileName}
              <br />
              <Hash value={r.sha256} lines={4} />
            </p>
          ))}
        </section>
      )}
    </div>
  );
}

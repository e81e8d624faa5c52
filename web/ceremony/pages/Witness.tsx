/**
 * The witness's phone (no login): opened from the one-time QR link. The token travels in the URL
 * fragment, which the browser never sends to a server, and goes only into the body of a POST.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { errorText, setLang, useLang } from '../../shared/i18n.js';
import { fetchBeacon } from '../drand-fetch.js';
import type { LinkView } from '../../../src/office/ceremony/witness-links.js';

const W = {
  zh: {
    title: '见证人录入',
    you: '您录入的是',
    for: '见证人',
    hint: '请输入您现场产生的随机值，例如六个骰子的点数“3 5 1 6 6 2”，或摇出的号码球“07 23 31”。',
    drandHint: '请粘贴 drand 第 {r} 轮的信标数据（JSON），或在能上网时点击“联网获取”。',
    value: '随机值',
    next: '下一步',
    confirm: (v: string) => `确认提交“${v}”？提交后将立即显示在大屏幕上，不能更改。`,
    submit: '确认提交',
    back: '返回修改',
    done: '已提交。大屏幕正在显示您录入的值，谢谢！',
    waiting: (l: string) => `请稍候：需先由“${l}”录入。轮到您时此页会自动可用。`,
    used: '此链接已使用过。每个链接只能提交一次。',
    expired: '此链接已过期，请让工作人员重新生成二维码。',
    revoked: '此链接已作废（工作人员已生成新的二维码或启用了替补）。',
    closed: '此项已录入或摇号已不在录入阶段。',
    noToken: '链接不完整，请重新扫描二维码。',
    fetch: '联网获取',
    fetching: '正在获取……',
    lang: 'English',
  },
  en: {
    title: 'Witness input',
    you: 'You enter',
    for: 'Witness',
    hint: 'Type the random value you produced here, e.g. six dice "3 5 1 6 6 2" or the numbers on the drawn balls "07 23 31".',
    drandHint: 'Paste the drand beacon of round {r} (JSON), or fetch it when online.',
    value: 'Value',
    next: 'Next',
    confirm: (v: string) => `Submit "${v}"? It appears on the big screen at once and cannot be changed.`,
    submit: 'Submit',
    back: 'Edit',
    done: 'Submitted. The big screen shows your value. Thank you!',
    waiting: (l: string) => `Please wait: "${l}" enters first. This page becomes ready by itself.`,
    used: 'This link has been used. Each link works once.',
    expired: 'This link has expired; ask the operator for a new QR code.',
    revoked: 'This link was withdrawn (a new QR code or an alternate).',
    closed: 'This value is already in, or the ceremony is past this step.',
    noToken: 'The link is incomplete; scan the QR code again.',
    fetch: 'Fetch online',
    fetching: 'Fetching…',
    lang: '中文',
  },
};

export function Witness() {
  const lang = useLang();
  const w = W[lang];
  const token = decodeURIComponent(location.hash.replace(/^#/, ''));
  const [view, setView] = useState<LinkView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const look = useCallback(async () => {
    try {
      setView(await api<LinkView>('POST', '/api/ceremony/witness/lookup', { token }));
    } catch (e) {
      setError(e);
    }
  }, [token]);

  useEffect(() => {
    if (token) void look();
  }, [look, token]);
  // While waiting for an earlier witness, ask again every two seconds (a handful of phones, not the audience).
  useEffect(() => {
    if (view?.state !== 'waiting') return;
    const h = setInterval(() => void look(), 2000);
    return () => clearInterval(h);
  }, [view?.state, look]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ value: string }>('POST', '/api/ceremony/witness/submit', { token, value });
      setDone(r.value);
    } catch (e) {
      setError(e);
      setConfirming(false);
      void look();
    } finally {
      setBusy(false);
    }
  };

  const fetchOnline = async () => {
    if (!view?.round) return;
    setBusy(true);
    setError(null);
    try {
      setValue(await fetchBeacon(view.round));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!token) body = <p className="error">{w.noToken}</p>;
  else if (done) body = <p className="done-box">✓ {w.done}</p>;
  else if (view && view.state !== 'ready' && view.state !== 'waiting') body = <p className="error">{w[view.state]}</p>;
  else if (view) {
    body = (
      <>
        {view.state === 'waiting' && <p className="wait-box">{w.waiting(view.waitingFor ?? '')}</p>}
        <label htmlFor="v">{w.value}</label>
        {view.kind === 'drand' ? (
          <>
            <p className="muted">{w.drandHint.replace('{r}', String(view.round))}</p>
            <textarea id="v" rows={6} value={value} onChange={(e) => setValue(e.target.value)} disabled={confirming} />
            <button type="button" onClick={() => void fetchOnline()} disabled={busy || confirming}>
              {busy ? w.fetching : w.fetch}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{w.hint}</p>
            <input
              id="v"
              className="big-input"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              disabled={confirming || view.state === 'waiting'}
              autoComplete="off"
              inputMode="text"
            />
          </>
        )}
        {!confirming ? (
          <button className="primary wide" disabled={!value.trim() || view.state === 'waiting'} onClick={() => setConfirming(true)}>
            {w.next}
          </button>
        ) : (
          <div className="confirm">
            <p>{w.confirm(view.kind === 'drand' ? `drand #${view.round}` : value.trim())}</p>
            <button className="primary wide" onClick={() => void submit()} disabled={busy}>
              {w.submit}
            </button>
            <button className="wide" onClick={() => setConfirming(false)} disabled={busy}>
              {w.back}
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="witness">
      <header className="row">
        <strong>{w.title}</strong>
        <span className="spacer" />
        <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{w.lang}</button>
      </header>
      {view && (
        <section className="who-card">
          <div className="muted">{view.title}</div>
          <div>
            {w.you}：<strong className="slot-label">{view.label}</strong>
          </div>
          <div>
            {w.for}：<strong>{view.person}</strong>
          </div>
        </section>
      )}
      {error ? (
        <p className="error" role="alert">
          {errorText(error, lang)}
        </p>
      ) : null}
      {body}
    </div>
  );
}

/**
 * The witness's phone (no login): opened from the QR link. The token travels in the URL fragment,
 * which the browser never sends to a server, and goes only into the body of a POST.
 *
 * A witness value is sealed here: the phone draws a random salt, computes the commitment
 * (src/core/commitment.ts) and sends only that. It shows the value and the sealing code to write
 * down or photograph, and keeps them in localStorage; once every value is sealed, it reveals them
 * (or the witness types them back from what they wrote down).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import { errorText, setLang, useLang } from '../../shared/i18n.js';
import { fetchBeacon } from '../drand-fetch.js';
import type { LinkView } from '../../../src/api/ceremony.js';
import { commitmentOf } from '../../../src/core/commitment.js';

interface Seal {
  value: string;
  salt: string;
  commitment: string;
}

const sealKey = (v: LinkView) => `fairdraw.seal.${v.drawId}.${v.index}`;

/** 32 random bytes from the browser (plain-http hall pages have getRandomValues, which is all this needs). */
function randomSalt(): string {
  const b = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The sealing code as the witness writes it down: eight groups of eight. */
const grouped = (hex: string) => (hex.match(/.{1,8}/g) ?? []).join(' ');

function savedSeal(v: LinkView): Seal | null {
  try {
    const s = JSON.parse(localStorage.getItem(sealKey(v)) ?? 'null') as Seal | null;
    return s && (!v.commitment || s.commitment === v.commitment) ? s : null;
  } catch {
    return null;
  }
}

function SealCard({ seal, w }: { seal: Seal; w: (typeof W)['zh'] }) {
  return (
    <dl className="seal-card">
      <dt>{w.value}</dt>
      <dd className="slot-label">{seal.value}</dd>
      <dt>{w.sealCode}</dt>
      <dd>
        <code>{grouped(seal.salt)}</code>
      </dd>
      <dt>{w.commitment}</dt>
      <dd>
        <code className="muted">{grouped(seal.commitment)}</code>
      </dd>
    </dl>
  );
}

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
    sealHint:
      '请输入您现场产生的随机值，例如六个骰子的点数“3 5 1 6 6 2”。您的手机只发送它的“密封值”（承诺），任何人（包括工作人员和服务器）在全部见证人密封之前都看不到它。',
    sealConfirm: '确认密封？密封后不能更改。请把下面的值和密封码拍照或抄下：揭示时需要它们。',
    sealCode: '密封码',
    seal: '确认密封',
    sealed: '已密封。大屏幕正在显示您的密封值（承诺）。',
    keep: '请保留下面的值和密封码（拍照或抄下），揭示时需要：',
    revealWait: (l: string) => `请稍候：全部密封并录入公开数后才揭示（等待：${l}）。此页会自动更新。`,
    revealHint: '现在请揭示：大屏幕将显示您的值，并核对它与密封时的承诺一致。',
    revealManual: '本手机没有保存密封时的值：请输入您密封时记下的值和密封码。',
    revealConfirm: (v: string) => `确认揭示“${v}”？揭示后将立即显示在大屏幕上。`,
    reveal: '确认揭示',
    revealed: '已揭示，与您密封时的承诺一致。谢谢！',
    commitment: '密封值（承诺）',
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
    sealHint:
      'Type the random value you produced here, e.g. six dice "3 5 1 6 6 2". Your phone sends only its seal (a commitment): nobody, staff and server included, sees the value before every witness has sealed.',
    sealConfirm:
      'Seal it? It cannot be changed afterwards. Photograph or write down the value and the sealing code below: you need them to reveal.',
    sealCode: 'Sealing code',
    seal: 'Seal',
    sealed: 'Sealed. The big screen shows your seal (the commitment).',
    keep: 'Keep the value and sealing code below (photograph or write them down); you need them to reveal:',
    revealWait: (l: string) =>
      `Please wait: reveals begin once all are sealed and the public numbers are in (waiting for: ${l}). This page updates by itself.`,
    revealHint: 'Reveal now: the big screen shows your value and checks it against your seal.',
    revealManual: 'This phone did not keep the sealed value: type the value and sealing code you wrote down at sealing.',
    revealConfirm: (v: string) => `Reveal "${v}"? It appears on the big screen at once.`,
    reveal: 'Reveal',
    revealed: 'Revealed; it opens your seal. Thank you!',
    commitment: 'Seal (commitment)',
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
  const [pending, setPending] = useState<Seal | null>(null);
  const [salt, setSalt] = useState('');
  const seal = view && view.kind === 'witness' ? savedSeal(view) : null;

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

  /** Seals: the commitment is computed here; only it leaves the phone. The value and salt are kept first. */
  const sealNow = async () => {
    if (!view || !pending) return;
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(sealKey(view), JSON.stringify(pending));
      await api('POST', '/api/ceremony/witness/commit', { token, commitment: pending.commitment });
      setConfirming(false);
      await look();
    } catch (e) {
      setError(e);
      setConfirming(false);
      void look();
    } finally {
      setBusy(false);
    }
  };

  const prepareSeal = () => {
    if (!view) return;
    const v = value.normalize('NFC').trim();
    const x = randomSalt();
    const commitment = commitmentOf({ drawId: view.drawId, index: view.index, label: view.label, value: v, salt: x });
    if (!commitment) return;
    setPending({ value: v, salt: x, commitment });
    setConfirming(true);
  };

  const revealNow = async (v: string, x: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ value: string }>('POST', '/api/ceremony/witness/reveal', { token, value: v, salt: x });
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

  // Each screen (enter, confirm, wait, reveal, done) puts the focus on its first field, or on its
  // first button, or on its message: a screen-reader user hears the new screen, a keyboard user types at once.
  const bodyRef = useRef<HTMLDivElement>(null);
  const screenKey = view ? [view.kind, view.step, view.state, confirming, done !== null, Boolean(seal)].join('/') : '';
  useEffect(() => {
    const root = bodyRef.current;
    if (!root || !screenKey) return;
    const scope = root.querySelector<HTMLElement>('.confirm') ?? root;
    const target =
      scope.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled]), select:not([disabled])') ??
      scope.querySelector<HTMLElement>('.confirm button:not([disabled])') ??
      root.querySelector<HTMLElement>('[role=alert], .error, .done-box, .wait-box');
    if (!target) return;
    if (!target.matches('input, textarea, select, button')) target.tabIndex = -1;
    target.focus();
  }, [screenKey]);

  let body;
  if (!token) body = <p className="error">{w.noToken}</p>;
  else if (done) body = <p className="done-box">✓ {view?.kind === 'witness' ? w.revealed : w.done}</p>;
  else if (view && view.state !== 'ready' && view.state !== 'waiting') {
    body = (
      <>
        <p className="error">{w[view.state]}</p>
        {seal && <SealCard seal={seal} w={w} />}
      </>
    );
  } else if (view && view.kind === 'witness' && view.step === 'commit') {
    body = (
      <>
        <label htmlFor="v">{w.value}</label>
        <p className="muted">{w.sealHint}</p>
        <input
          id="v"
          className="big-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={confirming}
          autoComplete="off"
          inputMode="text"
        />
        {!confirming || !pending ? (
          <button className="primary wide" disabled={!value.trim()} onClick={prepareSeal}>
            {w.next}
          </button>
        ) : (
          <div className="confirm" role="dialog" aria-modal="true">
            <p>{w.sealConfirm}</p>
            <SealCard seal={pending} w={w} />
            <button className="primary wide" onClick={() => void sealNow()} disabled={busy}>
              {w.seal}
            </button>
            <button className="wide" onClick={() => setConfirming(false)} disabled={busy}>
              {w.back}
            </button>
          </div>
        )}
      </>
    );
  } else if (view && view.kind === 'witness') {
    // Sealed: wait for the others, then reveal from what this phone kept, or from what was written down.
    const v = seal ? seal.value : value.normalize('NFC').trim();
    const x = seal ? seal.salt : salt;
    body = (
      <>
        <p className="done-box">{w.sealed}</p>
        {view.state === 'waiting' ? <p className="wait-box">{w.revealWait(view.waitingFor ?? '')}</p> : <p>{w.revealHint}</p>}
        {seal ? (
          <>
            <p className="muted">{w.keep}</p>
            <SealCard seal={seal} w={w} />
          </>
        ) : (
          <>
            <p className="muted">{w.revealManual}</p>
            <label htmlFor="v">{w.value}</label>
            <input id="v" className="big-input" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
            <label htmlFor="salt">{w.sealCode}</label>
            <textarea id="salt" rows={3} value={salt} onChange={(e) => setSalt(e.target.value)} autoComplete="off" />
          </>
        )}
        {!confirming ? (
          <button className="primary wide" disabled={view.state !== 'ready' || !v || !x.trim()} onClick={() => setConfirming(true)}>
            {w.next}
          </button>
        ) : (
          <div className="confirm" role="dialog" aria-modal="true">
            <p>{w.revealConfirm(v)}</p>
            <button className="primary wide" onClick={() => void revealNow(v, x)} disabled={busy}>
              {w.reveal}
            </button>
            <button className="wide" onClick={() => setConfirming(false)} disabled={busy}>
              {w.back}
            </button>
          </div>
        )}
      </>
    );
  } else if (view) {
    body = (
      <>
        {view.state === 'waiting' && <p className="wait-box">{w.waiting(view.waitingFor ?? '')}</p>}
        <label htmlFor="v">{w.value}</label>
        <p className="muted">{w.drandHint.replace('{r}', String(view.round))}</p>
        <textarea id="v" rows={6} value={value} onChange={(e) => setValue(e.target.value)} disabled={confirming} />
        <button type="button" onClick={() => void fetchOnline()} disabled={busy || confirming}>
          {busy ? w.fetching : w.fetch}
        </button>
        {!confirming ? (
          <button className="primary wide" disabled={!value.trim() || view.state === 'waiting'} onClick={() => setConfirming(true)}>
            {w.next}
          </button>
        ) : (
          <div className="confirm" role="dialog" aria-modal="true">
            <p>{w.confirm(`drand #${view.round}`)}</p>
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
      <div ref={bodyRef} className="witness-body">
        {error ? (
          <p className="error" role="alert">
            {errorText(error, lang)}
          </p>
        ) : null}
        {body}
      </div>
    </div>
  );
}

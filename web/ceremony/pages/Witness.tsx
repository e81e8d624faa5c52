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
import { setLang, useLang } from '../../shared/i18n.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { fetchBeacon } from '../drand-fetch.js';
import type { LinkView } from '../../../src/api/ceremony.js';
import { commitmentOf } from '../../../src/core/commitment.js';
import { witnessMessages, type WitnessMessages } from '../witness-messages.js';
import { randomSalt, sealedValue, sealingCode } from '../seal.js';
import type { WitnessCommitBody, WitnessRevealBody, WitnessSubmitBody, WitnessTokenBody, WitnessValue } from '../../../src/api/ceremony.js';

interface Seal {
  value: string;
  salt: string;
  commitment: string;
}

const sealKey = (v: LinkView) => `fairdraw.seal.${v.drawId}.${v.index}`;

function savedSeal(v: LinkView): Seal | null {
  try {
    const s = JSON.parse(localStorage.getItem(sealKey(v)) ?? 'null') as Seal | null;
    return s && (!v.commitment || s.commitment === v.commitment) ? s : null;
  } catch {
    return null;
  }
}

function SealCard({ seal, w }: { seal: Seal; w: WitnessMessages }) {
  return (
    <dl className="seal-card">
      <dt>{w.value}</dt>
      <dd className="slot-label">{seal.value}</dd>
      <dt>{w.sealCode}</dt>
      <dd>
        <code>{sealingCode(seal.salt)}</code>
      </dd>
      <dt>{w.commitment}</dt>
      <dd>
        <code className="muted">{sealingCode(seal.commitment)}</code>
      </dd>
    </dl>
  );
}

export function Witness() {
  const lang = useLang();
  const w = witnessMessages[lang];
  const token = decodeURIComponent(location.hash.replace(/^#/, ''));
  const [view, setView] = useState<LinkView | null>(null);
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const a = useAction();
  const { busy, error, setError } = a;
  const [pending, setPending] = useState<Seal | null>(null);
  const [salt, setSalt] = useState('');
  const seal = view && view.kind === 'witness' ? savedSeal(view) : null;

  const look = useCallback(async () => {
    try {
      setView(await api<LinkView>('POST', '/api/ceremony/witness/lookup', { token } satisfies WitnessTokenBody));
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

  /** A refused step: back to the form, and the link's state asked again. */
  const refused = () => {
    setConfirming(false);
    void look();
  };

  const submit = async () => {
    const ok = await a.run(async () => {
      const r = await api<WitnessValue>('POST', '/api/ceremony/witness/submit', { token, value } satisfies WitnessSubmitBody);
      setDone(r.value);
    });
    if (!ok) refused();
  };

  /** Seals: the commitment is computed here; only it leaves the phone. The value and salt are kept first. */
  const sealNow = async () => {
    if (!view || !pending) return;
    const ok = await a.run(async () => {
      localStorage.setItem(sealKey(view), JSON.stringify(pending));
      await api('POST', '/api/ceremony/witness/commit', { token, commitment: pending.commitment } satisfies WitnessCommitBody);
      setConfirming(false);
      await look();
    });
    if (!ok) refused();
  };

  const prepareSeal = () => {
    if (!view) return;
    const v = sealedValue(value);
    const x = randomSalt();
    const commitment = commitmentOf({ drawId: view.drawId, index: view.index, label: view.label, value: v, salt: x });
    if (!commitment) return;
    setPending({ value: v, salt: x, commitment });
    setConfirming(true);
  };

  const revealNow = async (v: string, x: string) => {
    const ok = await a.run(async () => {
      const r = await api<WitnessValue>('POST', '/api/ceremony/witness/reveal', { token, value: v, salt: x } satisfies WitnessRevealBody);
      setDone(r.value);
    });
    if (!ok) refused();
  };

  const fetchOnline = async () => {
    const round = view?.round;
    if (!round) return;
    await a.run(async () => setValue(await fetchBeacon(round)));
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
    const v = seal ? seal.value : sealedValue(value);
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
        <ErrorBox error={error} />
        {body}
      </div>
    </div>
  );
}

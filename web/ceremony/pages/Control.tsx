/**
 * The operator's control panel, on the laptop's own screen while the projector shows the big
 * screen. Every action is one request to the server, which logs it and puts it on the screen.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrf } from '../../shared/api.js';
import { errorText, setLang, useLang, useMessages } from '../../shared/i18n.js';
import { sha256Stream } from '../../../src/core/hash.js';
import { toHex } from '../../../src/core/bytes.js';
import { commitmentOf } from '../../../src/core/commitment.js';
import type { CeremonyView, SlotView } from '../../../src/api/ceremony.js';
import { WITNESS_ROLES } from '../../../src/office/ceremony/log-types.js';
import { controlMessages, type ControlMessages } from '../control-messages.js';
import { beijing } from '../messages.js';
import { useCeremonyFeed } from '../feed.js';
import { fetchBeacon } from '../drand-fetch.js';
import { Qr } from '../components/Qr.js';
import { Hash } from '../components/Hash.js';
import { ceremonyPath } from '../urls.js';
import { Term } from '../../shared/Term.js';
import type { Me } from '../../../src/api/staff.js';

/** One action's busy flag and error, shown next to its button. */
function useAction(after: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
      await after();
    }
  };
  return { busy, error, run, setError };
}

/** A refusal in both languages (the room's language first): the server's words, never re-worded. */
function Err({ error }: { error: unknown }) {
  const lang = useLang();
  if (!error) return null;
  const other = errorText(error, lang === 'zh' ? 'en' : 'zh');
  const main = errorText(error, lang);
  return (
    <p className="error" role="alert">
      {main}
      {other !== main && (
        <>
          <br />
          <small>{other}</small>
        </>
      )}
    </p>
  );
}

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="card" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

export function Control({ eventId }: { eventId: string }) {
  const c = useMessages(controlMessages);
  const lang = useLang();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api<Me>('GET', '/api/auth/me')
      .then((m) => {
        setCsrf(m.csrf);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);
  useEffect(() => {
    document.title = c.title;
  }, [c]);
  if (me === undefined) return null;
  if (me === null) return <Login c={c} onLogin={setMe} />;
  return (
    <div className="control">
      <header className="control-head">
        <strong>{c.title}</strong>
        <span className="spacer" />
        <span>
          {me.account.displayName}（{c.roles[me.account.role] ?? me.account.role}）
        </span>
        <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </header>
      <Panel eventId={eventId} c={c} canAct={me.account.role === 'operator'} />
    </div>
  );
}

function Login({ c, onLogin }: { c: ControlMessages; onLogin: (m: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="card login"
      onSubmit={(e) => {
        e.preventDefault();
        api<Me>('POST', '/api/auth/login', { username, password })
          .then((m) => {
            setCsrf(m.csrf);
            onLogin(m);
          })
          .catch(setError);
      }}
    >
      <h1>{c.title}</h1>
      <label htmlFor="u">{c.username}</label>
      <input id="u" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      <label htmlFor="p">{c.password}</label>
      <input id="p" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <p>
        <button className="primary" type="submit">
          {c.login}
        </button>
      </p>
      <Err error={error} />
    </form>
  );
}

function Panel({ eventId, c, canAct }: { eventId: string; c: ControlMessages; canAct: boolean }) {
  const [view, setView] = useState<CeremonyView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [bases, setBases] = useState<string[]>([location.origin]);
  const [base, setBase] = useState(location.origin);
  const feed = useCeremonyFeed(eventId);
  const api1 = `/api/ceremony/${encodeURIComponent(eventId)}`;

  const reload = useCallback(async () => {
    try {
      setView(await api<CeremonyView>('GET', api1));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [api1]);
  // Reload on every new step of the log, whoever caused it (a witness's phone, another operator).
  useEffect(() => {
    void reload();
  }, [reload, feed.model.lastId]);
  useEffect(() => {
    api<{ addresses: string[] }>('GET', `${api1}/lan`)
      .then((r) => {
        const port = location.port ? `:${location.port}` : '';
        const lan = r.addresses.map((a) => `${location.protocol}//${a}${port}`);
        const all = [...new Set([location.origin, ...lan])];
        setBases(all);
        // A phone cannot reach "localhost": prefer the hall-network address when the laptop uses it.
        if (/^(localhost|127\.|\[::1\])/.test(location.hostname) && lan[0]) setBase(lan[0]);
      })
      .catch(() => undefined);
  }, [api1]);

  if (!view) return <Err error={loadError} />;
  const phase = view.ceremony?.phase ?? 'none';
  const baseQuery = base === location.origin ? '' : `?base=${encodeURIComponent(base)}`;
  const props = { view, c, api: api1, reload, canAct, base };
  return (
    <main className="control-body">
      <div className="card control-top">
        <h1>{view.event.title}</h1>
        <p>
          <span className={`badge phase-${phase}`} data-phase={phase}>
            {c.phase[phase]}
          </span>{' '}
          <button
            className="secondary"
            onClick={() => window.open(`${ceremonyPath(eventId)}${baseQuery}`, 'fairdraw-display', 'popup,width=1920,height=1080')}
          >
            {c.openDisplay}
          </button>{' '}
          <a href={ceremonyPath(eventId, 'live')} target="_blank" rel="noreferrer">
            {c.openLive}
          </a>{' '}
          <a href={ceremonyPath(eventId, 'reps')} target="_blank" rel="noreferrer">
            {c.printReps}
          </a>
        </p>
        <label htmlFor="base">{c.base}</label>
        <select id="base" value={base} onChange={(e) => setBase(e.target.value)}>
          {bases.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
        {!canAct && <p className="muted">{c.needOperator}</p>}
        {view.ceremony?.halted && (
          <p className="error" role="alert">
            {view.ceremony.halted.zh}
            <br />
            {view.ceremony.halted.en}
          </p>
        )}
      </div>
      <MeetingSection {...props} />
      <RosterSection {...props} />
      <OpenSection {...props} />
      <RepsSection {...props} />
      <SourcesSection {...props} />
      <DrawSection {...props} />
      <RecordingSection {...props} />
    </main>
  );
}

interface SectionProps {
  view: CeremonyView;
  c: ControlMessages;
  api: string;
  reload: () => Promise<void>;
  canAct: boolean;
  base: string;
}

function localNow(): string {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function MeetingSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const [place, setPlace] = useState(view.meeting?.place ?? '');
  const [startedAt, setStartedAt] = useState(view.meeting?.startedAt ?? localNow());
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>(WITNESS_ROLES[0]);
  return (
    <Section id="meeting" title={c.meeting}>
      <div className="row">
        <div>
          <label htmlFor="place">{c.place}</label>
          <input id="place" size={36} value={place} onChange={(e) => setPlace(e.target.value)} />
        </div>
        <div>
          <label htmlFor="startedAt">{c.startedAt}</label>
          <input id="startedAt" type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </div>
        <button
          disabled={!canAct || a.busy || !place.trim()}
          onClick={() => void a.run(() => api('POST', `${url}/meeting`, { place, startedAt }))}
        >
          {c.saveMeeting}
        </button>
      </div>
      <div className="row">
        <div>
          <label htmlFor="wname">{c.witnessName}</label>
          <input id="wname" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="wrole">{c.role}</label>
          <select id="wrole" value={role} onChange={(e) => setRole(e.target.value)}>
            {WITNESS_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <button
          disabled={!canAct || a.busy || !name.trim()}
          onClick={() => void a.run(() => api('POST', `${url}/witnesses`, { name, role })).then((ok) => ok && setName(''))}
        >
          {c.addWitness}
        </button>
      </div>
      {view.witnesses.length > 0 && (
        <p>
          {c.present}：{view.witnesses.map((w) => `${w.role} ${w.name}`).join('、')}
        </p>
      )}
      <Err error={a.error} />
    </Section>
  );
}

function RosterSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const witnessSlots = view.slots.filter((s) => s.kind === 'witness');
  const [names, setNames] = useState<Record<number, { witness: string; alternate: string }>>(() =>
    Object.fromEntries(witnessSlots.map((s) => [s.index, { witness: s.witness ?? '', alternate: s.alternate ?? '' }])),
  );
  const locked = view.slots.some((s) => s.kind === 'witness' && s.commitment) || (view.ceremony !== null && view.ceremony.phase !== 'open');
  if (witnessSlots.length === 0) return null;
  return (
    <Section id="roster" title={c.roster}>
      <table>
        <thead>
          <tr>
            <th>{c.rosterLabel}</th>
            <th>{c.rosterWitness}</th>
            <th>{c.rosterAlternate}</th>
          </tr>
        </thead>
        <tbody>
          {witnessSlots.map((s) => (
            <tr key={s.index}>
              <td>{s.label}</td>
              <td>
                <input
                  aria-label={`${s.label} ${c.rosterWitness}`}
                  value={names[s.index]?.witness ?? ''}
                  disabled={locked}
                  onChange={(e) => setNames({ ...names, [s.index]: { ...names[s.index]!, witness: e.target.value } })}
                />
              </td>
              <td>
                <input
                  aria-label={`${s.label} ${c.rosterAlternate}`}
                  value={names[s.index]?.alternate ?? ''}
                  disabled={locked}
                  onChange={(e) => setNames({ ...names, [s.index]: { ...names[s.index]!, alternate: e.target.value } })}
                />
                {s.substituted && ' ✓'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button
          disabled={!canAct || locked || a.busy}
          onClick={() =>
            void a.run(() =>
              api('PUT', `${url}/roster`, {
                slots: witnessSlots.map((s) => ({
                  index: s.index,
                  witness: names[s.index]?.witness || null,
                  alternate: names[s.index]?.alternate || null,
                })),
              }),
            )
          }
        >
          {c.saveRoster}
        </button>
      </p>
      <Err error={a.error} />
    </Section>
  );
}

function OpenSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const check = view.ceremony?.check;
  return (
    <Section id="open" title={c.open}>
      {!view.ceremony && (
        <button className="primary" disabled={!canAct || a.busy} onClick={() => void a.run(() => api('POST', `${url}/open`))}>
          {c.openButton}
        </button>
      )}
      {check && (
        <p className={check.match ? 'ok' : 'error'} data-check={check.match ? 'match' : 'mismatch'}>
          {check.match ? `✓ ${c.matchOk}` : check.problems.map((p) => p.zh).join('；')}
          <br />
          <Term label={c.paramsSha256} /> <Hash value={check.published.paramsSha256} lines={1} /> · <Term label={c.listRoot} />{' '}
          <Hash value={check.published.listRoot} lines={1} />
        </p>
      )}
      <Err error={a.error} />
    </Section>
  );
}

function RepsSection({ view, c, reload, canAct }: SectionProps) {
  if (!view.ceremony || view.units.length === 0) return null;
  return (
    <Section id="reps" title={c.reps}>
      <div className="reps-grid">
        {view.units.map((u) => (
          <RepsUnit
            key={u.id}
            eventId={view.event.id}
            unit={u}
            reps={view.reps.find((r) => r.unit === u.id)}
            c={c}
            reload={reload}
            canAct={canAct && view.ceremony?.phase === 'open'}
          />
        ))}
      </div>
    </Section>
  );
}

function RepsUnit({
  eventId,
  unit,
  reps,
  c,
  reload,
  canAct,
}: {
  eventId: string;
  unit: CeremonyView['units'][number];
  reps: CeremonyView['reps'][number] | undefined;
  c: ControlMessages;
  reload: () => Promise<void>;
  canAct: boolean;
}) {
  const a = useAction(reload);
  const [seats, setSeats] = useState(5);
  const [pool, setPool] = useState<'all' | 'volunteers'>('all');
  const [volunteers, setVolunteers] = useState('');
  const [source, setSource] = useState('公证员（家长代表抽选）');
  const [value, setValue] = useState('');
  const url = `/api/ceremony/${encodeURIComponent(eventId)}/reps/${encodeURIComponent(unit.id)}`;
  const numbers = volunteers.split(/[\s,，;；、]+/).filter(Boolean);
  return (
    <div className="reps-unit" data-unit={unit.id}>
      <h3>{unit.name}</h3>
      {!reps?.drawn && (
        <>
          <div className="row">
            <div>
              <label htmlFor={`seats-${unit.id}`}>{c.repsSeats}</label>
              <input
                id={`seats-${unit.id}`}
                type="number"
                min={1}
                max={50}
                value={seats}
                onChange={(e) => setSeats(Number(e.target.value))}
              />
            </div>
            <div>
              <label htmlFor={`src-${unit.id}`}>{c.repsSource}</label>
              <input id={`src-${unit.id}`} value={source} onChange={(e) => setSource(e.target.value)} />
            </div>
          </div>
          <fieldset>
            <legend>{c.repsPool}</legend>
            <label className="inline">
              <input type="radio" checked={pool === 'all'} onChange={() => setPool('all')} /> {c.poolAll}
            </label>
            <label className="inline">
              <input type="radio" checked={pool === 'volunteers'} onChange={() => setPool('volunteers')} /> {c.poolVolunteers}
            </label>
            {pool === 'volunteers' && (
              <>
                <label htmlFor={`vol-${unit.id}`}>{c.volunteers}</label>
                <textarea id={`vol-${unit.id}`} rows={3} value={volunteers} onChange={(e) => setVolunteers(e.target.value)} />
                <label htmlFor={`volf-${unit.id}`}>{c.volunteersFile}</label>
                <input
                  id={`volf-${unit.id}`}
                  type="file"
                  accept=".txt,.csv,text/plain,text/csv"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void f.text().then((t) => setVolunteers(t));
                  }}
                />
              </>
            )}
          </fieldset>
          <button
            disabled={!canAct || a.busy || (pool === 'volunteers' && numbers.length === 0)}
            onClick={() =>
              void a.run(() =>
                api('POST', `${url}/prepare`, { seats, sourceLabel: source, ...(pool === 'volunteers' ? { volunteers: numbers } : {}) }),
              )
            }
          >
            {c.prepare}
          </button>
        </>
      )}
      {reps && (
        <div className="reps-state">
          <p>
            {c.pool(reps.poolSize)} · {reps.seats} · <span className="mono">{reps.drawId}</span>
          </p>
          {!reps.drawn ? (
            <div className="row">
              <div>
                <label htmlFor={`rv-${unit.id}`}>
                  {c.repsValue}（{reps.sourceLabel}）
                </label>
                <input id={`rv-${unit.id}`} value={value} onChange={(e) => setValue(e.target.value)} />
              </div>
              <button
                className="primary"
                disabled={!canAct || a.busy || !value.trim()}
                onClick={() => void a.run(() => api('POST', `${url}/draw`, { value }))}
              >
                {c.drawReps}
              </button>
            </div>
          ) : (
            <ol className="reps-list">
              {reps.reps?.map((r) => (
                <li key={r.regNo}>
                  <span className="mono">{r.regNo}</span> {r.name}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <Err error={a.error} />
    </div>
  );
}

function SourcesSection(props: SectionProps) {
  const { view, c } = props;
  if (!view.ceremony) return null;
  return (
    <Section id="sources" title={c.sources}>
      <p className="sealing-phase" data-phase={view.sealing.phase}>
        {c.sealingPhase[view.sealing.phase]}
        {view.sealing.deadline ? ` · ${c.revealBy(beijing(view.sealing.deadline))}` : ''}
      </p>
      <ol className="slot-list">
        {view.slots.map((s) => (
          <SlotRow key={s.index} slot={s} {...props} />
        ))}
      </ol>
    </Section>
  );
}

/** An in-app confirmation that says what will happen (never window.confirm). */
function ConfirmBox({
  text,
  yes,
  no,
  busy,
  onYes,
  onNo,
  children,
}: {
  text: ReactNode;
  yes: string;
  no: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="confirm-inline" role="dialog" aria-modal="true">
      <p>{text}</p>
      {children}
      <button className="primary" disabled={busy} onClick={onYes}>
        {yes}
      </button>{' '}
      <button disabled={busy} onClick={onNo}>
        {no}
      </button>
    </div>
  );
}

function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * 大厅键盘密封录入: the witness types their value (hidden) on this computer; the commitment is computed
 * here and only it is sent, with a second staff member's confirmation. Nothing is kept here: the
 * witness writes down the sealing code shown to them.
 */
function HallSeal({
  slot,
  view,
  c,
  url,
  done,
}: {
  slot: SlotView;
  view: CeremonyView;
  c: ControlMessages;
  url: string;
  done: () => Promise<void>;
}) {
  const a = useAction(done);
  const [value, setValue] = useState('');
  const [salt] = useState(randomSalt);
  const [show, setShow] = useState(false);
  const [who, setWho] = useState({ username: '', password: '' });
  const [confirming, setConfirming] = useState(false);
  const v = value.normalize('NFC').trim();
  const commitment = v ? commitmentOf({ drawId: view.event.id, index: slot.index, label: slot.label, value: v, salt }) : undefined;
  return (
    <div className="hall-seal">
      <p className="muted">{c.hallSealHint}</p>
      <label>
        {c.sealValue}{' '}
        <input type={show ? 'text' : 'password'} autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>{' '}
      <label className="inline">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> {c.sealShow}
      </label>
      {show && v && (
        <p className="mono seal-code">
          {c.sealValue}：{v} · {c.sealCode}：{(salt.match(/.{8}/g) ?? []).join(' ')}
        </p>
      )}
      <fieldset>
        <legend>{c.confirmBy}</legend>
        <input
          aria-label={c.username}
          placeholder={c.username}
          autoComplete="off"
          value={who.username}
          onChange={(e) => setWho({ ...who, username: e.target.value })}
        />{' '}
        <input
          aria-label={c.password}
          placeholder={c.password}
          type="password"
          autoComplete="off"
          value={who.password}
          onChange={(e) => setWho({ ...who, password: e.target.value })}
        />
      </fieldset>
      {!confirming ? (
        <button className="primary" disabled={!commitment || !who.username || !who.password} onClick={() => setConfirming(true)}>
          {c.sealSubmit}
        </button>
      ) : (
        <ConfirmBox
          text={c.confirmSeal(slot.label)}
          yes={c.yes}
          no={c.no}
          busy={a.busy}
          onNo={() => setConfirming(false)}
          onYes={() =>
            void a
              .run(() => api('POST', `${url}/slots/${slot.index}/commit`, { commitment, confirm: who }))
              .then(() => setConfirming(false))
          }
        >
          <p className="mono small">{commitment}</p>
        </ConfirmBox>
      )}
      <Err error={a.error} />
    </div>
  );
}

/** 揭示 on the hall keyboard, or the published rule's replacement for a value not revealed. */
function RevealRow({
  slot,
  view,
  c,
  url,
  done,
}: {
  slot: SlotView;
  view: CeremonyView;
  c: ControlMessages;
  url: string;
  done: () => Promise<void>;
}) {
  const a = useAction(done);
  const [value, setValue] = useState('');
  const [salt, setSalt] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<'reveal' | 'replace' | null>(null);
  const rule = view.sealing.rule;
  return (
    <div className="reveal-row">
      <div className="row">
        <input
          aria-label={`${slot.label} ${c.sealValue}`}
          placeholder={c.sealValue}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />{' '}
        <input aria-label={c.revealCode} placeholder={c.revealCode} size={40} value={salt} onChange={(e) => setSalt(e.target.value)} />{' '}
        <button disabled={slot.waiting || !value.trim() || !salt.trim()} onClick={() => setConfirming('reveal')}>
          {c.revealHall}
        </button>
      </div>
      {rule && (
        <div className="row">
          <input aria-label={c.replaceReason} placeholder={c.replaceReason} value={reason} onChange={(e) => setReason(e.target.value)} />{' '}
          <button className="secondary" disabled={!reason.trim()} onClick={() => setConfirming('replace')}>
            {c.replace}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmBox
          text={confirming === 'reveal' ? c.confirmReveal(slot.label, value.trim()) : c.confirmReplace(slot.label, rule?.replacement ?? '')}
          yes={c.yes}
          no={c.no}
          busy={a.busy}
          onNo={() => setConfirming(null)}
          onYes={() =>
            void a
              .run(() =>
                confirming === 'reveal'
                  ? api('POST', `${url}/slots/${slot.index}/reveal`, { value, salt })
                  : api('POST', `${url}/slots/${slot.index}/replace`, { reason }),
              )
              .then(() => setConfirming(null))
          }
        />
      )}
      <Err error={a.error} />
    </div>
  );
}

function SlotRow({ slot, view, c, api: url, reload, canAct, base }: SectionProps & { slot: SlotView }) {
  const a = useAction(reload);
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<{ token: string; expiresAt: string; person: string } | null>(null);
  const [beacon, setBeacon] = useState('');
  const [via, setVia] = useState<'paste' | 'file' | 'fetch'>('paste');
  const [substituting, setSubstituting] = useState(false);
  const [hall, setHall] = useState(false);
  const open = canAct && view.ceremony?.phase === 'open' && !slot.value;
  const linkUrl = link ? `${base}/ceremony/${encodeURIComponent(view.event.id)}/witness#${link.token}` : '';
  return (
    <li className={`slot-row ${slot.value ? 'filled' : ''}`} data-slot={slot.index}>
      <div className="slot-head">
        <strong>{slot.label}</strong>{' '}
        <span className="muted">{slot.kind === 'drand' && slot.producedAt ? c.drandWait(beijing(slot.producedAt)) : slot.person}</span>
        {slot.value && (
          <span className="ok">
            {' '}
            ✓ {c.entered}：<span className="mono value">{slot.value.value}</span>
          </span>
        )}
        {!slot.value && slot.waiting && <span className="muted"> · {c.waitingTurn}</span>}
      </div>
      {slot.commitment && (
        <div className="muted">
          {c.sealed} · <Hash value={slot.commitment.commitment} lines={1} />
        </div>
      )}
      {open && slot.kind === 'witness' && slot.alternate && !slot.substituted && !slot.commitment && (
        <>
          <button onClick={() => setSubstituting(true)}>{c.substitute}</button>
          {substituting && (
            <ConfirmBox
              text={c.confirmSubstitute(slot.witness ?? slot.label, slot.alternate)}
              yes={c.yes}
              no={c.no}
              busy={a.busy}
              onNo={() => setSubstituting(false)}
              onYes={() => void a.run(() => api('POST', `${url}/slots/${slot.index}/substitute`)).then(() => setSubstituting(false))}
            />
          )}
        </>
      )}
      {open && slot.kind === 'witness' && !slot.commitment && (
        <div className="row">
          <button
            className="secondary"
            disabled={a.busy}
            onClick={() => void a.run(async () => setLink(await api('POST', `${url}/slots/${slot.index}/link`, {})))}
          >
            {c.phoneLink}
          </button>{' '}
          <button onClick={() => setHall(!hall)}>{c.hallSeal}</button>
        </div>
      )}
      {open && slot.kind === 'witness' && !slot.commitment && hall && <HallSeal slot={slot} view={view} c={c} url={url} done={reload} />}
      {open && slot.kind === 'witness' && slot.commitment && view.sealing.phase === 'reveal' && (
        <>
          <button
            className="secondary"
            disabled={a.busy}
            onClick={() => void a.run(async () => setLink(await api('POST', `${url}/slots/${slot.index}/link`, {})))}
          >
            {c.phoneLink}
          </button>
          <RevealRow slot={slot} view={view} c={c} url={url} done={reload} />
        </>
      )}
      {open && slot.kind === 'public' && (
        <div className="row">
          <input
            aria-label={`${slot.label} ${c.keyboard}`}
            value={value}
            disabled={confirming || view.sealing.phase !== 'public'}
            onChange={(e) => setValue(e.target.value)}
            placeholder={c.keyboard}
          />
          {!confirming ? (
            <button disabled={!value.trim() || view.sealing.phase !== 'public'} onClick={() => setConfirming(true)}>
              {c.enter}
            </button>
          ) : (
            <ConfirmBox
              text={c.confirmValue(slot.label, value.trim())}
              yes={c.yes}
              no={c.no}
              busy={a.busy}
              onNo={() => setConfirming(false)}
              onYes={() => void a.run(() => api('POST', `${url}/slots/${slot.index}/value`, { value })).then(() => setConfirming(false))}
            />
          )}
          {view.sealing.phase !== 'public' && <span className="muted"> {c.publicAfterSeal}</span>}
        </div>
      )}
      {open && slot.kind === 'drand' && (
        <div className="drand-import">
          <p className="muted">{c.drandExplain}</p>
          <label htmlFor={`beacon-${slot.index}`}>{c.drandPaste}</label>
          <textarea
            id={`beacon-${slot.index}`}
            rows={4}
            value={beacon}
            onChange={(e) => {
              setBeacon(e.target.value);
              setVia('paste');
            }}
          />
          <div className="row">
            <label className="inline">
              {c.drandFile}{' '}
              <input
                type="file"
                accept=".json,application/json,text/plain"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f)
                    void f.text().then((t) => {
                      setBeacon(t);
                      setVia('file');
                    });
                }}
              />
            </label>
            <button
              disabled={a.busy}
              onClick={() =>
                void a.run(async () => {
                  setBeacon(await fetchBeacon(slot.round!));
                  setVia('fetch');
                })
              }
            >
              {c.drandFetch}
            </button>
            <button
              className="primary"
              disabled={a.busy || !beacon.trim()}
              onClick={() => void a.run(() => api('POST', `${url}/drand`, { text: beacon, via }))}
            >
              {c.drandImport}
            </button>
            <button
              className="secondary"
              disabled={a.busy}
              onClick={() => void a.run(async () => setLink(await api('POST', `${url}/slots/${slot.index}/link`, {})))}
            >
              {c.phoneLink}
            </button>
          </div>
        </div>
      )}
      {link && !slot.value && (
        <div className="link-box" data-link={linkUrl}>
          <Qr text={linkUrl} size="240px" label={c.phoneLink} />
          <div>
            <p>{c.linkFor(link.person, beijing(link.expiresAt))}</p>
            <p className="mono small">{linkUrl}</p>
            <button onClick={() => setLink(null)}>{c.closeLink}</button>
          </div>
        </div>
      )}
      <Err error={a.error} />
    </li>
  );
}

function DrawSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const [confirming, setConfirming] = useState(false);
  if (!view.ceremony) return null;
  const phase = view.ceremony.phase;
  return (
    <Section id="draw" title={c.draw}>
      {phase === 'open' && (
        <>
          <button className="primary big" disabled={!canAct || !view.ready || a.busy} onClick={() => setConfirming(true)}>
            {c.drawButton}
          </button>
          {!view.ready && <span className="muted"> {c.notReady}</span>}
          {confirming && view.ready && (
            <ConfirmBox
              text={c.confirmDraw}
              yes={c.yes}
              no={c.no}
              busy={a.busy}
              onNo={() => setConfirming(false)}
              onYes={() => void a.run(() => api('POST', `${url}/draw`)).then(() => setConfirming(false))}
            >
              <ol className="mono small">
                {view.slots.map((sl) => (
                  <li key={sl.index}>
                    {sl.label}：{sl.value?.value}
                  </li>
                ))}
              </ol>
            </ConfirmBox>
          )}
        </>
      )}
      {view.official && (
        <dl className="facts-small">
          <dt>{c.seed}</dt>
          <dd>
            <Hash value={view.official.seed} lines={1} />
          </dd>
          <dt>{c.recordSha256}</dt>
          <dd>
            <Hash value={view.official.recordSha256} lines={1} />
          </dd>
        </dl>
      )}
      {(phase === 'drawn' || phase === 'closed') && (
        <p>
          <span data-revealed={view.ceremony.revealed}>{c.revealed(view.ceremony.revealed, view.units.length)}</span>{' '}
          {view.ceremony.revealed < view.units.length ? (
            <>
              <button className="primary" disabled={!canAct || a.busy} onClick={() => void a.run(() => api('POST', `${url}/reveal`, {}))}>
                {c.revealNext}
              </button>{' '}
              <button disabled={!canAct || a.busy} onClick={() => void a.run(() => api('POST', `${url}/reveal`, { all: true }))}>
                {c.revealAll}
              </button>
            </>
          ) : (
            <button
              className="primary"
              disabled={!canAct || phase === 'closed' || a.busy}
              onClick={() => void a.run(() => api('POST', `${url}/reveal`, {}))}
            >
              {c.showSummary}
            </button>
          )}
        </p>
      )}
      <Err error={a.error} />
    </Section>
  );
}

/** SHA-256 of a (possibly many-gigabyte) file, streamed in the browser with @noble/hashes. */
async function hashFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const h = sha256Stream();
  const reader = file.stream().getReader();
  let done = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    h.update(value);
    done += value.byteLength;
    onProgress(file.size ? done / file.size : 1);
  }
  return toHex(h.digest());
}

function RecordingSection({ view, c, api: url, reload, canAct }: SectionProps) {
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
          onClick={() => void a.run(() => api('POST', `${url}/recording`, { fileName, sha256, size: Number(size) }))}
        >
          {c.saveRecording}
        </button>
      </div>
      {view.recordings.map((r, i) => (
        <p key={i} className="ok">
          ✓ {c.recorded}：{r.fileName} · <span className="mono">{r.sha256}</span> · {r.size}
        </p>
      ))}
      <Err error={a.error} />
    </Section>
  );
}

import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { SlotView } from '../../../src/office/ceremony/ceremony-view.js';
import { beijing } from '../messages.js';
import { fetchBeacon } from '../drand-fetch.js';
import { Qr } from '../components/Qr.js';
import { Hash } from '../components/Hash.js';
import type { SectionProps } from './Section.js';
import { ConfirmBox } from './ConfirmBox.js';
import { HallSeal } from './HallSeal.js';
import { RevealRow } from './RevealRow.js';
import { slotControls, witnessLink } from './slot-controls.js';
import type { DrandBody, IssuedLink, LinkBody, ValueBody } from '../../../src/api/ceremony.js';

/** One declared source: its value once entered, and until then the way to enter it that its kind allows. */
export function SlotRow({ slot, view, c, api: url, reload, canAct, base }: SectionProps & { slot: SlotView }) {
  const a = useAction(reload);
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const [beacon, setBeacon] = useState('');
  const [via, setVia] = useState<DrandBody['via']>('paste');
  const [substituting, setSubstituting] = useState(false);
  const [hall, setHall] = useState(false);
  const can = slotControls(slot, view, canAct);
  const linkUrl = link ? witnessLink(base, view.event.id, link.token) : '';
  // 手机链接: issues the witness's one-time link, shown below as a QR code.
  const phoneLinkButton = (
    <button
      className="secondary"
      disabled={a.busy}
      onClick={() =>
        void a.run(async () => setLink(await api<IssuedLink>('POST', `${url}/slots/${slot.index}/link`, {} satisfies LinkBody)))
      }
    >
      {c.phoneLink}
    </button>
  );
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
      {can.substitute && slot.alternate && (
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
      {can.seal && (
        <div className="row">
          {phoneLinkButton} <button onClick={() => setHall(!hall)}>{c.hallSeal}</button>
        </div>
      )}
      {can.seal && hall && <HallSeal slot={slot} view={view} c={c} url={url} done={reload} />}
      {can.reveal && (
        <>
          {phoneLinkButton}
          <RevealRow slot={slot} view={view} c={c} url={url} done={reload} />
        </>
      )}
      {can.publicValue && (
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
              onYes={() =>
                void a
                  .run(() => api('POST', `${url}/slots/${slot.index}/value`, { value } satisfies ValueBody))
                  .then(() => setConfirming(false))
              }
            />
          )}
          {view.sealing.phase !== 'public' && <span className="muted"> {c.publicAfterSeal}</span>}
        </div>
      )}
      {can.drand && (
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
              onClick={() => void a.run(() => api('POST', `${url}/drand`, { text: beacon, via } satisfies DrandBody))}
            >
              {c.drandImport}
            </button>
            {phoneLinkButton}
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
      <ErrorBox error={a.error} bothLanguages />
    </li>
  );
}

import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { commitmentOf } from '../../../src/core/commitment.js';
import type { SlotActionProps } from './Section.js';
import { randomSalt, sealedValue, sealingCode } from '../seal.js';
import { ConfirmBox } from './ConfirmBox.js';

/**
 * 大厅键盘密封录入: the witness types their value (hidden) on this computer; the commitment is computed
 * here and only it is sent, with a second staff member's confirmation. Nothing is kept here: the
 * witness writes down the sealing code shown to them.
 */
export function HallSeal({ slot, view, c, url, done }: SlotActionProps) {
  const a = useAction(done);
  const [value, setValue] = useState('');
  const [salt] = useState(randomSalt);
  const [show, setShow] = useState(false);
  const [who, setWho] = useState({ username: '', password: '' });
  const [confirming, setConfirming] = useState(false);
  const v = sealedValue(value);
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
          {c.sealValue}：{v} · {c.sealCode}：{sealingCode(salt)}
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
      <ErrorBox error={a.error} bothLanguages />
    </div>
  );
}

/** The units of an event; while a draft, each can be edited in place or deleted (asked first). */
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAction } from '../../shared/action.js';
import { useAsk } from '../ConfirmDialog.js';
import { MEND_MESSAGES } from './mend-messages.js';
import type { TabProps } from './types.js';
import type { UnitChangeBody } from '../../../src/api/staff.js';

export function UnitsEditor({ ev, reload, canEdit }: TabProps & { canEdit: boolean }) {
  const { t, lang } = useSession();
  const m = MEND_MESSAGES[lang];
  const { ask, element } = useAsk();
  const [editing, setEditing] = useState<{ id: string; name: string; seats: string } | null>(null);
  const { error, run, setError } = useAction();
  const base = `/api/events/${encodeURIComponent(ev.id)}/units`;
  const save = async () => {
    if (!editing) return;
    await run(async () => {
      await api('PATCH', `${base}/${encodeURIComponent(editing.id)}`, {
        name: editing.name,
        seats: Number(editing.seats),
      } satisfies UnitChangeBody);
      setEditing(null);
      await reload();
    });
  };
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>{t.unitId}</th>
            <th>{t.unitName}</th>
            <th className="num">{t.seats}</th>
            <th className="num">{t.applicants}</th>
            <th className="num">{t.firstChoice}</th>
            <th>{t.lotteryNeeded}</th>
            {canEdit && <th>{m.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {ev.units.map((u) =>
            editing?.id === u.id ? (
              <tr key={u.id} data-unit={u.id}>
                <td className="hash">{u.id}</td>
                <td>
                  <input aria-label={t.unitName} value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
                </td>
                <td className="num">
                  <input
                    aria-label={t.seats}
                    type="number"
                    min={1}
                    value={editing.seats}
                    onChange={(e) => setEditing({ ...editing, seats: e.target.value })}
                    style={{ width: '6em' }}
                  />
                </td>
                <td className="num">{u.applicants}</td>
                <td className="num">{u.firstChoice}</td>
                <td />
                <td>
                  <span className="row">
                    <button className="primary" onClick={() => void save()}>
                      {m.save}
                    </button>
                    <button onClick={() => (setEditing(null), setError(null))}>{m.cancel}</button>
                  </span>
                </td>
              </tr>
            ) : (
              <tr key={u.id} data-unit={u.id}>
                <td className="hash">{u.id}</td>
                <td>{u.name}</td>
                <td className="num">{u.seats}</td>
                <td className="num">{u.applicants}</td>
                <td className="num">{u.firstChoice}</td>
                <td>{u.lotteryNeeded ? <b>{t.yes}</b> : t.no}</td>
                {canEdit && (
                  <td>
                    <span className="row">
                      <button onClick={() => setEditing({ id: u.id, name: u.name, seats: String(u.seats) })}>{m.edit}</button>
                      <button
                        onClick={() =>
                          ask({
                            title: m.deleteUnitTitle(u.name),
                            body: <p>{m.deleteUnitBody}</p>,
                            irreversible: m.deleteUnitIrreversible,
                            confirmLabel: m.delete,
                            danger: true,
                            run: async () => {
                              await api('DELETE', `${base}/${encodeURIComponent(u.id)}`);
                              await reload();
                            },
                          })
                        }
                      >
                        {m.delete}
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
      <ErrorBox error={error} />
      {element}
    </>
  );
}

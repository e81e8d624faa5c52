import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useMessages } from '../../shared/i18n.js';
import { accountMessages } from '../account-messages.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAction } from '../../shared/action.js';
import { SourcesEditor, type DeclaredSource } from '../SourcesEditor.js';
import type { District, DistrictList, NewEventBody, NewUnitBody } from '../../../src/api/staff.js';

interface UnitDraft {
  id: string;
  name: string;
  seats: string;
}

/** 新建批次: the event's rules, its units and seats, and its declared sources, in one form. */
export function EventWizard() {
  const { t, account } = useSession();
  const a = useMessages(accountMessages);
  // 区县: a city account chooses the event's district; a district's account creates in its own.
  const [districts, setDistricts] = useState<District[]>([]);
  const [district, setDistrict] = useState('');
  useEffect(() => {
    if (account.district) return;
    api<DistrictList>('GET', '/api/districts')
      .then((r) => setDistricts(r.districts))
      .catch(() => setDistricts([]));
  }, [account.district]);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [mechanism, setMechanism] = useState<NewEventBody['mechanism']>('deferred-acceptance');
  const [tieBreak, setTieBreak] = useState<NewEventBody['tieBreak']>('single');
  const [groupFit, setGroupFit] = useState<NewEventBody['groupFit']>('strict');
  const [bornFrom, setBornFrom] = useState('');
  const [bornTo, setBornTo] = useState('');
  const [sources, setSources] = useState<DeclaredSource[]>([
    { kind: 'witness', label: '家长代表' },
    { kind: 'witness', label: '公证员' },
  ]);
  const [units, setUnits] = useState<UnitDraft[]>([{ id: '', name: '', seats: '' }]);
  const { busy, error, run } = useAction();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api('POST', '/api/events', {
        id,
        title,
        mechanism,
        tieBreak,
        groupFit,
        bornFrom: bornFrom || undefined,
        bornTo: bornTo || undefined,
        declaredSources: sources,
        district: district || undefined,
      } satisfies NewEventBody);
      for (const u of units.filter((x) => x.id || x.name)) {
        await api('POST', `/api/events/${encodeURIComponent(id)}/units`, {
          id: u.id,
          name: u.name,
          seats: Number(u.seats),
        } satisfies NewUnitBody);
      }
      navigate(`/events/${encodeURIComponent(id)}`);
    });
  };

  const radio = <V extends string>(name: string, value: V, current: V, set: (v: V) => void, text: string) => (
    <label key={value} style={{ display: 'flex', gap: '0.5rem', color: 'inherit' }}>
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => set(value)} />
      <span>{text}</span>
    </label>
  );

  return (
    <form onSubmit={(e) => void submit(e)}>
      <h1>{t.newEvent}</h1>
      <div className="card">
        <label htmlFor="ev-id">{t.id}</label>
        <input
          id="ev-id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder={t.idHint}
          required
          pattern="[0-9A-Za-z_.\-]{1,40}"
        />
        <label htmlFor="ev-title">{t.title}</label>
        <input
          id="ev-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          style={{ width: '100%' }}
          placeholder="2026年××区义务教育阶段学校电脑随机摇号"
          required
        />
        {districts.length > 0 ? (
          <>
            <label htmlFor="ev-district">{a.district}</label>
            <select id="ev-district" value={district} onChange={(e) => setDistrict(e.target.value)}>
              <option value="">{a.cityEvent}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}（{d.code}）
                </option>
              ))}
            </select>
          </>
        ) : null}
        <div className="grid2">
          <div>
            <label htmlFor="bf">{t.bornFrom}</label>
            <input id="bf" type="date" value={bornFrom} onChange={(e) => setBornFrom(e.target.value)} />
          </div>
          <div>
            <label htmlFor="bt">{t.bornTo}</label>
            <input id="bt" type="date" value={bornTo} onChange={(e) => setBornTo(e.target.value)} />
          </div>
        </div>
      </div>
      <fieldset className="card">
        <legend>{t.mechanism}</legend>
        {(Object.keys(t.mechanisms) as NewEventBody['mechanism'][]).map((k) =>
          radio('mechanism', k, mechanism, setMechanism, `${t.mechanismNames[k]}：${t.mechanisms[k]}`),
        )}
      </fieldset>
      <div className="grid2">
        <fieldset className="card">
          <legend>{t.tieBreak}</legend>
          {(Object.keys(t.tieBreaks) as NewEventBody['tieBreak'][]).map((k) =>
            radio('tieBreak', k, tieBreak, setTieBreak, t.tieBreaks[k]!),
          )}
        </fieldset>
        <fieldset className="card">
          <legend>{t.groupFit}</legend>
          {(Object.keys(t.groupFits) as NewEventBody['groupFit'][]).map((k) =>
            radio('groupFit', k, groupFit, setGroupFit, t.groupFits[k]!),
          )}
        </fieldset>
      </div>
      <fieldset className="card">
        <legend>{t.units}</legend>
        {units.map((u, i) => (
          <div className="row" key={i}>
            <input
              aria-label={`${t.unitId} ${i + 1}`}
              placeholder={t.unitId}
              value={u.id}
              onChange={(e) => setUnits(units.map((x, j) => (j === i ? { ...x, id: e.target.value } : x)))}
            />
            <input
              aria-label={`${t.unitName} ${i + 1}`}
              placeholder={t.unitName}
              value={u.name}
              onChange={(e) => setUnits(units.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
            />
            <input
              aria-label={`${t.seats} ${i + 1}`}
              placeholder={t.seats}
              type="number"
              min={0}
              value={u.seats}
              onChange={(e) => setUnits(units.map((x, j) => (j === i ? { ...x, seats: e.target.value } : x)))}
            />
            {units.length > 1 && (
              <button type="button" onClick={() => setUnits(units.filter((_, j) => j !== i))}>
                {t.remove}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setUnits([...units, { id: '', name: '', seats: '' }])}>
          {t.add} {t.units}
        </button>
      </fieldset>
      <SourcesEditor value={sources} onChange={setSources} />
      <ErrorBox error={error} />
      <p className="row">
        <button className="primary" type="submit" disabled={busy}>
          {t.create}
        </button>
        <button type="button" onClick={() => navigate('/')}>
          {t.cancel}
        </button>
      </p>
    </form>
  );
}

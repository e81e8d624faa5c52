import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { WITNESS_ROLES, type MeetingBody, type WitnessBody, type WitnessRole } from '../../../src/api/ceremony.js';
import { Section, type SectionProps } from './Section.js';
import { localMinute } from './local-time.js';

/** 时间地点与到场见证人: where and when the ceremony takes place, and who witnesses it in the hall. */
export function MeetingSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const [place, setPlace] = useState(view.meeting?.place ?? '');
  const [startedAt, setStartedAt] = useState(view.meeting?.startedAt ?? localMinute(new Date()));
  const [name, setName] = useState('');
  const [role, setRole] = useState<WitnessRole>(WITNESS_ROLES[0]);
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
          onClick={() => void a.run(() => api('POST', `${url}/meeting`, { place, startedAt } satisfies MeetingBody))}
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
          <select id="wrole" value={role} onChange={(e) => setRole(e.target.value as WitnessRole)}>
            {WITNESS_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <button
          disabled={!canAct || a.busy || !name.trim()}
          onClick={() =>
            void a.run(() => api('POST', `${url}/witnesses`, { name, role } satisfies WitnessBody)).then((ok) => ok && setName(''))
          }
        >
          {c.addWitness}
        </button>
      </div>
      {view.witnesses.length > 0 && (
        <p>
          {c.present}：{view.witnesses.map((w) => `${w.role} ${w.name}`).join('、')}
        </p>
      )}
      <ErrorBox error={a.error} bothLanguages />
    </Section>
  );
}

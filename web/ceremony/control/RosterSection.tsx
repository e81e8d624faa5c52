import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { Section, type SectionProps } from './Section.js';
import { rosterBody, rosterDraft, rosterLocked, witnessSlots, type RosterDraft } from './roster.js';

/** 见证人名单: each witness slot's witness and alternate, named before anyone seals. */
export function RosterSection({ view, c, api: url, reload, canAct }: SectionProps) {
  const a = useAction(reload);
  const slots = witnessSlots(view);
  const [names, setNames] = useState<RosterDraft>(() => rosterDraft(slots));
  const locked = rosterLocked(view);
  if (slots.length === 0) return null;
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
          {slots.map((s) => (
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
          onClick={() => void a.run(() => api('PUT', `${url}/roster`, rosterBody(slots, names)))}
        >
          {c.saveRoster}
        </button>
      </p>
      <ErrorBox error={a.error} bothLanguages />
    </Section>
  );
}

import { Section, type SectionProps } from './Section.js';
import { RepsUnit } from './RepsUnit.js';

/** 家长代表: per unit, drawing the parent representatives who watch the ceremony. */
export function RepsSection({ view, c, reload, canAct }: SectionProps) {
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

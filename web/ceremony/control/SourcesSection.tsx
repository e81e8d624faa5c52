import { beijing } from '../messages.js';
import { Section, type SectionProps } from './Section.js';
import { SlotRow } from './SlotRow.js';

/** 随机数来源: the sealing phase, and a row per declared source. */
export function SourcesSection(props: SectionProps) {
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

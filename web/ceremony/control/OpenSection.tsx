import { api } from '../../shared/api.js';
import { useAction } from '../../shared/action.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { Term } from '../../shared/Term.js';
import { Hash } from '../components/Hash.js';
import { Section, type SectionProps } from './Section.js';

/** 开始仪式: opens the ceremony, which checks the stored event against what was published. */
export function OpenSection({ view, c, api: url, reload, canAct }: SectionProps) {
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
      <ErrorBox error={a.error} bothLanguages />
    </Section>
  );
}

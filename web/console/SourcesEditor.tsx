import { useSession } from './session.js';
import type { DeclaredSource } from '../../src/api/staff.js';

export type { DeclaredSource };

export const QUICKNET = '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971';

/** Edits the declared sources: witnesses and public numbers in order, and an optional drand round. */
export function SourcesEditor({ value, onChange }: { value: DeclaredSource[]; onChange: (v: DeclaredSource[]) => void }) {
  const { t } = useSession();
  const labelled = value.filter((s): s is { kind: 'witness' | 'public'; label: string } => s.kind !== 'drand');
  const drand = value.find((s) => s.kind === 'drand') as { round: number } | undefined;
  const set = (list: typeof labelled, round: number | undefined) =>
    onChange([...list, ...(round ? [{ kind: 'drand' as const, chain: QUICKNET, round }] : [])]);
  return (
    <fieldset className="card">
      <legend>{t.sources}</legend>
      {labelled.map((s, i) => (
        <div className="row" key={i}>
          <span className="muted">{i + 1}.</span>
          <select
            aria-label={`${t.sources} ${i + 1}`}
            value={s.kind}
            onChange={(e) =>
              set(
                labelled.map((x, j) => (j === i ? { ...x, kind: e.target.value as 'witness' | 'public' } : x)),
                drand?.round,
              )
            }
          >
            <option value="witness">{t.witness}</option>
            <option value="public">{t.publicNumber}</option>
          </select>
          <input
            aria-label={`${t.sources} ${i + 1} label`}
            value={s.label}
            placeholder="例如：公证员 / 家长代表（檀木林小学）"
            onChange={(e) =>
              set(
                labelled.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)),
                drand?.round,
              )
            }
          />
          <button
            type="button"
            onClick={() =>
              set(
                labelled.filter((_, j) => j !== i),
                drand?.round,
              )
            }
          >
            {t.remove}
          </button>
        </div>
      ))}
      <p className="row">
        <button type="button" onClick={() => set([...labelled, { kind: 'witness', label: '' }], drand?.round)}>
          {t.add} {t.witness}
        </button>
        <button type="button" onClick={() => set([...labelled, { kind: 'public', label: '' }], drand?.round)}>
          {t.add} {t.publicNumber}
        </button>
      </p>
      <label htmlFor="drand">{t.drandRound}</label>
      <p className="muted small" id="drand-explain">
        {t.drandExplain}
      </p>
      <input
        id="drand"
        aria-describedby="drand-explain"
        type="number"
        min={1}
        value={drand?.round ?? ''}
        onChange={(e) => set(labelled, e.target.value ? Number(e.target.value) : undefined)}
      />
    </fieldset>
  );
}

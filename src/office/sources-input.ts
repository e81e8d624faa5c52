/**
 * Turns the values typed in at the ceremony (in declared order) into the contract's sources
 * document, refusing a missing, extra, reordered or mislabelled value before the engine sees it.
 */
import { FairDrawError } from '../core/errors.js';
import { DRAND_QUICKNET } from '../core/drand.js';
import type { DeclaredSource } from '../core/rules.js';
import type { Source } from '../core/sources.js';

export interface SourceValue {
  /** The declared label (witness, public); checked against the declaration. */
  label?: string;
  value?: string;
  /** For a drand source: the beacon of the declared round. */
  drand?: { round: number; randomness: string; signature: string };
}

export function buildSources(declared: readonly DeclaredSource[], given: readonly SourceValue[]): Source[] {
  if (given.length !== declared.length) {
    throw new FairDrawError(
      given.length < declared.length ? 'sources.missing' : 'sources.extra',
      `声明了 ${declared.length} 个随机来源，实际给出 ${given.length} 个`,
      `${declared.length} sources were declared, ${given.length} given`,
      { field: 'sources' },
    );
  }
  return declared.map((d, i): Source => {
    const g = given[i]!;
    const field = `sources[${i}]`;
    if (d.kind === 'drand') {
      if (!g.drand)
        throw new FairDrawError(
          'sources.drand',
          `第 ${i + 1} 个来源应为 drand 第 ${d.round} 轮的信标数据`,
          `source ${i + 1} must be the drand beacon of round ${d.round}`,
          { field },
        );
      return {
        kind: 'drand',
        chain: DRAND_QUICKNET.chainHash,
        round: g.drand.round,
        randomness: g.drand.randomness,
        signature: g.drand.signature,
      };
    }
    if (g.label !== undefined && g.label !== d.label) {
      throw new FairDrawError(
        'sources.order',
        `第 ${i + 1} 个来源应为“${d.label}”，实际为“${g.label}”（须按声明顺序）`,
        `source ${i + 1} must be "${d.label}", found "${g.label}" (declared order)`,
        {
          field,
        },
      );
    }
    const value = (g.value ?? '').normalize('NFC').trim();
    if (!value)
      throw new FairDrawError('sources.value', `“${d.label}”的值不能为空`, `the value of "${d.label}" must not be empty`, { field });
    return { kind: d.kind, label: d.label, value };
  });
}

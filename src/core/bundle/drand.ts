/**
 * Step "drand": checked on its own before the sources, so that a bad beacon signature is named as
 * such (parsing the sources checks it too, with the same function).
 */
import { fromUtf8 } from '../bytes.js';
import { verifyDrandRound } from '../drand.js';
import type { DeclaredSource } from '../rules.js';
import type { Outcome } from './types.js';

/** Every declared drand round: its BLS signature under the pinned quicknet key (§4.3). */
export function checkDrand(sourcesFile: Uint8Array, declared: Extract<DeclaredSource, { kind: 'drand' }>[]): Outcome {
  let doc: unknown;
  try {
    doc = JSON.parse(fromUtf8(sourcesFile));
  } catch {
    doc = [];
  }
  const values = Array.isArray(doc) ? (doc as { kind?: unknown; round?: unknown; signature?: unknown; randomness?: unknown }[]) : [];
  for (const d of declared) {
    const v = values.find((x) => x && x.kind === 'drand' && x.round === d.round);
    const check =
      v && typeof v.signature === 'string' && typeof v.randomness === 'string'
        ? verifyDrandRound(d.round, v.signature, v.randomness)
        : ({ ok: false, reason: 'signature-format' } as const);
    if (!check.ok) {
      return {
        status: 'failed',
        difference: { path: `drand round ${d.round}`, expected: 'a valid quicknet BLS signature', found: check.reason },
        message: {
          zh: `drand 第 ${d.round} 轮的 BLS 签名无法用 quicknet 公钥验证（${check.reason}）`,
          en: `the BLS signature of drand round ${d.round} does not verify under the quicknet key (${check.reason})`,
        },
      };
    }
  }
  return {
    status: 'passed',
    value: declared.map((d) => `#${d.round}`).join(', '),
    message: {
      zh: `drand 第 ${declared.map((d) => d.round).join('、')} 轮的 BLS 签名已用 quicknet 公钥验证`,
      en: `the BLS signature of drand round ${declared.map((d) => d.round).join(', ')} verified under the quicknet key`,
    },
  };
}

/**
 * Step "sealed": every witness value was committed before any reveal, then opened (see sealed.ts).
 */
import type { ParsedRules } from '../rules.js';
import type { ParsedSources } from '../sources.js';
import { needs } from './outcome.js';
import { checkSealed } from './sealed.js';
import type { AuditFile, Outcome } from './types.js';

export function sealedStep(audit: AuditFile | undefined, rules: ParsedRules | undefined, sources: ParsedSources | undefined): Outcome {
  if (!audit || !rules || !sources) return needs('规则、随机来源或审计日志', 'the rules, the sources or the audit log');
  const c = checkSealed(rules.rules.drawId, rules.rules.declaredSources, sources.sources, audit.entries ?? []);
  if (!c.ok) {
    return {
      status: 'failed',
      difference: { path: c.path, expected: 'committed before any reveal, then opened with this value', found: c.en },
      message: { zh: c.zh, en: c.en },
    };
  }
  return {
    status: 'passed',
    value: `${c.committed}`,
    message: {
      zh: `${c.committed} 个见证人数值均先承诺、后揭示（${c.revealed} 个揭示与承诺相符，${c.replaced} 个按规则替换）`,
      en: `${c.committed} witness value(s) were committed before any reveal (${c.revealed} revealed and matching, ${c.replaced} replaced as the rules say)`,
    },
  };
}

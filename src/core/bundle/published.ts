/**
 * Step "published": the files are the ones the signed log fixed, not a self-consistent substitute.
 */
import type { AuditEntry } from '../audit.js';
import { utf8 } from '../bytes.js';
import { jcs, type Json } from '../encoding.js';
import type { ApplicantList } from '../list.js';
import type { ParsedRules } from '../rules.js';
import type { ParsedSources } from '../sources.js';
import { show } from './outcome.js';
import { firstByte, sameBytes } from './same-bytes.js';
import type { AuditFile, Found, Outcome } from './types.js';

/**
 * The digests the signed audit log fixed at publication (公示 or its last correction), at the
 * freeze, at the draw and at the results must be the ones recomputed from the files: so the files
 * are the ones that were published, not a self-consistent substitute. sources.json is checked byte
 * for byte against its canonical form (its digest is of that form, §4.4), so no byte of it is free.
 */
export function checkPublished(
  audit: AuditFile | undefined,
  rules: ParsedRules | undefined,
  list: ApplicantList | undefined,
  sources: ParsedSources | undefined,
  recordSha256: string,
  sourcesBytes: Uint8Array,
): Outcome {
  if (!audit) return { status: 'skipped', message: { zh: '审计日志无法读取', en: 'the audit log could not be read' } };
  const entries = audit.entries ?? [];
  const last = (actions: string[]): AuditEntry | undefined => [...entries].reverse().find((e) => actions.includes(e.action));
  const published = last(['event.publish', 'event.correct']);
  const frozen = last(['event.freeze']);
  const drawn = last(['draw.official']);
  const results = last(['results.publish']);
  if (!published || !frozen || !drawn) {
    return {
      status: 'failed',
      difference: { path: 'entries', expected: 'event.publish, event.freeze and draw.official entries', found: 'missing' },
      message: { zh: '审计日志中缺少公示、冻结或正式摇号的记录', en: 'the audit log lacks the publication, freeze or official draw entry' },
    };
  }
  const checks: [string, unknown, string | number | undefined][] = [];
  const at = (e: AuditEntry, k: string): [string, unknown] => [
    `audit.json entries[${e.seq - 1}].details.${k}`,
    (e.details as Found | null)?.[k],
  ];
  for (const e of [published, frozen, drawn]) {
    checks.push([...at(e, 'paramsSha256'), rules?.paramsSha256]);
    checks.push([...at(e, 'listRoot'), list?.listRoot]);
  }
  for (const e of [published, frozen]) checks.push([...at(e, 'listSize'), list?.size]);
  checks.push([...at(drawn, 'sourcesSha256'), sources?.sourcesSha256]);
  checks.push([...at(drawn, 'recordSha256'), recordSha256]);
  if (results) checks.push([...at(results, 'recordSha256'), recordSha256]);
  for (const [path, logged, computed] of checks) {
    if (computed === undefined) continue;
    if (logged !== computed) {
      const d = { path, expected: show(logged), found: show(computed) };
      return {
        status: 'failed',
        difference: d,
        message: {
          zh: `文件与审计日志记载的哈希不符：${path} 日志记载 ${d.expected}，文件算得 ${d.found}`,
          en: `the files do not match the digest the audit log fixed: ${path} logged ${d.expected}, computed ${d.found}`,
        },
      };
    }
  }
  if (sources) {
    const canonical = utf8(jcs(sources.sources as unknown as Json));
    if (!sameBytes(canonical, sourcesBytes)) {
      const b = firstByte(canonical, sourcesBytes);
      return {
        status: 'failed',
        difference: { path: `sources.json, byte ${b}`, expected: 'the canonical form (JCS) the office published', found: 'other bytes' },
        message: {
          zh: `sources.json 第 ${b} 字节处与发布时的规范格式（JCS）不符：文件被改动`,
          en: `sources.json differs from the canonical form (JCS) it was published in at byte ${b}: the file was altered`,
        },
      };
    }
  }
  return {
    status: 'passed',
    value: list?.listRoot ?? '',
    message: {
      zh: `文件的哈希与审计日志在公示（第 ${published.seq} 条）、冻结（第 ${frozen.seq} 条）和摇号（第 ${drawn.seq} 条）时记载的一致`,
      en: `the files' digests are those the log fixed at publication (entry ${published.seq}), freeze (entry ${frozen.seq}) and the draw (entry ${drawn.seq})`,
    },
  };
}

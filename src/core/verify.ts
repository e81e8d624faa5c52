/**
 * Recomputes a draw from its inputs and compares the result with a published record (§9: parse
 * both, drop `extra`, compare JCS bytes). On a difference it names the first one, checking the
 * fields in the order a reader would: inputs' digests, then seed, then units, then applicants.
 */
import { equalBytes, fromUtf8, utf8 } from './bytes.js';
import { FairDrawError } from './errors.js';
import { isObject, jcs, readStrictJson, type Json } from './encoding.js';
import { draw, type DrawInputs, type DrawResult } from './draw.js';

export type VerifyOutcome =
  | { valid: true; result: DrawResult }
  | { valid: false; path: string; expected: string; found: string; result: DrawResult; message: { zh: string; en: string } };

const FIELD_ORDER = ['spec', 'drawId', 'paramsSha256', 'listRoot', 'listSize', 'sources', 'sourcesSha256', 'seed', 'units', 'applicants'];

const FIELD_ZH: Record<string, string> = {
  spec: '规范版本',
  drawId: '摇号编号',
  paramsSha256: '规则哈希',
  listRoot: '名单根哈希',
  listSize: '名单人数',
  sources: '随机来源',
  sourcesSha256: '随机来源哈希',
  seed: '种子',
  units: '招生单元结果',
  applicants: '报名者结果',
};

/** Parses a record file strictly and drops `extra` (§9). */
export function readRecord(bytes: Uint8Array, file = 'record.json'): Json {
  const doc = readStrictJson(bytes, { file });
  if (!isObject(doc)) throw new FairDrawError('record.shape', '结果记录必须是 JSON 对象', 'the record must be a JSON object', { file });
  delete doc.extra;
  return doc;
}

function show(v: Json | undefined): string {
  if (v === undefined) return '(absent)';
  const s = jcs(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** First difference between two JSON values, as a path; undefined when equal. */
export function firstDifference(
  expected: Json | undefined,
  found: Json | undefined,
  path: string,
  keyOrder?: string[],
): { path: string; expected: string; found: string } | undefined {
  if (
    expected === undefined ||
    found === undefined ||
    typeof expected !== typeof found ||
    Array.isArray(expected) !== Array.isArray(found) ||
    expected === null ||
    found === null
  ) {
    return jcs(expected ?? null) === jcs(found ?? null) && (expected === undefined) === (found === undefined)
      ? undefined
      : { path, expected: show(expected), found: show(found) };
  }
  if (Array.isArray(expected) && Array.isArray(found)) {
    for (let i = 0; i < Math.max(expected.length, found.length); i++) {
      const d = firstDifference(expected[i], found[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(found)) {
    const keys = new Set([...(keyOrder ?? []), ...Object.keys(expected).sort(), ...Object.keys(found).sort()]);
    for (const k of keys) {
      if (!(k in expected) && !(k in found)) continue;
      const d = firstDifference(expected[k], found[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  return expected === found ? undefined : { path, expected: show(expected), found: show(found) };
}

/**
 * Recomputes the record and compares. Throws `FairDrawError` when the inputs themselves are refused.
 */
export function verify(inputs: DrawInputs, recordBytes: Uint8Array, recordName = 'record.json'): VerifyOutcome {
  return compareRecord(draw(inputs), recordBytes, recordName);
}

/** Compares a computed draw with a published record (§9), naming the first difference. */
export function compareRecord(result: DrawResult, recordBytes: Uint8Array, recordName = 'record.json'): VerifyOutcome {
  const d = recordDifference(result.recordBytes, recordBytes, recordName);
  return d ? { valid: false, ...d, result } : { valid: true, result };
}

/** A difference between a published record's bytes and the bytes a draw computed. */
export type RecordDifference = { path: string; expected: string; found: string; message: { zh: string; en: string } };

/**
 * §9's comparison of two records: the published one read strictly, without `extra`, in canonical
 * form against `computed` (`JCS(record)`); undefined when they are the same record.
 */
export function recordDifference(computed: Uint8Array, recordBytes: Uint8Array, recordName = 'record.json'): RecordDifference | undefined {
  const found = readRecord(recordBytes, recordName);
  if (equalBytes(utf8(jcs(found)), computed)) return undefined;
  const expected = JSON.parse(fromUtf8(computed)) as Json;
  const d = firstDifference(expected, found, '', FIELD_ORDER) ?? { path: '(layout)', expected: '', found: '' };
  const top = d.path.split(/[.[]/)[0]!;
  return {
    ...d,
    message: {
      en: `record differs at ${d.path}: expected ${d.expected}, found ${d.found}`,
      zh: `结果记录与重新计算不符（${FIELD_ZH[top] ?? top}）：${d.path} 应为 ${d.expected}，实际为 ${d.found}`,
    },
  };
}

/**
 * Contract §4: the values of the declared sources of randomness, in declared order, each matching
 * its declaration exactly. `sourcesSha256` hashes the canonical form, whatever the file's layout.
 */
import { toHex, utf8 } from './bytes.js';
import { fail, type Where } from './errors.js';
import { isObject, jcs, readStrictJson, type Json } from './encoding.js';
import { sha256 } from './hash.js';
import { checkDrandChain, checkRound, type DeclaredSource } from './rules.js';
import { verifyDrandRound } from './drand.js';

export type Source =
  | { kind: 'witness'; label: string; value: string }
  | { kind: 'public'; label: string; value: string }
  | { kind: 'drand'; chain: string; round: number; randomness: string; signature: string };

export interface ParsedSources {
  sources: Source[];
  /** `SHA256(JCS(sources))`, hex. */
  sourcesSha256: string;
}

const KEYS: Record<Source['kind'], readonly string[]> = {
  witness: ['kind', 'label', 'value'],
  public: ['kind', 'label', 'value'],
  drand: ['kind', 'chain', 'round', 'randomness', 'signature'],
};

const KIND_ZH: Record<Source['kind'], string> = { witness: '现场见证人', public: '公开数', drand: 'drand 信标' };

function describeDeclared(d: DeclaredSource): { zh: string; en: string } {
  return d.kind === 'drand'
    ? { zh: `drand 第 ${d.round} 轮`, en: `drand round ${d.round}` }
    : { zh: `${KIND_ZH[d.kind]}“${d.label}”`, en: `${d.kind} "${d.label}"` };
}

/** Parses `sources.json` bytes and checks them against the declaration (§4). */
export function parseSources(bytes: Uint8Array, declared: readonly DeclaredSource[], file = 'sources.json'): ParsedSources {
  const where: Where = { file };
  return checkSources(readStrictJson(bytes, where), declared, where);
}

/** Checks parsed sources against the declaration (§4), verifying any drand round. */
export function checkSources(doc: Json, declared: readonly DeclaredSource[], where: Where = { file: 'sources.json' }): ParsedSources {
  if (!Array.isArray(doc)) fail('sources.shape', '随机来源文件必须是 JSON 数组', 'the sources must be a JSON array', where);
  const sources: Source[] = [];
  for (let i = 0; i < Math.max(doc.length, declared.length); i++) {
    const path = `[${i}]`;
    const d = declared[i];
    const v = doc[i];
    if (d === undefined) {
      fail('sources.extra', `第 ${i + 1} 个随机来源未事先声明`, `source ${i + 1} was not declared in the rules`, { ...where, field: path });
    }
    const name = describeDeclared(d);
    if (v === undefined) {
      fail('sources.missing', `缺少事先声明的随机来源 ${name.zh} 的值`, `the declared source ${name.en} has no value`, {
        ...where,
        field: path,
      });
    }
    if (!isObject(v)) fail('sources.shape', '随机来源必须是对象', 'a source must be an object', { ...where, field: path });
    if (v.kind !== d.kind || (d.kind !== 'drand' && v.label !== d.label)) {
      fail(
        'sources.order',
        `第 ${i + 1} 个随机来源应为 ${name.zh}（按声明顺序），实际为 ${JSON.stringify(v.kind)} ${JSON.stringify(v.label ?? v.round ?? null)}`,
        `source ${i + 1} must be ${name.en} (declared order), found ${JSON.stringify(v.kind)} ${JSON.stringify(v.label ?? v.round ?? null)}`,
        { ...where, field: `${path}.${v.kind !== d.kind ? 'kind' : 'label'}` },
      );
    }
    const keys = KEYS[d.kind];
    for (const k of keys) {
      if (!(k in v)) fail('field.missing', `缺少字段 ${k}`, `the field "${k}" is missing`, { ...where, field: `${path}.${k}` });
    }
    for (const k of Object.keys(v)) {
      if (!keys.includes(k)) fail('field.unknown', `未定义的字段 ${k}`, `unknown field "${k}"`, { ...where, field: `${path}.${k}` });
    }
    if (d.kind === 'drand') {
      sources.push(checkDrandSource(v, d, where, path));
    } else {
      const value = v.value;
      if (typeof value !== 'string' || value.length === 0) {
        fail('sources.value', `${name.zh} 的值不能为空`, `the value of ${name.en} must be a non-empty string`, {
          ...where,
          field: `${path}.value`,
        });
      }
      sources.push({ kind: d.kind, label: d.label, value });
    }
  }
  return { sources, sourcesSha256: sourcesDigest(sources) };
}

function checkDrandSource(v: { [k: string]: Json }, d: Extract<DeclaredSource, { kind: 'drand' }>, where: Where, path: string): Source {
  const chain = checkDrandChain(v.chain, where, `${path}.chain`);
  const round = checkRound(v.round, where, `${path}.round`);
  if (round !== d.round) {
    fail(
      'drand.round-mismatch',
      `drand 轮次应为事先声明的 ${d.round}，实际为 ${round}`,
      `the drand round must be the declared ${d.round}, found ${round}`,
      {
        ...where,
        field: `${path}.round`,
      },
    );
  }
  const { signature, randomness } = v;
  if (typeof signature !== 'string' || !/^[0-9a-f]{96}$/.test(signature)) {
    fail('drand.signature-format', 'drand 签名必须是 96 位小写十六进制', 'the drand signature must be 96 lowercase hex digits', {
      ...where,
      field: `${path}.signature`,
    });
  }
  if (typeof randomness !== 'string' || !/^[0-9a-f]{64}$/.test(randomness)) {
    fail('drand.randomness-format', 'drand 随机数必须是 64 位小写十六进制', 'the drand randomness must be 64 lowercase hex digits', {
      ...where,
      field: `${path}.randomness`,
    });
  }
  const check = verifyDrandRound(round, signature, randomness);
  if (!check.ok) {
    if (check.reason === 'randomness') {
      fail('drand.randomness', 'drand 随机数不等于签名的 SHA-256', 'the drand randomness is not SHA-256 of the signature', {
        ...where,
        field: `${path}.randomness`,
      });
    }
    fail(
      'drand.signature',
      `drand 第 ${round} 轮的 BLS 签名无法用 quicknet 公钥验证`,
      `the BLS signature of drand round ${round} does not verify under the quicknet public key`,
      { ...where, field: `${path}.signature` },
    );
  }
  return { kind: 'drand', chain, round, randomness, signature };
}

/** `SHA256(JCS(sources))` (§4). */
export function sourcesDigest(sources: readonly Source[]): string {
  return toHex(sha256(utf8(jcs(sources as unknown as Json))));
}

/**
 * Contract §2: the rules document. Its exact file bytes are hashed (`paramsSha256`); the fields
 * below are checked so that a draw can only run on rules that mean one thing.
 */
import { toHex } from './bytes.js';
import { fail, type Where } from './errors.js';
import { isObject, readStrictJson, type Json, type JsonObject } from './encoding.js';
import { sha256 } from './hash.js';
import { checkIdentifier } from './identifier-check.js';
import { DRAND_QUICKNET } from './drand.js';

export const SPEC = 'fairdraw/v1';
export type Mechanism = 'deferred-acceptance' | 'immediate-acceptance';
export type TieBreak = 'single' | 'multiple';
export type GroupFit = 'strict' | 'overflow';

export type DeclaredSource =
  { kind: 'witness'; label: string } | { kind: 'public'; label: string } | { kind: 'drand'; chain: string; round: number };

export interface Unit {
  id: string;
  seats: number;
  name?: string;
}

export interface Rules {
  drawId: string;
  mechanism: Mechanism;
  tieBreak: TieBreak;
  groupFit: GroupFit;
  units: Unit[];
  declaredSources: DeclaredSource[];
  /** The whole document as parsed, other fields (title, dates, rule text) included. */
  document: JsonObject;
}

export interface ParsedRules {
  rules: Rules;
  /** `SHA256(file bytes)`, hex. */
  paramsSha256: string;
}

const MECHANISMS: readonly Mechanism[] = ['deferred-acceptance', 'immediate-acceptance'];
const TIE_BREAKS: readonly TieBreak[] = ['single', 'multiple'];
const GROUP_FITS: readonly GroupFit[] = ['strict', 'overflow'];

function oneOf<T extends string>(doc: JsonObject, key: string, allowed: readonly T[], where: Where): T {
  const v = doc[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(
      'rules.value',
      `必须是 ${allowed.join(' 或 ')} 之一，实际为 ${JSON.stringify(v ?? null)}`,
      `must be one of ${allowed.join(', ')}, found ${JSON.stringify(v ?? null)}`,
      { ...where, field: key },
    );
  }
  return v as T;
}

function exactKeys(obj: JsonObject, required: readonly string[], allowed: readonly string[] | 'any', where: Where, path: string): void {
  for (const k of required) {
    if (!(k in obj)) fail('field.missing', `缺少字段 ${k}`, `the field "${k}" is missing`, { ...where, field: path ? `${path}.${k}` : k });
  }
  if (allowed !== 'any') {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        fail('field.unknown', `未定义的字段 ${k}`, `unknown field "${k}"`, { ...where, field: path ? `${path}.${k}` : k });
      }
    }
  }
}

function nonEmptyString(v: Json | undefined, where: Where): string {
  if (typeof v !== 'string' || v.length === 0) fail('field.empty', '必须是非空字符串', 'must be a non-empty string', where);
  return v;
}

/** Checks one declared source (§2, §4). Shared with sources.json, whose elements add a value. */
export function parseDeclaredSource(v: Json | undefined, where: Where, path: string): DeclaredSource {
  if (!isObject(v)) fail('source.shape', '必须是对象', 'must be an object', { ...where, field: path });
  const kind = v.kind;
  if (kind === 'witness' || kind === 'public') {
    exactKeys(v, ['kind', 'label'], ['kind', 'label'], where, path);
    return { kind, label: nonEmptyString(v.label, { ...where, field: `${path}.label` }) };
  }
  if (kind === 'drand') {
    exactKeys(v, ['kind', 'chain', 'round'], ['kind', 'chain', 'round'], where, path);
    return { kind, chain: checkDrandChain(v.chain, where, `${path}.chain`), round: checkRound(v.round, where, `${path}.round`) };
  }
  return fail(
    'source.kind',
    `来源类型必须是 witness、public 或 drand，实际为 ${JSON.stringify(kind ?? null)}`,
    `the source kind must be witness, public or drand, found ${JSON.stringify(kind ?? null)}`,
    { ...where, field: `${path}.kind` },
  );
}

export function checkDrandChain(v: Json | undefined, where: Where, field: string): string {
  if (v !== DRAND_QUICKNET.chainHash) {
    fail(
      'drand.chain',
      `fairdraw/v1 只接受 drand quicknet 链（${DRAND_QUICKNET.chainHash}），实际为 ${JSON.stringify(v ?? null)}`,
      `fairdraw/v1 accepts only the drand quicknet chain (${DRAND_QUICKNET.chainHash}), found ${JSON.stringify(v ?? null)}`,
      { ...where, field },
    );
  }
  return v;
}

export function checkRound(v: Json | undefined, where: Where, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    fail('drand.round', 'drand 轮次必须是正整数', 'the drand round must be a positive integer', { ...where, field });
  }
  return v;
}

/**
 * Parses and checks `rules.json` (§2) from its file bytes. `file` names it in errors.
 * @example parseRules(readFileSync('rules.json'), 'rules.json').paramsSha256
 */
export function parseRules(bytes: Uint8Array, file = 'rules.json'): ParsedRules {
  const where: Where = { file };
  return { rules: checkRules(readStrictJson(bytes, where), where), paramsSha256: toHex(sha256(bytes)) };
}

/** Checks a parsed rules document (§2). */
export function checkRules(doc: Json, where: Where = { file: 'rules.json' }): Rules {
  if (!isObject(doc)) fail('rules.shape', '规则文件必须是一个 JSON 对象', 'the rules must be a JSON object', where);
  exactKeys(doc, ['spec', 'drawId', 'mechanism', 'tieBreak', 'groupFit', 'units', 'declaredSources'], 'any', where, '');
  if (doc.spec !== SPEC) {
    fail('rules.spec', `spec 必须是 "${SPEC}"`, `spec must be "${SPEC}", found ${JSON.stringify(doc.spec)}`, { ...where, field: 'spec' });
  }
  const drawId = checkIdentifier(doc.drawId, { ...where, field: 'drawId' }, { zh: '摇号编号', en: 'drawId' });
  const mechanism = oneOf(doc, 'mechanism', MECHANISMS, where);
  const tieBreak = oneOf(doc, 'tieBreak', TIE_BREAKS, where);
  const groupFit = oneOf(doc, 'groupFit', GROUP_FITS, where);

  const unitsJson = doc.units;
  if (!Array.isArray(unitsJson) || unitsJson.length === 0) {
    fail('rules.units', '至少需要一个招生单元', 'there must be at least one unit', { ...where, field: 'units' });
  }
  const seen = new Set<string>();
  const units: Unit[] = unitsJson.map((u, i) => {
    const path = `units[${i}]`;
    if (!isObject(u)) fail('rules.unit', '招生单元必须是对象', 'a unit must be an object', { ...where, field: path });
    exactKeys(u, ['id', 'seats'], 'any', where, path);
    const id = checkIdentifier(u.id, { ...where, field: `${path}.id` }, { zh: '招生单元编号', en: 'the unit id' });
    if (seen.has(id))
      fail('rules.unit-duplicate', `招生单元编号 ${id} 重复`, `the unit id ${id} appears twice`, { ...where, field: `${path}.id` });
    seen.add(id);
    const seats = u.seats;
    if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 0) {
      fail('rules.seats', '学位数必须是不小于 0 的整数', 'seats must be an integer ≥ 0', { ...where, field: `${path}.seats` });
    }
    const unit: Unit = { id, seats };
    if (typeof u.name === 'string') unit.name = u.name;
    return unit;
  });

  const ds = doc.declaredSources;
  if (!Array.isArray(ds) || ds.length === 0) {
    fail('rules.sources', '必须事先声明至少一个随机来源', 'at least one source of randomness must be declared', {
      ...where,
      field: 'declaredSources',
    });
  }
  const declaredSources = ds.map((s, i) => parseDeclaredSource(s, where, `declaredSources[${i}]`));
  return { drawId, mechanism, tieBreak, groupFit, units, declaredSources, document: doc };
}

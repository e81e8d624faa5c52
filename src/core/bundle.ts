/**
 * The public bundle (公开包) checked as a whole, as §10 and §15 describe, plus the audit log: the
 * rules hash, the list root, the sources (and any drand signature), the seed, every ticket, every
 * unit's admitted list and waitlist, the record's exact bytes, the digests the signed log fixed,
 * and the log's chain and checkpoint signatures. Pure and synchronous, so the browser verifier
 * runs it unchanged in a Web Worker (no WebCrypto: hashes and signatures come from @noble).
 *
 * Each check is a `Step` that passed, failed with the first difference, was refused (an input the
 * contract refuses, §11) or was skipped (it needs something that is missing or refused).
 */
import { equalBytes, fromHex, toHex, utf8, fromUtf8 } from './bytes.js';
import { FairDrawError } from './errors.js';
import { jcs, parseStrictJson, type Json } from './encoding.js';
import { compress, SHA256_IV } from './sha256-block.js';
import { parseRules, type DeclaredSource, type ParsedRules } from './rules.js';
import { parseList, type ApplicantList } from './list.js';
import { parseSources, type ParsedSources } from './sources.js';
import { verifyDrandRound } from './drand.js';
import { computeSeed } from './seed.js';
import { drawParsed, type DrawResult } from './draw.js';
import { ticketHex, ticketIndex, ticketRange, ticketSource, type Tickets } from './ticket.js';
import { firstDifference, readRecord } from './verify.js';
import { checkCosignatures, formatHead, registeredNotaryKey, verifyChain, type AuditEntry, type Checkpoint } from './audit.js';
import { checkSealed } from './bundle/sealed.js';

/**
 * The files of a public bundle, as bytes. `audit` is `audit.json`: the log, its checkpoints and
 * the organiser's key; `organiserPub` is `organiser.pub`, the key as the bureau publishes it.
 */
export interface BundleInput {
  rules: Uint8Array;
  list: Uint8Array;
  sources: Uint8Array;
  record: Uint8Array;
  audit?: Uint8Array;
  organiserPub?: Uint8Array;
}

export type StepId =
  | 'rules'
  | 'list'
  | 'drand'
  | 'sources'
  | 'seed'
  | 'tickets'
  | 'units'
  | 'applicants'
  | 'record'
  | 'published'
  | 'organiser'
  | 'audit'
  | 'sealed';

export interface Text {
  zh: string;
  en: string;
}

export interface Difference {
  path: string;
  expected: string;
  found: string;
}

export interface Step {
  id: StepId;
  status: 'passed' | 'failed' | 'refused' | 'skipped';
  /** What the step computed, e.g. a digest or a count. */
  value?: string;
  /** The first difference, when the step failed. */
  difference?: Difference;
  message: Text;
  ms: number;
}

export interface BundleReport {
  /** Every step passed (an absent audit log is skipped, and `audited` says so). */
  valid: boolean;
  audited: boolean;
  steps: Step[];
  /** The first step that failed or was refused. */
  firstFailure?: Step;
  /** The organiser key the audit log was checked against (compare it with the published notice). */
  organiserPublicKey?: string;
  /** The notary key the log registered before the freeze, with its fingerprint. */
  notaryKey?: { publicKey: string; fingerprint: string; name: string };
  /** The newest entry of the log, `seq:hash` (compare it with the head printed in the announcement). */
  head?: string;
  applicants?: number;
  units?: number;
  ms: number;
}

export type BundleProgress = (p: { step: StepId; fraction: number }) => void;

/** Share of the whole run each step takes (rough, for a progress bar that moves evenly). */
const WEIGHT: Record<StepId, number> = {
  rules: 0.01,
  list: 0.14,
  drand: 0.05,
  sources: 0.01,
  seed: 0.01,
  tickets: 0.3,
  units: 0.28,
  applicants: 0.05,
  record: 0.05,
  published: 0.01,
  organiser: 0.01,
  audit: 0.07,
  sealed: 0.01,
};

interface AuditFile {
  event?: string;
  organiserPublicKey?: string;
  entries?: AuditEntry[];
  checkpoints?: Checkpoint[];
}

type Found = { [k: string]: unknown };

const clock = (): number => (typeof performance === 'undefined' ? 0 : performance.now());

function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function diffText(d: Difference, zhWhat: string, enWhat: string): Text {
  return {
    zh: `${zhWhat}与重新计算不符：${d.path} 应为 ${d.expected}，实际为 ${d.found}`,
    en: `${enWhat} differs at ${d.path}: expected ${d.expected}, found ${d.found}`,
  };
}

/** A step's outcome: failed at the first difference `d` when there is one, else passed with `ok`. */
function judged(d: Difference | undefined, value: string, what: [zh: string, en: string], ok: Text): Omit<Step, 'id' | 'ms'> {
  return d ? { status: 'failed', value, difference: d, message: diffText(d, ...what) } : { status: 'passed', value, message: ok };
}

/** Compares scalar fields of the published record with the recomputed values, in the given order. */
function compareFields(found: Found | undefined, expected: [string, Json][]): Difference | undefined {
  if (!found) return undefined;
  for (const [k, v] of expected) {
    let same: boolean;
    try {
      same = found[k] !== undefined && jcs(v) === jcs(found[k] as Json);
    } catch {
      same = false; // not a value of the contract's JSON (e.g. a fraction): different by definition
    }
    if (!same) return { path: k, expected: show(v), found: show(found[k]) };
  }
  return undefined;
}

/**
 * Equality of two large byte arrays, a word at a time where the buffers allow (nothing secret is
 * compared here, so an early exit is fine; a 50 MB record compares in a few milliseconds).
 */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const n = a.length;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const wa = new Uint32Array(a.buffer, a.byteOffset, n >>> 2);
    const wb = new Uint32Array(b.buffer, b.byteOffset, n >>> 2);
    for (let k = 0; k < wa.length; k++) if (wa[k] !== wb[k]) return false;
    i = wa.length * 4;
  }
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * SHA-256 (FIPS 180-4) of a large file, as hex, on the core's compression function: in browsers it
 * hashes a 50 MB record several times faster than the general-purpose @noble code (which the tests
 * check it against). No WebCrypto, so it runs on a plain-http page too.
 */
export function sha256Large(data: Uint8Array): string {
  const st = new Int32Array(SHA256_IV);
  const block = new Int32Array(16);
  const n = data.length;
  const full = n - (n % 64);
  for (let o = 0; o < full; o += 64) {
    for (let k = 0, i = o; k < 16; k++, i += 4) block[k] = (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    compress(st, block, 0);
  }
  // The tail: the last bytes, 0x80, zeros, and the length in bits as 64 bits big-endian.
  const tail = new Uint8Array((n % 64) + 9 <= 64 ? 64 : 128);
  tail.set(data.subarray(full));
  tail[n % 64] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(n / 0x20000000));
  view.setUint32(tail.length - 4, (n * 8) >>> 0);
  for (let o = 0; o < tail.length; o += 64) {
    for (let k = 0; k < 16; k++) block[k] = view.getInt32(o + 4 * k);
    compress(st, block, 0);
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let k = 0; k < 8; k++) ov.setInt32(4 * k, st[k]!);
  return toHex(out);
}

/** The outcome of computing one input: its value, or the refusal, and the time it took. */
interface Computed<T> {
  value?: T;
  refusal?: FairDrawError;
  ms: number;
}

function compute<T>(f: () => T): Computed<T> {
  const s0 = clock();
  try {
    return { value: f(), ms: Math.round(clock() - s0) };
  } catch (e) {
    if (!(e instanceof FairDrawError)) throw e;
    return { refusal: e, ms: Math.round(clock() - s0) };
  }
}

/** A refusal as a step: e.message is the located English text; describe() is "English / 中文". */
function refused(e: FairDrawError): Omit<Step, 'id' | 'ms'> {
  return { status: 'refused', message: { zh: e.describe().slice(e.message.length + 3), en: e.message } };
}

/**
 * Checks a public bundle. Everything is computed first (with progress), then compared with the
 * published record: when the record is byte for byte the recomputed one — the usual case — no
 * field needs to be read from it at all, which keeps a city-sized check within seconds.
 * @example const report = verifyBundle({ rules, list, sources, record, audit }, (p) => bar(p.fraction));
 */
export function verifyBundle(files: BundleInput, onProgress?: BundleProgress): BundleReport {
  const t0 = clock();
  let done = 0;
  let shown = 0;
  const progress = (step: StepId, within: number): void => {
    shown = Math.max(shown, Math.min(1, done + WEIGHT[step] * within)); // never moves back
    onProgress?.({ step, fraction: shown });
  };
  const finish = (step: StepId): void => {
    done += WEIGHT[step];
    progress(step, 0);
  };

  // 1. Compute: the inputs (§2–§4), the seed (§5) and the draw (§6–§9).
  progress('rules', 0);
  const rules = compute(() => parseRules(files.rules));
  finish('rules');
  const list = rules.value ? compute(() => parseList(files.list, rules.value!.rules)) : undefined;
  finish('list');
  const drandDeclared = rules.value?.rules.declaredSources.filter((s) => s.kind === 'drand') ?? [];
  // drand first on its own, so a bad beacon signature is named as such (parseSources checks it too).
  const drand = drandDeclared.length > 0 ? compute(() => checkDrand(files.sources, drandDeclared)) : undefined;
  finish('drand');
  const sources = rules.value ? compute(() => parseSources(files.sources, rules.value!.rules.declaredSources)) : undefined;
  finish('sources');
  const r = rules.value;
  const l = list?.value;
  const src = sources?.value;
  const seed = r && l && src ? computeSeed(r.rules.drawId, r.paramsSha256, l.listRoot, src.sourcesSha256) : undefined;
  finish('seed');
  let result: DrawResult | undefined;
  let drawMs = 0;
  if (r && l && src) {
    const s0 = clock();
    result = drawParsed({ rules: r, list: l, sources: src }, (seedBytes, entrants, rr) => {
      const perPair = rr.tieBreak === 'multiple';
      const total = perPair ? entrants.pairUnit.length : entrants.count;
      const words = new Uint32Array(total * 8);
      const chunk = 8192;
      const ts = ticketSource(entrants, rr.units, rr.tieBreak);
      for (let from = 0; from < total; from += chunk) {
        ticketRange(seedBytes, ts, from, Math.min(total, from + chunk), words, from * 8);
        progress('tickets', Math.min(total, from + chunk) / total);
      }
      finish('tickets');
      return { perPair, words };
    });
    drawMs = Math.round(clock() - s0);
  }
  finish('units');
  progress('record', 0);
  const r0 = clock();
  const recordSha256 = sha256Large(files.record);
  const identical = result !== undefined && sameBytes(files.record, result.recordBytes);
  const hashMs = Math.round(clock() - r0);

  // 2. Compare. The published record is read leniently, only to locate differences; the verdict
  // on its bytes (step "record") uses the strict reader of §1.4.
  let found: Found | undefined;
  if (!identical) {
    try {
      const doc = JSON.parse(fromUtf8(files.record)) as unknown;
      if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) found = doc as Found;
    } catch {
      found = undefined;
    }
  }
  const steps: Step[] = [];
  const add = (id: StepId, ms: number, body: () => Omit<Step, 'id' | 'ms'>): void => {
    const s0 = clock();
    let out: Omit<Step, 'id' | 'ms'>;
    try {
      out = body();
    } catch (e) {
      if (!(e instanceof FairDrawError)) throw e;
      out = refused(e);
    }
    steps.push({ id, ...out, ms: ms + Math.round(clock() - s0) });
  };
  const needs = (what: string, en: string): Omit<Step, 'id' | 'ms'> => ({
    status: 'skipped',
    message: { zh: `未检查：${what}未通过`, en: `not checked: ${en} did not pass` },
  });

  add('rules', rules.ms, () => {
    if (!r) return refused(rules.refusal!);
    const d = compareFields(found, [
      ['spec', 'fairdraw/v1'],
      ['drawId', r.rules.drawId],
      ['paramsSha256', r.paramsSha256],
    ]);
    return judged(d, r.paramsSha256, ['规则哈希', 'the rules hash'], {
      zh: '规则哈希 paramsSha256 = SHA-256(rules.json)，与结果记录一致',
      en: 'paramsSha256 = SHA-256(rules.json) matches the record',
    });
  });

  add('list', list?.ms ?? 0, () => {
    if (!list) return needs('规则', 'the rules');
    if (!l) return refused(list.refusal!);
    const d = compareFields(found, [
      ['listRoot', l.listRoot],
      ['listSize', l.size],
    ]);
    return judged(d, l.listRoot, ['名单根哈希', 'the list root'], {
      zh: `名单 ${l.size} 行，Merkle 根哈希与结果记录一致`,
      en: `${l.size} lines; the Merkle root matches the record`,
    });
  });

  if (drand) add('drand', drand.ms, () => (drand.refusal ? refused(drand.refusal) : drand.value!));

  add('sources', sources?.ms ?? 0, () => {
    if (!sources) return needs('规则', 'the rules');
    if (!src) return refused(sources.refusal!);
    const d = compareFields(found, [
      ['sources', src.sources as unknown as Json],
      ['sourcesSha256', src.sourcesSha256],
    ]);
    return judged(d, src.sourcesSha256, ['随机来源', 'the sources'], {
      zh: `${src.sources.length} 个随机来源与事先声明一致，哈希与结果记录一致`,
      en: `${src.sources.length} source(s) match the declaration; their hash matches the record`,
    });
  });

  if (result && seed) {
    const res = result;
    const unitIds = res.rules.units.map((u) => u.id);
    add('seed', 0, () => {
      const d = compareFields(found, [['seed', seed]]);
      return judged(d, seed, ['种子', 'the seed'], {
        zh: '种子 = SHA-256(摇号编号、三个哈希)，与结果记录一致',
        en: 'seed = SHA-256(drawId, the three digests) matches the record',
      });
    });
    add('tickets', drawMs, () => {
      const d = compareTickets(found, res, unitIds);
      const n = res.tickets.words.length / 8;
      return judged(d, String(n), ['随机号', 'a ticket'], {
        zh: `重新计算了 ${n} 个随机号（HMAC-SHA256，多胞胎整组一个），全部与结果记录一致`,
        en: `recomputed ${n} tickets (HMAC-SHA256, one per multiple-birth group); all match the record`,
      });
    });
    add('units', 0, () => {
      const expected = res.units.map((u) => ({ admitted: u.admitted, id: u.id, seats: u.seats, waitlist: u.waitlist })) as unknown as Json;
      const d = found ? firstDifference(expected, found.units as Json | undefined, 'units') : undefined;
      const admitted = res.units.reduce((a, u) => a + u.admitted.length, 0);
      return judged(d, String(admitted), ['招生单元的录取名单或候补名单', 'a unit'], {
        zh: `${res.units.length} 个招生单元的录取名单（共 ${admitted} 人）和候补顺序与结果记录一致`,
        en: `the admitted lists (${admitted} in all) and waitlists of ${res.units.length} unit(s) match the record`,
      });
    });
    add('applicants', 0, () => {
      const d = compareAssigned(found, res, unitIds);
      if (d) return { status: 'failed', difference: d, message: diffText(d, '报名者的录取结果', "an applicant's assignment") };
      return {
        status: 'passed',
        value: String(res.list.size),
        message: {
          zh: `${res.list.size} 名报名者的录取结果与结果记录一致`,
          en: `the assignment of ${res.list.size} applicants matches the record`,
        },
      };
    });
    add('record', hashMs, () => {
      if (identical) {
        return {
          status: 'passed',
          value: recordSha256,
          message: { zh: 'record.json 与重新计算的结果逐字节相同', en: 'record.json is byte for byte the recomputed record' },
        };
      }
      // §9: parse strictly, drop `extra`, compare JCS bytes; otherwise name the first difference.
      // (After a difference above, the canonical bytes cannot be equal: skip that costly step.)
      const strict = readRecord(files.record);
      const differed = steps.some((s) => s.status === 'failed');
      if (!differed && equalBytes(utf8(jcs(strict)), res.recordBytes)) {
        return {
          status: 'passed',
          value: recordSha256,
          message: {
            zh: 'record.json 的内容与重新计算的结果相同（排版或 extra 不同）',
            en: 'record.json has the same content (layout or extra differ)',
          },
        };
      }
      const expected = JSON.parse(fromUtf8(res.recordBytes)) as Json;
      const d = firstDifference(expected, strict, '', RECORD_FIELDS) ?? { path: '(layout)', expected: '', found: '' };
      return { status: 'failed', value: recordSha256, difference: d, message: diffText(d, '结果记录', 'the record') };
    });
  } else {
    for (const id of ['seed', 'tickets', 'units', 'applicants', 'record'] as const) add(id, 0, () => needs('输入文件', 'an input file'));
  }

  progress('published', 0);
  const audit = readAudit(files.audit);
  if (!files.audit) {
    const why = {
      status: 'skipped' as const,
      message: { zh: '未提供 audit.json，未检查审计日志', en: 'no audit.json given; the audit log was not checked' },
    };
    for (const id of ['published', 'organiser', 'audit', 'sealed'] as const) add(id, 0, () => why);
  } else {
    add('published', 0, () => checkPublished(audit.file, r, l, src, recordSha256, files.sources));
    finish('published');
    add('organiser', 0, () => checkOrganiserKey(audit.file, files.organiserPub));
    add('audit', 0, () => {
      if (!audit.file) throw audit.error!;
      const a = audit.file;
      const key = a.organiserPublicKey ?? '';
      const entries = a.entries ?? [];
      const c = verifyChain(entries, a.checkpoints ?? [], key);
      const p = c.ok ? checkCosignatures(entries, a.checkpoints ?? [], key) : c;
      const stray = c.ok && !p ? entries.find((e) => e.event !== a.event) : undefined;
      if (stray) {
        return {
          status: 'failed',
          value: key,
          difference: { path: `entries[${stray.seq - 1}].event`, expected: show(a.event), found: show(stray.event) },
          message: { zh: `第 ${stray.seq} 条记录属于另一个批次`, en: `entry ${stray.seq} belongs to another event` },
        };
      }
      if (p) {
        return {
          status: 'failed',
          value: key,
          difference: {
            path: `entries[${p.seq - 1}]`,
            expected: 'an unbroken chain, signed by the organiser and the registered notary key',
            found: p.reason,
          },
          message: { zh: p.zh, en: p.reason },
        };
      }
      const n = c.ok ? c : { entries: 0, checkpoints: 0 };
      const notary = registeredNotaryKey(entries).key;
      return {
        status: 'passed',
        value: key,
        message: {
          zh: `审计日志 ${n.entries} 条记录首尾相连，${n.checkpoints} 个检查点的签名均有效（组织方公钥 ${key.slice(0, 16)}…${notary ? `；公证员公钥指纹 ${notary.fingerprint}` : ''}）`,
          en: `the audit log's ${n.entries} entries are chained and all ${n.checkpoints} checkpoint signatures verify (organiser key ${key.slice(0, 16)}…${notary ? `; notary key fingerprint ${notary.fingerprint}` : ''})`,
        },
      };
    });
    add('sealed', 0, () => {
      if (!audit.file || !r || !src) return needs('规则、随机来源或审计日志', 'the rules, the sources or the audit log');
      const c = checkSealed(r.rules.drawId, r.rules.declaredSources, src.sources, audit.file.entries ?? []);
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
    });
  }

  const firstFailure = steps.find((s) => s.status === 'failed' || s.status === 'refused');
  onProgress?.({ step: 'audit', fraction: 1 });
  return {
    valid: !firstFailure && !steps.some((s) => s.status === 'skipped' && !AUDIT_STEPS.includes(s.id)),
    audited: steps.some((s) => s.id === 'audit' && s.status === 'passed'),
    steps,
    firstFailure,
    organiserPublicKey: audit.file?.organiserPublicKey,
    notaryKey: notaryOf(audit.file),
    head: headOf(audit.file),
    applicants: l?.size,
    units: r?.rules.units.length,
    ms: Math.round(clock() - t0),
  };
}

/** Steps that need audit.json: skipped (not failed) without it, and then `audited` is false. */
const AUDIT_STEPS: readonly StepId[] = ['published', 'organiser', 'audit', 'sealed'];

function notaryOf(a: AuditFile | undefined): BundleReport['notaryKey'] {
  const k = a && Array.isArray(a.entries) ? registeredNotaryKey(a.entries).key : undefined;
  return k && { publicKey: k.publicKey, fingerprint: k.fingerprint, name: k.name };
}

function headOf(a: AuditFile | undefined): string | undefined {
  const e = a?.entries?.[a.entries.length - 1];
  return e && typeof e.seq === 'number' && typeof e.hash === 'string' ? formatHead(e) : undefined;
}

/** The first byte at which two texts differ (for a file that is not in its canonical form). */
function firstByte(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** organiser.pub: 64 lowercase hex and a newline, the very key audit.json names. */
function checkOrganiserKey(audit: AuditFile | undefined, pub: Uint8Array | undefined): Omit<Step, 'id' | 'ms'> {
  if (!pub) {
    return {
      status: 'skipped',
      message: {
        zh: '未提供 organiser.pub，组织方公钥只能与公告核对',
        en: 'no organiser.pub given; compare the organiser key with the notice',
      },
    };
  }
  const text = fromUtf8(pub);
  const m = /^[0-9a-f]{64}\n$/.exec(text);
  if (!m) {
    const at = [...text].findIndex((ch, i) => (i < 64 ? !/[0-9a-f]/.test(ch) : i > 64 || ch !== '\n'));
    const place = at < 0 ? Math.min(text.length, 64) : at;
    return {
      status: 'failed',
      difference: {
        path: `organiser.pub, byte ${place}`,
        expected: '64 lowercase hex digits and a newline',
        found: show(text.slice(0, 80)),
      },
      message: {
        zh: `organiser.pub 第 ${place} 字节处格式错误：应为 64 位小写十六进制公钥加换行`,
        en: `organiser.pub is malformed at byte ${place}: expected 64 lowercase hex digits and a newline`,
      },
    };
  }
  const key = text.slice(0, 64);
  if (audit && audit.organiserPublicKey !== key) {
    const place = firstByte(utf8(key), utf8(audit.organiserPublicKey ?? ''));
    return {
      status: 'failed',
      difference: { path: `organiser.pub, byte ${place}`, expected: show(audit.organiserPublicKey), found: show(key) },
      message: {
        zh: `organiser.pub 中的公钥与 audit.json 的 organiserPublicKey 不同（第 ${place} 字节起）：日志不是用此公钥签名的`,
        en: `the key in organiser.pub differs from audit.json's organiserPublicKey (from byte ${place}): the log was not signed under it`,
      },
    };
  }
  return {
    status: 'passed',
    value: key,
    message: { zh: 'organiser.pub 与审计日志所用的组织方公钥相同', en: 'organiser.pub is the organiser key the audit log names' },
  };
}

/** Every declared drand round: its BLS signature under the pinned quicknet key (§4.3). */
function checkDrand(sourcesFile: Uint8Array, declared: Extract<DeclaredSource, { kind: 'drand' }>[]): Omit<Step, 'id' | 'ms'> {
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

/** §10 step 7: the order in which the record's fields are examined. */
const RECORD_FIELDS = ['spec', 'drawId', 'paramsSha256', 'listRoot', 'listSize', 'sources', 'sourcesSha256', 'seed', 'units', 'applicants'];

function compareTickets(found: Found | undefined, res: DrawResult, unitIds: string[]): Difference | undefined {
  if (!found) return undefined;
  const apps = found.applicants;
  if (!Array.isArray(apps)) return { path: 'applicants', expected: `${res.list.size} entries`, found: show(apps) };
  const { entrants, list } = res;
  const t: Tickets = res.tickets;
  for (let i = 0; i < list.size; i++) {
    const a = apps[i] as { id?: unknown; tickets?: { [u: string]: unknown } } | undefined;
    if (!a || a.id !== list.ids[i]) return { path: `applicants[${i}].id`, expected: show(list.ids[i]), found: show(a?.id) };
    const tk = a.tickets;
    if (typeof tk !== 'object' || tk === null) return { path: `applicants[${i}].tickets`, expected: 'an object', found: show(tk) };
    const e = entrants.entrantOf[i]!;
    const p0 = entrants.pairStart[e]!;
    const p1 = entrants.pairStart[e + 1]!;
    for (let p = p0; p < p1; p++) {
      const unit = unitIds[entrants.pairUnit[p]!]!;
      const hex = ticketHex(t, ticketIndex(t, entrants, p));
      if (tk[unit] !== hex) return { path: `applicants[${i}].tickets.${unit}`, expected: show(hex), found: show(tk[unit]) };
    }
    const n = Object.keys(tk).length;
    if (n !== p1 - p0) {
      const extra = Object.keys(tk).find((k) => !unitIds.includes(k)) ?? '';
      return { path: `applicants[${i}].tickets${extra ? `.${extra}` : ''}`, expected: `${p1 - p0} ticket(s)`, found: `${n}` };
    }
  }
  if (apps.length !== list.size) return { path: `applicants[${list.size}]`, expected: '(absent)', found: show(apps[list.size]) };
  return undefined;
}

function compareAssigned(found: Found | undefined, res: DrawResult, unitIds: string[]): Difference | undefined {
  if (!found || !Array.isArray(found.applicants)) return undefined;
  const apps = found.applicants as { assigned?: unknown }[];
  const { entrants, assigned, list } = res;
  for (let i = 0; i < list.size; i++) {
    const a = assigned[entrants.entrantOf[i]!]!;
    const want = a === -1 ? null : unitIds[entrants.pairUnit[a]!]!;
    if (apps[i]?.assigned !== want) return { path: `applicants[${i}].assigned`, expected: show(want), found: show(apps[i]?.assigned) };
  }
  return undefined;
}

function readAudit(bytes: Uint8Array | undefined): { file?: AuditFile; error?: FairDrawError } {
  if (!bytes) return {};
  let doc: unknown;
  try {
    doc = parseStrictJson(fromUtf8(bytes), { file: 'audit.json' });
  } catch (e) {
    if (e instanceof FairDrawError) return { error: e };
    throw e;
  }
  // The office writes audit.json as JCS: every byte of it is then fixed by the log and its signatures.
  const canonical = utf8(jcs(doc as Json));
  if (!sameBytes(canonical, bytes)) {
    const at = firstByte(canonical, bytes);
    return {
      error: new FairDrawError(
        'audit.layout',
        `audit.json 第 ${at} 字节处与规范格式（JCS）不符：文件被改动`,
        `audit.json differs from its canonical form (JCS) at byte ${at}: the file was altered`,
        { file: 'audit.json', field: `byte ${at}` },
      ),
    };
  }
  const where = auditShape(doc);
  if (where !== undefined) {
    return {
      error: new FairDrawError(
        'audit.shape',
        `audit.json 不是有效的审计日志：${where || '顶层'} 缺失或类型不对（需要 event、entries、checkpoints 和 organiserPublicKey）`,
        `audit.json is not an audit log: ${where || 'the top level'} is missing or of the wrong type (event, entries, checkpoints and organiserPublicKey are needed)`,
        { file: 'audit.json', field: where || undefined },
      ),
    };
  }
  return { file: doc as AuditFile };
}

/** The first place where audit.json does not have the shape of a log (undefined: it has). */
function auditShape(doc: unknown): string | undefined {
  const isObj = (v: unknown): v is { [k: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(doc)) return '';
  if (typeof doc.event !== 'string') return 'event';
  if (typeof doc.organiserPublicKey !== 'string' || !fromHex(doc.organiserPublicKey, 32)) return 'organiserPublicKey';
  if (!Array.isArray(doc.entries)) return 'entries';
  if (!Array.isArray(doc.checkpoints)) return 'checkpoints';
  const strings = (o: { [k: string]: unknown }, keys: string[]): string | undefined => keys.find((k) => typeof o[k] !== 'string');
  for (const [i, e] of (doc.entries as unknown[]).entries()) {
    if (!isObj(e)) return `entries[${i}]`;
    if (typeof e.seq !== 'number' || !('details' in e)) return `entries[${i}]`;
    const k = strings(e, ['event', 'at', 'actor', 'action', 'prev', 'hash']);
    if (k) return `entries[${i}].${k}`;
  }
  for (const [i, c] of (doc.checkpoints as unknown[]).entries()) {
    if (!isObj(c)) return `checkpoints[${i}]`;
    if (typeof c.seq !== 'number') return `checkpoints[${i}].seq`;
    const k = strings(c, ['event', 'hash']);
    if (k) return `checkpoints[${i}].${k}`;
    if (!Array.isArray(c.signatures)) return `checkpoints[${i}].signatures`;
    for (const [j, s] of (c.signatures as unknown[]).entries()) {
      if (!isObj(s)) return `checkpoints[${i}].signatures[${j}]`;
      const sk = strings(s, ['signer', 'role', 'publicKey', 'signature', 'at']);
      if (sk) return `checkpoints[${i}].signatures[${j}].${sk}`;
    }
  }
  return undefined;
}

/**
 * The digests the signed audit log fixed at publication (公示 or its last correction), at the
 * freeze, at the draw and at the results must be the ones recomputed from the files: so the files
 * are the ones that were published, not a self-consistent substitute. sources.json is checked byte
 * for byte against its canonical form (its digest is of that form, §4.4), so no byte of it is free.
 */
function checkPublished(
  audit: AuditFile | undefined,
  rules: ParsedRules | undefined,
  list: ApplicantList | undefined,
  sources: ParsedSources | undefined,
  recordSha256: string,
  sourcesBytes: Uint8Array,
): Omit<Step, 'id' | 'ms'> {
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

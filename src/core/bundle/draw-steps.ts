/**
 * The second half of a bundle check for the draw itself: each recomputed value compared with the
 * published record, in the order of §10 (rules, list, drand, sources, seed, tickets, units,
 * applicants, the record's bytes). `found` is the record read leniently, only when its bytes are
 * not the recomputed ones; otherwise every comparison passes without reading it.
 */
import { equalBytes, fromUtf8, utf8 } from '../bytes.js';
import { jcs, type Json } from '../encoding.js';
import { firstDifference, readRecord } from '../verify.js';
import { compareFields, diffText, judged, needs, refused, type StepList } from './outcome.js';
import { idCount, idStrings } from '../id-table.js';
import { compareAssigned, compareTickets, RECORD_FIELDS } from './record-fields.js';
import type { Recomputed } from './recompute.js';
import type { BundleInput, Found, Outcome } from './types.js';

/** The published record read leniently (undefined when it is not a JSON object). */
export function leniently(record: Uint8Array): Found | undefined {
  try {
    const doc = JSON.parse(fromUtf8(record)) as unknown;
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Found) : undefined;
  } catch {
    return undefined;
  }
}

export function drawSteps(files: BundleInput, c: Recomputed, found: Found | undefined, out: StepList): void {
  const r = c.rules.value;
  const l = c.list?.value;
  const src = c.sources?.value;

  out.add('rules', c.rules.ms, () => {
    if (!r) return refused(c.rules.refusal!);
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

  out.add('list', c.list?.ms ?? 0, () => {
    if (!c.list) return needs('规则', 'the rules');
    if (!l) return refused(c.list.refusal!);
    const d = compareFields(found, [
      ['listRoot', l.listRoot],
      ['listSize', l.size],
    ]);
    return judged(d, l.listRoot, ['名单根哈希', 'the list root'], {
      zh: `名单 ${l.size} 行，Merkle 根哈希与结果记录一致`,
      en: `${l.size} lines; the Merkle root matches the record`,
    });
  });

  const drand = c.drand;
  if (drand) out.add('drand', drand.ms, () => (drand.refusal ? refused(drand.refusal) : drand.value!));

  out.add('sources', c.sources?.ms ?? 0, () => {
    if (!c.sources) return needs('规则', 'the rules');
    if (!src) return refused(c.sources.refusal!);
    const d = compareFields(found, [
      ['sources', src.sources as unknown as Json],
      ['sourcesSha256', src.sourcesSha256],
    ]);
    return judged(d, src.sourcesSha256, ['随机来源', 'the sources'], {
      zh: `${src.sources.length} 个随机来源与事先声明一致，哈希与结果记录一致`,
      en: `${src.sources.length} source(s) match the declaration; their hash matches the record`,
    });
  });

  const res = c.result;
  const seed = c.seed;
  if (!res || !seed) {
    for (const id of ['seed', 'tickets', 'units', 'applicants', 'record'] as const)
      out.add(id, 0, () => needs('输入文件', 'an input file'));
    return;
  }
  const unitIds = res.rules.units.map((u) => u.id);
  out.add('seed', 0, () => {
    const d = compareFields(found, [['seed', seed]]);
    return judged(d, seed, ['种子', 'the seed'], {
      zh: '种子 = SHA-256(摇号编号、三个哈希)，与结果记录一致',
      en: 'seed = SHA-256(drawId, the three digests) matches the record',
    });
  });
  out.add('tickets', c.drawMs, () => {
    const d = compareTickets(found, res, unitIds);
    const n = res.tickets.words.length / 8;
    return judged(d, String(n), ['随机号', 'a ticket'], {
      zh: `重新计算了 ${n} 个随机号（HMAC-SHA256，多胞胎整组一个），全部与结果记录一致`,
      en: `recomputed ${n} tickets (HMAC-SHA256, one per multiple-birth group); all match the record`,
    });
  });
  out.add('units', 0, () => {
    const expected = res.units.map((u) => ({
      admitted: idStrings(u.admitted),
      id: u.id,
      seats: u.seats,
      waitlist: idStrings(u.waitlist),
    })) as unknown as Json;
    const d = found ? firstDifference(expected, found.units as Json | undefined, 'units') : undefined;
    const admitted = res.units.reduce((a, u) => a + idCount(u.admitted), 0);
    return judged(d, String(admitted), ['招生单元的录取名单或候补名单', 'a unit'], {
      zh: `${res.units.length} 个招生单元的录取名单（共 ${admitted} 人）和候补顺序与结果记录一致`,
      en: `the admitted lists (${admitted} in all) and waitlists of ${res.units.length} unit(s) match the record`,
    });
  });
  out.add('applicants', 0, () => {
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
  out.add('record', c.hashMs, (): Outcome => {
    if (c.identical) {
      return {
        status: 'passed',
        value: c.recordSha256,
        message: { zh: 'record.json 与重新计算的结果逐字节相同', en: 'record.json is byte for byte the recomputed record' },
      };
    }
    // §9: parse strictly, drop `extra`, compare JCS bytes; otherwise name the first difference.
    // (After a difference above, the canonical bytes cannot be equal: skip that costly step.)
    const strict = readRecord(files.record);
    const differed = out.steps.some((s) => s.status === 'failed');
    if (!differed && equalBytes(utf8(jcs(strict)), res.recordBytes)) {
      return {
        status: 'passed',
        value: c.recordSha256,
        message: {
          zh: 'record.json 的内容与重新计算的结果相同（排版或 extra 不同）',
          en: 'record.json has the same content (layout or extra differ)',
        },
      };
    }
    const expected = JSON.parse(fromUtf8(res.recordBytes)) as Json;
    const d = firstDifference(expected, strict, '', RECORD_FIELDS) ?? { path: '(layout)', expected: '', found: '' };
    return { status: 'failed', value: c.recordSha256, difference: d, message: diffText(d, '结果记录', 'the record') };
  });
}

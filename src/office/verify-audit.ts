/**
 * 审计核验: checks an event's audit chain and checkpoint signatures, the notary's co-signatures
 * against the key registered for the event, the log's newest entries against a head someone
 * outside the bureau holds, and that what the log fixed is what the database holds now — the
 * event's settings and units, the published list, the people behind every registration number,
 * the official record and the offers. So an edited row is caught even with every guard trigger
 * of the database dropped.
 */
import {
  checkCosignatures,
  checkHead,
  registeredNotaryKey,
  verifyChain,
  type AuditEntry,
  type ChainCheck,
  type Head,
  type NotaryKey,
} from '../core/audit.js';
import { FairDrawError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { toHex, utf8 } from '../core/bytes.js';
import { jcs } from '../core/encoding.js';
import { parseRules } from '../core/rules.js';
import { parseList } from '../core/list.js';
import { draw } from '../core/draw.js';
import { choicesOf, listText, rulesDocument } from './rules-and-list.js';
import { loadEvent } from './load-event.js';
import { inListOrder, personsOf } from './person-commitments.js';
import { offersState } from './offers.js';
import type { Office } from './ports.js';
import type { Repos } from '../store/index.js';
import type { EventRow } from '../store/repositories/events.repository.js';

export type AuditReport = ChainCheck & {
  publicKey: string;
  /** The newest entry, as `seq` and `hash` (compare it with a head held outside the bureau). */
  head?: { seq: number; hash: string };
  notaryKey?: NotaryKey;
};

interface Broken {
  seq: number;
  reason: string;
  zh: string;
}

const PUBLISH = ['event.publish', 'event.correct'];
/** The status each lifecycle action leaves the event in. */
const STATUS_AFTER: Record<string, EventRow['status']> = {
  'event.publish': 'published',
  'event.correct': 'published',
  'event.freeze': 'frozen',
  'draw.official': 'drawn',
  'results.publish': 'results',
};

const lastOf = (entries: readonly AuditEntry[], actions: readonly string[]): AuditEntry | undefined =>
  [...entries].reverse().find((e) => actions.includes(e.action));

export async function verifyAudit(office: Office, eventId: string, options: { head?: Head } = {}): Promise<AuditReport> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  const publicKey = await office.keys.publicKey();
  const entries = await repos.audit.list(eventId);
  const checkpoints = await repos.audit.checkpoints(eventId);
  const newest = entries[entries.length - 1];
  const head = newest && { seq: newest.seq, hash: newest.hash };
  const notaryKey = registeredNotaryKey(entries).key;
  const report = (b: Broken): AuditReport => ({ ok: false, ...b, publicKey, head, notaryKey });

  const chain = verifyChain(entries, checkpoints, publicKey);
  if (!chain.ok) return { ...chain, publicKey, head, notaryKey };
  const cosigned = checkCosignatures(entries, checkpoints, publicKey);
  if (cosigned) return report(cosigned);
  if (options.head) {
    const h = checkHead(entries, options.head);
    if (!h.ok) return report(h);
  }
  let broken: Broken | undefined;
  try {
    broken =
      (await storedState(repos, ev, entries)) ?? (await storedRecord(repos, ev, entries)) ?? (await storedOffers(repos, ev, entries));
  } catch (e) {
    // A busy or unreadable database is not a finding about the log.
    if (e instanceof FairDrawError && e.code.startsWith('store.')) throw e;
    // A stored document that cannot even be read (not JSON, not a list) is reported, not thrown.
    const msg = e instanceof Error ? e.message : String(e);
    const at = lastOf(entries, [...PUBLISH, 'draw.official']);
    broken = {
      seq: at?.seq ?? entries.length,
      reason: `a stored document cannot be read (${msg})`,
      zh: `库中的文件无法读取（已损坏）：${e instanceof FairDrawError ? e.zh : msg}`,
    };
  }
  if (broken) return report(broken);
  return { ...chain, publicKey, head, notaryKey };
}

/** The event's status, settings, units, published list and applicants against the log. */
async function storedState(repos: Repos, ev: EventRow, entries: readonly AuditEntry[]): Promise<Broken | undefined> {
  const eventId = ev.id;
  const lifecycle = lastOf(entries, Object.keys(STATUS_AFTER));
  const expected = lifecycle ? STATUS_AFTER[lifecycle.action]! : 'draft';
  if (ev.status !== expected) {
    return {
      seq: lifecycle?.seq ?? entries.length,
      reason: `the event is marked "${ev.status}" but the log's last step leaves it "${expected}" (entries removed, or the status edited)`,
      zh: `批次状态为“${ev.status}”，但日志最后一步应为“${expected}”（日志被删减或状态被改动）`,
    };
  }
  // 撤回: stored exactly when, and as, the log records it.
  const withdrawal = await repos.events.withdrawal(eventId);
  const withdrawn = lastOf(entries, ['event.withdraw']);
  if (
    (withdrawal === undefined) !== (withdrawn === undefined) ||
    (withdrawal && withdrawal.reason !== (withdrawn?.details as { reason?: string }).reason)
  ) {
    return {
      seq: withdrawn?.seq ?? entries.length,
      reason: 'the stored withdrawal and the log disagree (a withdrawal added, removed or reworded)',
      zh: '库中的撤回记录与日志不一致（撤回被添加、删除或改动）',
    };
  }
  const pub = await repos.publications.latest(eventId);
  const lastPublish = lastOf(entries, PUBLISH);
  const applicants = await repos.applicants.listByEvent(eventId);
  if (!pub || !lastPublish) {
    if (pub || lastPublish)
      return {
        seq: lastPublish?.seq ?? entries.length,
        reason: 'the stored publication and the log disagree',
        zh: '库中的公示版本与日志不一致',
      };
    const imported = entries
      .filter((e) => e.action === 'applicants.import')
      .reduce((n, e) => n + Number((e.details as { imported?: number }).imported ?? 0), 0);
    if (applicants.length !== imported) {
      return {
        seq: entries.length,
        reason: `${applicants.length} applicants are stored but the log records ${imported} imported (rows added or removed)`,
        zh: `库中有 ${applicants.length} 名报名者，日志记录导入 ${imported} 名（有记录被增删）`,
      };
    }
    return undefined;
  }

  const d = lastPublish.details as { version?: number; paramsSha256?: string; listRoot?: string; personsRoot?: string };
  const rules = parseRules(utf8(pub.rules_text));
  const list = parseList(utf8(pub.list_text), rules.rules);
  if (
    rules.paramsSha256 !== d.paramsSha256 ||
    list.listRoot !== d.listRoot ||
    pub.params_sha256 !== d.paramsSha256 ||
    pub.list_root !== d.listRoot ||
    (d.version !== undefined && pub.version !== d.version)
  ) {
    return {
      seq: lastPublish.seq,
      reason: 'the stored publication no longer matches the digests the log fixed',
      zh: '库中的公示文件与日志记录的哈希不符（公示内容被改动）',
    };
  }
  if (jcs(rulesDocument(ev, await repos.events.listUnits(eventId), pub.version)) !== pub.rules_text) {
    return {
      seq: lastPublish.seq,
      reason: "the event's stored settings or units differ from the published rules",
      zh: '库中的批次设置或招生单元与公示的规则不符',
    };
  }

  // Every published line still stands behind its registration number, unchanged.
  const byReg = new Map(applicants.map((a) => [a.reg_no, a]));
  const published = new Set<string>();
  for (const line of pub.list_text.split('\n')) {
    if (!line) continue;
    const reg = (JSON.parse(line) as { id: string }).id;
    published.add(reg);
    const a = byReg.get(reg);
    if (!a) {
      return {
        seq: lastPublish.seq,
        reason: `the applicant ${reg} of the published list is no longer stored (a row was removed)`,
        zh: `公示名单中的报名号 ${reg} 在库中已不存在（记录被删除）`,
      };
    }
    if (`${listText([a])}` !== `${line}\n` || choicesOf(a).some((c) => c.tier !== a.tier)) {
      return {
        seq: lastPublish.seq,
        reason: `the stored choices, tier or group of ${reg} differ from the published list`,
        zh: `报名号 ${reg} 在库中的志愿、类别或多胞胎分组与公示名单不符`,
      };
    }
  }
  const extra = applicants.filter((a) => !published.has(a.reg_no));
  if (extra.length > 0) {
    const since = entries.filter((e) => e.seq > lastPublish.seq && e.action === 'applicants.import');
    const imported = since.reduce((n, e) => n + Number((e.details as { imported?: number }).imported ?? 0), 0);
    if (ev.status !== 'published' || extra.length > imported) {
      return {
        seq: lastPublish.seq,
        reason: `${extra.length} stored applicant(s) are not in the published list and were not imported since (e.g. ${extra[0]!.reg_no}: a row was added)`,
        zh: `库中有 ${extra.length} 名报名者不在公示名单中、也不是此后导入的（如 ${extra[0]!.reg_no}：记录被添加）`,
      };
    }
  }

  // After the erasure the log records, no row holds personal data again (see ./privacy/erase.ts).
  const erasure = lastOf(entries, ['applicants.erase']);
  const held = erasure ? applicants.filter((a) => !a.erased_at) : [];
  if (erasure && held.length > 0) {
    return {
      seq: erasure.seq,
      reason: `${held.length} applicant(s) hold personal data after the erasure of entry ${erasure.seq} (e.g. ${held[0]!.reg_no})`,
      zh: `第 ${erasure.seq} 条已记录删除个人信息，但库中仍有 ${held.length} 名报名者的个人信息（如 ${held[0]!.reg_no}）`,
    };
  }
  // The people behind the registration numbers: the commitments the publication and the freeze logged.
  const persons = personsOf(inListOrder(applicants.filter((a) => published.has(a.reg_no))));
  for (const e of [lastPublish, lastOf(entries, ['event.freeze']), lastOf(entries, ['applicants.erase'])]) {
    const root = (e?.details as { personsRoot?: string } | undefined)?.personsRoot;
    if (e && root !== undefined && root !== persons.personsRoot) {
      return {
        seq: e.seq,
        reason: `the name, ID number or birth date behind a registration number differs from the commitment logged in entry ${e.seq}`,
        zh: `报名号背后的姓名、身份证号或出生日期与第 ${e.seq} 条记录的承诺不符（身份信息被调换或改动）`,
      };
    }
  }
  if (ev.status !== 'draft' && ev.status !== 'published' && listText(applicants) !== pub.list_text) {
    return {
      seq: lastPublish.seq,
      reason: 'the stored applicants no longer match the frozen list',
      zh: '库中的报名数据与冻结名单不符（报名数据被改动）',
    };
  }
  return undefined;
}

/** The official record against the hash the log fixed, and against a fresh run of the draw. */
async function storedRecord(repos: Repos, ev: EventRow, entries: readonly AuditEntry[]): Promise<Broken | undefined> {
  const official = await repos.draws.official(ev.id);
  const drawEntry = entries.find((e) => e.action === 'draw.official');
  if (!official && !drawEntry) return undefined;
  const d = (drawEntry?.details ?? {}) as { recordSha256?: string; paramsSha256?: string; listRoot?: string };
  const pub = await repos.publications.latest(ev.id);
  if (
    !official ||
    !drawEntry ||
    toHex(sha256(utf8(official.record_text))) !== d.recordSha256 ||
    official.record_sha256 !== d.recordSha256 ||
    (pub && d.paramsSha256 !== undefined && (d.paramsSha256 !== pub.params_sha256 || d.listRoot !== pub.list_root))
  ) {
    return {
      seq: drawEntry?.seq ?? entries.length,
      reason: 'the stored record no longer matches the hash the log fixed',
      zh: '库中的摇号结果与日志记录的哈希不符（结果被改动）',
    };
  }
  if (pub) {
    const again = draw({ rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(official.sources_text) });
    if (toHex(sha256(again.recordBytes)) !== official.record_sha256) {
      return {
        seq: drawEntry.seq,
        reason: 're-running the draw on the stored inputs gives another record',
        zh: '用库中的输入重新计算得到不同的结果',
      };
    }
  }
  return undefined;
}

/** The offers table against the digest of the last offers state the log fixed. */
async function storedOffers(repos: Repos, ev: EventRow, entries: readonly AuditEntry[]): Promise<Broken | undefined> {
  const fixed = [...entries].reverse().find((e) => typeof (e.details as { offersSha256?: unknown } | null)?.offersSha256 === 'string');
  const now = await offersState(repos, ev.id);
  if (!fixed) {
    if (now.offers === 0) return undefined;
    return {
      seq: entries.length,
      reason: `${now.offers} offers are stored but the log fixes none`,
      zh: `库中有 ${now.offers} 条录取记录，但日志中没有任何录取记录`,
    };
  }
  const d = fixed.details as { offersSha256: string; offers?: number };
  if (d.offersSha256 !== now.offersSha256) {
    return {
      seq: fixed.seq,
      reason: `the stored offers (${now.offers}) differ from the state the log fixed in entry ${fixed.seq} (${String(d.offers)}): an offer was added, removed or changed`,
      zh: `库中的录取记录（${now.offers} 条）与日志第 ${fixed.seq} 条记录的状态（${String(d.offers)} 条）不符：录取被增删或改动`,
    };
  }
  return undefined;
}

/**
 * 审计核验: checks an event's audit chain and checkpoint signatures, and that what the log says was
 * published and drawn is what the database holds now — so editing any row is caught.
 */
import { verifyChain, type AuditEntry, type ChainCheck } from '../core/audit.js';
import { FairDrawError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { toHex, utf8 } from '../core/bytes.js';
import { parseRules } from '../core/rules.js';
import { parseList } from '../core/list.js';
import { draw } from '../core/draw.js';
import { listText } from './documents.js';
import { loadEvent } from './load-event.js';
import type { Office } from './ports.js';

export type AuditReport = ChainCheck & { publicKey: string };

function broken(seq: number, reason: string, zh: string, publicKey: string): AuditReport {
  return { ok: false, seq, reason, zh, publicKey };
}

export async function verifyAudit(office: Office, eventId: string): Promise<AuditReport> {
  const repos = office.store.repos;
  await loadEvent(repos, eventId);
  const publicKey = await office.keys.publicKey();
  const entries = await repos.audit.list(eventId);
  const chain = verifyChain(entries, await repos.audit.checkpoints(eventId), publicKey);
  if (!chain.ok) return { ...chain, publicKey };

  try {
    return await crossCheck(office, eventId, entries, chain, publicKey);
  } catch (e) {
    // A busy or unreadable database is not a finding about the log.
    if (e instanceof FairDrawError && e.code.startsWith('store.')) throw e;
    // A stored document that cannot even be read (not JSON, not a list) is reported, not thrown.
    const msg = e instanceof Error ? e.message : String(e);
    const at = [...entries].reverse().find((x) => ['event.publish', 'event.correct', 'draw.official'].includes(x.action));
    return broken(
      at?.seq ?? entries.length,
      `a stored document cannot be read (${msg})`,
      `库中的文件无法读取（已损坏）：${e instanceof FairDrawError ? e.zh : msg}`,
      publicKey,
    );
  }
}

async function crossCheck(
  office: Office,
  eventId: string,
  entries: AuditEntry[],
  chain: ChainCheck,
  publicKey: string,
): Promise<AuditReport> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  // Cross-check the stored documents against what the log fixed.
  const pub = await repos.publications.latest(eventId);
  const lastPublish = [...entries].reverse().find((e) => e.action === 'event.publish' || e.action === 'event.correct');
  if (pub && lastPublish) {
    const d = lastPublish.details as { paramsSha256?: string; listRoot?: string };
    const rules = parseRules(utf8(pub.rules_text));
    const list = parseList(utf8(pub.list_text), rules.rules);
    if (
      rules.paramsSha256 !== d.paramsSha256 ||
      list.listRoot !== d.listRoot ||
      pub.params_sha256 !== d.paramsSha256 ||
      pub.list_root !== d.listRoot
    ) {
      return broken(
        lastPublish.seq,
        'the stored publication no longer matches the digests the log fixed',
        '库中的公示文件与日志记录的哈希不符（公示内容被改动）',
        publicKey,
      );
    }
    if (ev.status !== 'draft' && ev.status !== 'published' && listText(await repos.applicants.listByEvent(eventId)) !== pub.list_text) {
      return broken(
        lastPublish.seq,
        'the stored applicants no longer match the frozen list',
        '库中的报名数据与冻结名单不符（报名数据被改动）',
        publicKey,
      );
    }
  }
  const official = await repos.draws.official(eventId);
  const drawEntry = entries.find((e) => e.action === 'draw.official');
  if (official || drawEntry) {
    const d = (drawEntry?.details ?? {}) as { recordSha256?: string };
    if (
      !official ||
      !drawEntry ||
      toHex(sha256(utf8(official.record_text))) !== d.recordSha256 ||
      official.record_sha256 !== d.recordSha256
    ) {
      return broken(
        drawEntry?.seq ?? entries.length,
        'the stored record no longer matches the hash the log fixed',
        '库中的摇号结果与日志记录的哈希不符（结果被改动）',
        publicKey,
      );
    }
    if (pub) {
      const again = draw({ rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(official.sources_text) });
      if (toHex(sha256(again.recordBytes)) !== official.record_sha256) {
        return broken(
          drawEntry.seq,
          're-running the draw on the stored inputs gives another record',
          '用库中的输入重新计算得到不同的结果',
          publicKey,
        );
      }
    }
  }
  return { ...chain, publicKey };
}

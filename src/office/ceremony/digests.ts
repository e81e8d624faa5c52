/**
 * 现场核对: before anything random happens, the digests announced at publication (公示) are put next
 * to the digests recomputed now, with the engine's own readers (§2 paramsSha256, §3 listRoot), from
 * the frozen texts the draw will use. Any difference stops the ceremony.
 */
import { FairDrawError } from '../../core/errors.js';
import { utf8 } from '../../core/bytes.js';
import { parseRules } from '../../core/rules.js';
import { parseList } from '../../core/list.js';
import type { Repos } from '../../store/index.js';
import type { Bilingual, DigestCheck, Digests } from './log-types.js';

export async function checkFrozenDigests(repos: Repos, eventId: string): Promise<DigestCheck> {
  const pub = await repos.publications.latest(eventId);
  if (!pub)
    throw new FairDrawError('ceremony.unpublished', '没有公示版本，不能开始摇号仪式', 'there is no published version', { field: 'event' });
  // What was announced: the last publish/correct entry of the hash-chained, signed audit log.
  const entries = await repos.audit.list(eventId);
  const announced = [...entries].reverse().find((e) => e.action === 'event.publish' || e.action === 'event.correct');
  const d = (announced?.details ?? {}) as Partial<Digests>;
  const published: Digests = {
    version: typeof d.version === 'number' ? d.version : pub.version,
    paramsSha256: typeof d.paramsSha256 === 'string' ? d.paramsSha256 : pub.params_sha256,
    listRoot: typeof d.listRoot === 'string' ? d.listRoot : pub.list_root,
    listSize: typeof d.listSize === 'number' ? d.listSize : pub.list_size,
  };
  const problems: Bilingual[] = [];
  if (!announced) problems.push({ zh: '审计日志中没有公示记录', en: 'the audit log has no publication entry' });
  if (pub.params_sha256 !== published.paramsSha256 || pub.list_root !== published.listRoot || pub.version !== published.version) {
    problems.push({
      zh: '库中保存的公示哈希与审计日志公布的哈希不一致',
      en: 'the digests stored with the publication differ from those the audit log announced',
    });
  }
  let recomputed: Digests | null = null;
  try {
    const rules = parseRules(utf8(pub.rules_text), 'rules.json');
    const list = parseList(utf8(pub.list_text), rules.rules, 'list.jsonl');
    recomputed = { version: pub.version, paramsSha256: rules.paramsSha256, listRoot: list.listRoot, listSize: list.size };
    if (rules.rules.drawId !== eventId) {
      problems.push({
        zh: `规则文件的 drawId（${rules.rules.drawId}）不是本批次`,
        en: `the rules' drawId (${rules.rules.drawId}) is not this event`,
      });
    }
  } catch (e) {
    const err = e instanceof FairDrawError ? e : undefined;
    problems.push({
      zh: `冻结的公示文件无法读取：${err ? err.zh : String(e)}`,
      en: `the frozen documents cannot be read: ${err ? err.en : String(e)}`,
    });
  }
  if (recomputed) {
    if (recomputed.paramsSha256 !== published.paramsSha256) {
      problems.push({
        zh: '规则文件哈希（paramsSha256）与公示值不一致',
        en: 'the rules digest (paramsSha256) differs from the published one',
      });
    }
    if (recomputed.listRoot !== published.listRoot) {
      problems.push({ zh: '名单根哈希（listRoot）与公示值不一致', en: 'the list root (listRoot) differs from the published one' });
    }
    if (recomputed.listSize !== published.listSize) {
      problems.push({
        zh: `名单人数 ${recomputed.listSize} 与公示的 ${published.listSize} 不一致`,
        en: `the list has ${recomputed.listSize} lines, ${published.listSize} were published`,
      });
    }
  }
  return { published, recomputed, match: problems.length === 0, problems };
}

/** The message a mismatch puts on the screen. */
export function haltMessage(check: DigestCheck): Bilingual {
  return {
    zh: `摇号已停止：冻结数据与公示不一致。${check.problems.map((p) => p.zh).join('；')}。请勿继续，立即报告公证员和监督人员。`,
    en: `The draw is stopped: the frozen data differ from what was published. ${capitalise(check.problems.map((p) => p.en).join('; '))}. Do not continue; inform the notary and the supervisors.`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * 公示: fixes rules and applicant list as documents with their digests (paramsSha256, listRoot).
 * Publishing again while still published is a correction during the objection period: a new
 * version; every earlier version's digests stay in the audit log.
 */
import { FairDrawError } from '../core/errors.js';
import { jcs, type Json } from '../core/encoding.js';
import { parseRules } from '../core/rules.js';
import { parseList } from '../core/list.js';
import { utf8 } from '../core/bytes.js';
import { declaredSourcesOf, listText, rulesDocument, choicesOf } from './rules-and-list.js';
import { logMilestone } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { ensureSalts, personsOf } from './person-commitments.js';
import { refusePersonalNumbers } from './masking.js';
import type { Actor, Office } from './ports.js';

export interface Publication {
  event: string;
  version: number;
  paramsSha256: string;
  listRoot: string;
  listSize: number;
  units: { id: string; name: string; seats: number; applicants: number; lotteryNeeded: boolean }[];
}

export async function publishEvent(office: Office, eventId: string, actor: Actor, reason?: string): Promise<Publication> {
  if (reason) refusePersonalNumbers(reason, 'reason');
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, ['draft', 'published'], {
      zh: '公示（冻结后不能再更正）',
      en: 'publish (no corrections after freezing)',
    });
    const units = await repos.events.listUnits(eventId);
    if (units.length === 0)
      throw new FairDrawError('publish.no-units', '没有招生单元，不能公示', 'the event has no units; nothing to publish', {
        field: 'units',
      });
    if (declaredSourcesOf(ev).length === 0) {
      throw new FairDrawError(
        'publish.no-sources',
        '尚未声明随机来源（见证人、公开数或 drand 轮次），不能公示',
        'no source of randomness is declared yet (witnesses, public numbers or a drand round)',
        {
          field: 'declaredSources',
        },
      );
    }
    if (ev.status === 'published' && !reason?.trim()) {
      throw new FairDrawError('publish.reason', '公示期内更正必须说明理由', 'a correction during the objection period needs a reason', {
        field: 'reason',
      });
    }
    await ensureSalts(repos, office, eventId);
    const applicants = await repos.applicants.listByEvent(eventId);
    if (applicants.length === 0)
      throw new FairDrawError('publish.no-applicants', '还没有导入报名者，不能公示', 'no applicants are imported yet; nothing to publish', {
        field: 'applicants',
      });
    const version = ev.version + 1;
    const rulesText = jcs(rulesDocument(ev, units, version));
    const list = listText(applicants);
    // Parse our own output with the engine's readers: what we publish is what the draw accepts.
    const rules = parseRules(utf8(rulesText), 'rules.json');
    const parsedList = parseList(utf8(list), rules.rules, 'list.jsonl');
    const counts = new Map<string, number>();
    for (const a of applicants) for (const c of choicesOf(a)) counts.set(c.unit, (counts.get(c.unit) ?? 0) + 1);
    const empty = units.filter((u) => !counts.has(u.id));
    if (empty.length > 0) {
      const names = empty.map((u) => `“${u.name}”`).join('、');
      throw new FairDrawError(
        'publish.unit-empty',
        `招生单元${names}没有任何报名者填报，请删除该单元或更正名单后再公示`,
        `no applicant lists ${empty.map((u) => `"${u.name}"`).join(', ')}; delete the unit or correct the list before publishing`,
        { field: 'units' },
      );
    }
    const unitCounts = units.map((u) => {
      const n = counts.get(u.id) ?? 0;
      return { id: u.id, name: u.name, seats: u.seats, applicants: n, lotteryNeeded: n > u.seats };
    });
    const now = office.clock.now().toISOString();
    await repos.publications.insert({
      event_id: eventId,
      version,
      rules_text: rulesText,
      list_text: list,
      params_sha256: rules.paramsSha256,
      list_root: parsedList.listRoot,
      list_size: parsedList.size,
      unit_counts: JSON.stringify(unitCounts),
      created_at: now,
    });
    await repos.events.update(eventId, { status: 'published', version, rules_text: rulesText, updated_at: now });
    const pub: Publication = {
      event: eventId,
      version,
      paramsSha256: rules.paramsSha256,
      listRoot: parsedList.listRoot,
      listSize: parsedList.size,
      units: unitCounts,
    };
    await logMilestone(repos, office, eventId, actor, version === 1 ? 'event.publish' : 'event.correct', {
      ...(pub as unknown as { [k: string]: Json }),
      // The commitment to who stands behind each registration number (never the data itself).
      ...personsOf(applicants),
      ...(reason ? { reason } : {}),
    });
    return pub;
  });
}

/**
 * 冻结: after the objection period, rules and list can no longer change. Refused while a declared
 * drand round already exists, so the beacon is always the last input to come into being.
 */
import { FairDrawError } from '../core/errors.js';
import { drandRoundTime } from '../core/drand.js';
import { declaredSourcesOf, listText } from './rules-and-list.js';
import { logMilestone } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { ensureSalts, personsOf } from './person-commitments.js';
import type { Actor, Office } from './ports.js';

export async function freezeEvent(
  office: Office,
  eventId: string,
  actor: Actor,
): Promise<{ version: number; paramsSha256: string; listRoot: string }> {
  return office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, ['published'], { zh: '冻结', en: 'freeze' });
    const now = office.clock.now();
    for (const s of declaredSourcesOf(ev)) {
      if (s.kind === 'drand' && drandRoundTime(s.round) * 1000 <= now.getTime()) {
        const at = new Date(drandRoundTime(s.round) * 1000).toISOString();
        throw new FairDrawError(
          'freeze.drand-produced',
          `声明的 drand 第 ${s.round} 轮已于 ${at} 产生，冻结必须早于该轮产生时间；请更正公示并声明一个将来的轮次`,
          `the declared drand round ${s.round} was produced at ${at}; freezing must come before it. Publish a correction with a future round`,
          { field: 'declaredSources' },
        );
      }
    }
    const pub = await repos.publications.latest(eventId);
    if (!pub) throw new FairDrawError('freeze.unpublished', '没有公示版本', 'there is no published version', { field: 'event' });
    // The stored applicants must still be exactly what was published.
    await ensureSalts(repos, office, eventId);
    const applicants = await repos.applicants.listByEvent(eventId);
    if (listText(applicants) !== pub.list_text) {
      throw new FairDrawError(
        'freeze.list-changed',
        '报名数据与公示名单不一致，请先发布更正',
        'the stored applicants differ from the published list; publish a correction first',
        { field: 'list' },
      );
    }
    // … and the people behind the registration numbers those the publication committed to.
    const persons = personsOf(applicants);
    const published = (await repos.audit.list(eventId)).filter((e) => e.action === 'event.publish' || e.action === 'event.correct').pop();
    const committed = (published?.details as { personsRoot?: string } | undefined)?.personsRoot;
    if (committed !== undefined && committed !== persons.personsRoot) {
      throw new FairDrawError(
        'freeze.persons-changed',
        '报名者的身份信息（姓名、身份证号或出生日期）与公示时的承诺不一致，请先发布更正',
        'the personal data behind the registration numbers differ from what the publication committed to; publish a correction first',
        { field: 'list' },
      );
    }
    await repos.events.setStatus(eventId, 'frozen', now.toISOString());
    await logMilestone(repos, office, eventId, actor, 'event.freeze', {
      version: pub.version,
      paramsSha256: pub.params_sha256,
      listRoot: pub.list_root,
      listSize: pub.list_size,
      ...persons,
    });
    return { version: pub.version, paramsSha256: pub.params_sha256, listRoot: pub.list_root };
  });
}

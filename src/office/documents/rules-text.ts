/**
 * The published rules (spec §2) in plain Chinese for families: how the order is made, which
 * mechanism assigns seats, what the tie-break and the multiple-birth rule mean, where the
 * randomness comes from. Same glossary as the spec (招生单元, 学位, 类别, 多胞胎, 候补, 递补).
 */
import type { DeclaredSource } from '../../core/rules.js';
import type { Source } from '../../core/sources.js';
import type { PublishedRules } from './drawn-event.js';

export const MECHANISM_ZH = {
  'deferred-acceptance': '平行志愿（延迟接受算法）',
  'immediate-acceptance': '志愿优先',
} as const;

export const TIE_BREAK_ZH = { single: '单一随机号', multiple: '各单元独立随机号' } as const;
export const GROUP_FIT_ZH = { strict: '全组须有足够学位', overflow: '有一个学位即可全组录取' } as const;

const SOURCE_KIND_ZH = { witness: '现场见证人', public: '公开数', drand: 'drand 公共随机信标' } as const;

/** "现场见证人“家长代表”" / "drand 公共随机信标第 123 轮". */
export function describeDeclared(s: DeclaredSource): string {
  return s.kind === 'drand' ? `${SOURCE_KIND_ZH.drand}第 ${s.round} 轮` : `${SOURCE_KIND_ZH[s.kind]}“${s.label}”`;
}

/** The value a source gave at the draw, as printed. */
export function describeValue(s: Source): string {
  return s.kind === 'drand' ? `randomness ${s.randomness}` : s.value;
}

/** The rules as paragraphs of plain Chinese. */
export function rulesParagraphs(rules: PublishedRules, unitName: (id: string) => string): string[] {
  const seats = rules.units.reduce((s, u) => s + u.seats, 0);
  const list = rules.units.map((u) => `${unitName(u.id)} ${u.seats} 个`).join('、');
  const out: string[] = [];
  out.push(
    `本次摇号共有 ${rules.units.length} 个招生单元，合计 ${seats} 个学位：${list}。报名人数超过学位数的单元，通过电脑随机摇号确定录取顺序。`,
  );
  out.push(
    '排序方法：每个参摇对象（一名儿童，或作为整体参摇的一组多胞胎）都会得到一个随机号。随机号由公示的规则、公示的报名名单和现场产生的随机数共同计算得出，任何人事先都无法预知或改变。在每个招生单元，先按类别排序（类别 1 优先于类别 2，依此类推），同一类别内再按随机号从小到大排序。',
  );
  out.push(
    rules.tieBreak === 'single'
      ? '随机号方式为“单一随机号”：每个参摇对象只有一个随机号，在所填报的各个招生单元通用。'
      : '随机号方式为“各单元独立随机号”：每个参摇对象在所填报的每个招生单元各有一个相互独立的随机号。',
  );
  out.push(
    rules.mechanism === 'deferred-acceptance'
      ? '录取方式为“平行志愿”（学生提议的延迟接受算法）：每名儿童先申请第一志愿；各招生单元按上述顺序暂时保留排在前面、不超过学位数的申请者，其余申请者再申请下一个志愿，如此反复，直到结果不再变化。这样，任何儿童都不会因为填报了某个较低的志愿而失去本可获得的较高志愿学位。'
      : '录取方式为“志愿优先”：先按第一志愿录取；第一志愿未被录取的，再按第二志愿参加该单元剩余学位的录取，依此类推。以某单元为第一志愿的儿童，优先于以该单元为较低志愿的儿童。',
  );
  out.push(
    rules.groupFit === 'strict'
      ? '多胞胎：同组的兄弟姐妹作为一个整体参摇，共用一个随机号，同时录取或同时不录取；如剩余学位不足以容纳全组，则该组不录取，剩余学位由排在后面的儿童依次获得。'
      : '多胞胎：同组的兄弟姐妹作为一个整体参摇，共用一个随机号，同时录取或同时不录取；只要还剩至少一个学位，全组即可录取，该单元的录取人数可能因此超过计划学位数。',
  );
  out.push('候补与递补：未被某个志愿录取的儿童，按该单元的排序进入候补名单。录取后如有学位空出，按候补顺序依次递补，不重新摇号。');
  out.push(
    `随机数来源（公示时已事先声明，摇号时按声明顺序录入）：${rules.declaredSources.map(describeDeclared).join('、')}。随机种子由规则、名单和上述随机数共同计算得出：其中任何一项改变，全部随机号都会随之改变。`,
  );
  out.push(
    '任何人都可以使用公开的规则文件、报名名单文件和随机数，按照公开的算法（fairdraw/v1）重新计算，得到与本公告完全相同的结果。名单中只有报名号，不含姓名和身份证号。',
  );
  return out;
}

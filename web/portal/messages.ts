/**
 * The portal's words, zh-CN first. Terms follow the project glossary (招生单元, 学位, 类别, 多胞胎,
 * 候补, 递补, 公示, 公证). Explanations are written for parents, not for programmers.
 */
import type { Announcement, ApplicantPage, PublicOfferStatus, PublicStatus } from '../../src/api/public.js';

type A = Announcement;
type R = NonNullable<ApplicantPage['result']>;
type C = R['choices'][number];

const zh = {
  brand: '阳光摇号',
  portal: '结果公示',
  switchLang: 'English',
  loading: '正在载入…',
  back: '返回',
  events: '摇号批次',
  noEvents: '目前没有公示中的摇号批次。',
  noDistrictEvents: '本区县目前没有公示中的摇号批次。',
  cityEvents: '市级',
  status: { published: '公示中', frozen: '名单已冻结', drawn: '已摇号', results: '结果已公布' } as Record<PublicStatus, string>,
  applicantsN: (n: number) => `${n} 人报名`,
  unitsN: (n: number) => `${n} 个招生单元`,
  publishedAt: (d: string) => `公示于 ${d}`,
  search: {
    title: '查询我的结果',
    label: '报名号',
    placeholder: '如 K7M2Q9X4TB',
    button: '查询',
    notFound: '没有找到这个报名号，请核对后重新输入。',
    hint: '报名号印在报名回执上。只能按完整的报名号查询。',
  },
  rulesTitle: '摇号规则',
  unitsTitle: '招生单元与报名人数',
  unit: '招生单元',
  seats: '学位',
  applicants: '报名',
  firstChoice: '第一志愿',
  lottery: (yes: boolean): string => (yes ? '需摇号' : '无需摇号'),
  scheduleTitle: '日程（据签名审计日志）',
  withdrawnBadge: '已撤回',
  withdrawnTitle: '本批次已撤回',
  withdrawnText: (at: string, reason: string) =>
    `本批次已于 ${at} 撤回，不会进行摇号。撤回理由：${reason}。此前公示的规则、名单和哈希值仍保留在下方，供核对。`,
  schedule: {
    publish: '公示',
    correct: '更正公示',
    freeze: '名单冻结',
    draw: '正式摇号',
    results: '公布结果',
    withdraw: '撤回批次',
  } as Record<A['schedule'][number]['action'], string>,
  version: (v: number) => `第 ${v} 版`,
  sourcesTitle: '随机来源（摇号前已声明）',
  source: (s: A['declaredSources'][number]) =>
    s.kind === 'drand'
      ? `drand 公共随机信标第 ${s.round} 轮（${fmt(s.producedAt, 'zh')} 产生）`
      : `${s.kind === 'witness' ? '现场见证人' : '公开数'}：${s.label}`,
  valuesTitle: '摇号时给出的值',
  sourceValue: (s: NonNullable<A['draw']>['sources'][number]) =>
    s.kind === 'drand' ? `drand 第 ${s.round} 轮随机数 ${s.randomness}` : `${s.label}：${s.value}`,
  hashesTitle: '公示的哈希值',
  hashesHint: '这些数字在摇号前已公示。用公开文件重新计算，应得到完全相同的值。',
  paramsSha256: '规则哈希 paramsSha256',
  listRoot: '名单根哈希 listRoot',
  listSize: '名单人数 listSize',
  drawTitle: '摇号结果的依据',
  sourcesSha256: '随机来源哈希 sourcesSha256',
  seed: '种子 seed',
  recordSha256: '结果文件哈希 SHA-256(record.json)',
  keyTitle: '组织方公钥（Ed25519）',
  keyHint: '审计日志的每个检查点都由此公钥签名。请与纸质公告上的公钥核对。',
  bundleTitle: '公开文件下载',
  verifyLink: '在浏览器中独立核验本次摇号',
  resultsTitle: '录取结果',
  privacyLink: '个人信息告知书：收集哪些信息、为什么、谁能看到、保存多久',
  privacyTitle: '个人信息告知书',
  privacyBack: '返回批次页面',
  resultsNotYet: '录取结果尚未公布。公布后可在此查看各招生单元的录取名单和候补名单。',
  viewResults: (name: string) => `查看 ${name} 的结果`,
  admittedTitle: (n: number, seats: number) => `录取名单（${n} 人，学位 ${seats} 个）`,
  waitlistTitle: (n: number) => `候补名单（${n} 人，按顺序递补）`,
  position: '序号',
  regNo: '报名号',
  name: '姓名',
  state: '状态',
  showMore: (n: number) => `显示更多（还有 ${n} 人）`,
  offer: {
    waiting: '候补中',
    offered: '已录取',
    confirmed: '已确认',
    declined: '已放弃',
    revoked: '资格取消',
    released: '已转入更高志愿',
  } as Record<PublicOfferStatus, string>,
  waitOffered: '递补录取',
  current: {
    counts: (seats: number, c: { admitted: number; promoted: number; free: number; waiting: number; history: number }) =>
      `学位 ${seats} 个：当前录取 ${c.admitted} 人（其中递补 ${c.promoted} 人），空余 ${c.free} 个，当前候补 ${c.waiting} 人；摇号后放弃或取消 ${c.history} 人。`,
    admitted: (n: number, seats: number) => `当前录取名单（${n} 人，学位 ${seats} 个）`,
    waitlist: (n: number) => `当前候补名单（${n} 人，按顺序递补）`,
    wasPlace: (n: number) => `原候补第 ${n} 位`,
    noneWaiting: '目前没有候补。',
    recordTitle: '摇号原始结果与变动',
    recordHint: '摇号当天的结果永久不变；下表标出此后每人的学位状态：放弃、资格取消的学位按候补顺序递补。',
    noChanges: '摇号后暂无放弃或递补，当前名单与摇号结果相同。',
    drawnAdmitted: '摇号录取名单',
    drawnWaitlist: '摇号候补名单',
  },
  applicant: {
    title: '我的摇号结果',
    notYet: '结果尚未公布。你的报名记录已在公示名单中，结果公布后可在此查看。',
    admitted: (unit: string) => `已录取：${unit}`,
    waitlist: (unit: string, pos: number) => `未录取，${unit} 候补第 ${pos} 位`,
    none: '未录取',
    fromWaitlist: (unit: string) => `递补录取：${unit}`,
    declined: (unit: string) => `已放弃 ${unit} 的学位`,
    revoked: '录取资格已取消',
    offerNow: '当前录取状态',
    offerText: (o: NonNullable<R['offer']>) =>
      o.status === 'offered' && o.origin === 'waitlist'
        ? `${o.unitName}：递补录取（有人放弃学位后按候补顺序递补）`
        : `${o.unitName === '-' ? '' : `${o.unitName}：`}${zh.offer[o.status]}`,
    choice: (k: number) => `第 ${k} 志愿`,
    tier: (t: number) => `类别 ${t}`,
    rankLine: (c: C) => `${c.applicants} 人报名，${c.seats} 个学位；你排第 ${c.rank} 位`,
    outcome: (c: C) =>
      c.outcome === 'admitted' ? '录取' : c.outcome === 'higher-choice' ? '已被更靠前的志愿录取' : `候补第 ${c.waitlistPosition ?? '—'} 位`,
    ticket: '你的随机号',
    group: (n: number) => `多胞胎（共 ${n} 人，整组参摇）`,
  },
  receipt: {
    title: '报名回执核验',
    checking: '正在核验…',
    ok: '已核验：你的报名记录包含在公示名单中',
    bad: '核验失败：回执与公示的名单根哈希不符，请向招生部门反映',
    detail: (index: number, size: number) => `在本页用公示的名单根哈希重新计算（第 ${index + 1} 行，共 ${size} 行，RFC 6962 包含证明）`,
    line: '你在名单中的记录',
    ticketOk: '已核验：随机号可由公布的种子和你的报名号重新算出',
    ticketBad: '随机号与用种子重新计算的结果不符',
  },
  howTitle: '这是如何决定的',
  verifyTitle: '独立核验',
  error: '出错了',
  china: '北京时间',
};

export type Messages = typeof zh;

const en: Messages = {
  brand: 'FairDraw',
  portal: 'Public results',
  switchLang: '中文',
  loading: 'Loading…',
  back: 'Back',
  events: 'Lottery events',
  noEvents: 'No lottery is published at the moment.',
  noDistrictEvents: 'This district has no published lottery at the moment.',
  cityEvents: 'City',
  status: { published: 'published', frozen: 'list frozen', drawn: 'drawn', results: 'results published' },
  applicantsN: (n) => `${n} applicants`,
  unitsN: (n) => `${n} units`,
  publishedAt: (d) => `published ${d}`,
  search: {
    title: 'Look up my result',
    label: 'Registration number',
    placeholder: 'e.g. K7M2Q9X4TB',
    button: 'Look up',
    notFound: 'No applicant has this registration number. Please check it and try again.',
    hint: 'The number is printed on the application receipt. Only complete numbers can be looked up.',
  },
  rulesTitle: 'How the lottery works',
  unitsTitle: 'Units and applicants',
  unit: 'Unit',
  seats: 'Seats',
  applicants: 'Applicants',
  firstChoice: '1st choice',
  lottery: (yes) => (yes ? 'lottery' : 'no lottery needed'),
  scheduleTitle: 'Schedule (from the signed audit log)',
  withdrawnBadge: 'withdrawn',
  withdrawnTitle: 'This event was withdrawn',
  withdrawnText: (at, reason) =>
    `This event was withdrawn on ${at}; there will be no draw. Reason: ${reason}. The rules, list and digests published before stay below for checking.`,
  schedule: {
    publish: 'published',
    correct: 'correction published',
    freeze: 'list frozen',
    draw: 'official draw',
    results: 'results published',
    withdraw: 'event withdrawn',
  },
  version: (v) => `version ${v}`,
  sourcesTitle: 'Sources of randomness (declared before the draw)',
  source: (s) =>
    s.kind === 'drand'
      ? `drand public randomness beacon, round ${s.round} (produced ${fmt(s.producedAt, 'en')})`
      : `${s.kind === 'witness' ? 'witness on site' : 'public number'}: ${s.label}`,
  valuesTitle: 'Values given at the draw',
  sourceValue: (s) => (s.kind === 'drand' ? `drand round ${s.round}, randomness ${s.randomness}` : `${s.label}: ${s.value}`),
  hashesTitle: 'Published digests',
  hashesHint: 'These numbers were published before the draw. Recomputing them from the public files must give exactly the same values.',
  paramsSha256: 'Rules hash paramsSha256',
  listRoot: 'List root listRoot',
  listSize: 'List size listSize',
  drawTitle: 'What the result rests on',
  sourcesSha256: 'Sources hash sourcesSha256',
  seed: 'Seed',
  recordSha256: 'Record hash SHA-256(record.json)',
  keyTitle: "Organiser's public key (Ed25519)",
  keyHint: 'Every checkpoint of the audit log is signed with this key. Compare it with the key on the printed notice.',
  bundleTitle: 'Public files',
  verifyLink: 'Verify this draw independently in your browser',
  resultsTitle: 'Results',
  privacyLink: 'Privacy notice: what is collected, why, who sees it, how long it is kept',
  privacyTitle: 'Privacy notice',
  privacyBack: 'Back to the event',
  resultsNotYet: "Results are not published yet. Once they are, each unit's admitted list and waitlist appear here.",
  viewResults: (name) => `Results of ${name}`,
  admittedTitle: (n, seats) => `Admitted (${n}, ${seats} seats)`,
  waitlistTitle: (n) => `Waitlist (${n}, offered in this order)`,
  position: '#',
  regNo: 'Reg. no.',
  name: 'Name',
  state: 'Status',
  showMore: (n) => `Show more (${n} more)`,
  offer: {
    waiting: 'waiting',
    offered: 'admitted',
    confirmed: 'confirmed',
    declined: 'declined',
    revoked: 'revoked',
    released: 'moved to a higher choice',
  },
  waitOffered: 'offered from the waitlist',
  current: {
    counts: (seats, c) =>
      `${seats} seats: ${c.admitted} admitted now (${c.promoted} from the waitlist), ${c.free} free, ${c.waiting} waiting; ${c.history} declined or revoked since the draw.`,
    admitted: (n, seats) => `Admitted now (${n}, ${seats} seats)`,
    waitlist: (n) => `Waitlist now (${n}, offered in this order)`,
    wasPlace: (n) => `no. ${n} at the draw`,
    noneWaiting: 'Nobody is waiting.',
    recordTitle: 'The result as drawn, and what changed',
    recordHint:
      'The result of the draw never changes; the lists below show where each seat stands now: declined or revoked seats pass down the waitlist in order.',
    noChanges: 'No seat has been declined or passed on since the draw: the lists above are the result as drawn.',
    drawnAdmitted: 'Admitted at the draw',
    drawnWaitlist: 'Waitlist at the draw',
  },
  applicant: {
    title: 'My lottery result',
    notYet: 'Results are not published yet. Your application is in the published list; your result will appear here.',
    admitted: (unit) => `Admitted: ${unit}`,
    waitlist: (unit, pos) => `Not admitted; no. ${pos} on the waitlist of ${unit}`,
    none: 'Not admitted',
    fromWaitlist: (unit) => `Offered from the waitlist: ${unit}`,
    declined: (unit) => `Declined the seat at ${unit}`,
    revoked: 'The place was revoked',
    offerNow: 'Offer now',
    offerText: (o) =>
      o.status === 'offered' && o.origin === 'waitlist'
        ? `${o.unitName}: offered from the waitlist (a seat was declined)`
        : `${o.unitName === '-' ? '' : `${o.unitName}: `}${en.offer[o.status]}`,
    choice: (k) => `Choice ${k}`,
    tier: (t) => `tier ${t}`,
    rankLine: (c) => `${c.applicants} applicants, ${c.seats} seats; you are no. ${c.rank}`,
    outcome: (c) =>
      c.outcome === 'admitted'
        ? 'admitted'
        : c.outcome === 'higher-choice'
          ? 'admitted at a higher choice'
          : `waitlist no. ${c.waitlistPosition ?? '—'}`,
    ticket: 'Your ticket',
    group: (n) => `multiple birth (${n} children, drawn together)`,
  },
  receipt: {
    title: 'Receipt check',
    checking: 'Checking…',
    ok: 'Verified: your application is in the published list',
    bad: 'Check failed: the receipt does not lead to the published list root. Please tell the admissions office.',
    detail: (index, size) =>
      `Recomputed in this page against the published list root (line ${index + 1} of ${size}, RFC 6962 inclusion proof)`,
    line: 'Your line in the list',
    ticketOk: 'Verified: your ticket follows from the published seed and your registration number',
    ticketBad: 'Your ticket does not match the one recomputed from the seed',
  },
  howTitle: 'How this was decided',
  verifyTitle: 'Independent check',
  error: 'Something went wrong',
  china: 'China time',
};

export const messages = { zh, en };

/** A time as people in the district read it: Beijing time. */
export function fmt(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}

/** The rules in plain words: who takes part, the ticket, the order, the mechanism, groups, waitlist. */
export function explainRules(a: A, lang: 'zh' | 'en'): string[] {
  const r = a.rules;
  const sources = a.declaredSources;
  const hasDrand = sources.some((s) => s.kind === 'drand');
  const tiers = [...new Set(a.units.flatMap((u) => u.tiers))].sort((x, y) => x - y);
  if (lang === 'zh') {
    const out = [
      `本批次共 ${a.applicants} 名报名者${a.groups.count ? `（其中多胞胎 ${a.groups.count} 组、${a.groups.members} 人）` : ''}。报名人数不超过学位数的招生单元无需摇号，报名者全部录取；报名人数超过学位数的，通过摇号决定录取顺序。`,
      `摇号时，${[sources.some((s) => s.kind === 'witness') && '现场见证人当场给出的数字', sources.some((s) => s.kind === 'public') && '事先指定的公开数', hasDrand && '事先指定的 drand 公共随机信标'].filter(Boolean).join('、')}与已公示的规则和名单一起，经 SHA-256 计算出一个“种子”。种子在这些数字产生之前无人能够预知，之后任何人都能重新算出。`,
      `每位报名者的随机号，是用种子对其报名号做 HMAC-SHA256 运算得到的 64 位十六进制数；多胞胎整组只有一个随机号（用组号计算）。${r.tieBreak === 'single' ? '每位报名者只有一个随机号，在所有志愿学校通用。' : '在每个志愿学校，报名者各有一个独立的随机号。'}`,
      `在每个招生单元，报名者先按类别排序${tiers.length > 1 ? `（类别 ${tiers.join('、')}，类别 1 最优先）` : ''}，同一类别内按随机号从小到大排序。`,
      r.mechanism === 'deferred-acceptance'
        ? '录取采用平行志愿（按志愿顺序逐轮录取）：每人先申请第一志愿，学校按上述顺序暂时保留排在前面的人；学位满后，排在后面的人转而申请自己的下一个志愿；若之后有排序更靠前的人申请，学校让出暂留的学位，被让出的人再申请下一个志愿。直到没有人再申请时，暂留即为录取。除多胞胎整组录取的特殊情形外，按真实意愿填报志愿不会吃亏。'
        : '录取采用志愿优先：各学校先在填报其为第一志愿的人中按上述顺序录取；剩余的学位再在填报其为第二志愿的人中录取，依此类推。录取一经作出即为最终结果。',
      r.groupFit === 'strict'
        ? '多胞胎（双胞胎、三胞胎等）作为一个整体参加摇号，一起录取或一起不录取：只有剩余学位足够全组时才录取该组；不够时跳过该组，排在后面的单个报名者仍可录取剩余学位。'
        : '多胞胎（双胞胎、三胞胎等）作为一个整体参加摇号，一起录取或一起不录取：只要还剩至少一个学位就录取全组，学校可能因此略超计划学位数。',
      '未被录取的报名者按同样的顺序列入候补名单。已录取者放弃学位或被取消资格时，空出的学位按候补顺序依次递补，不重新摇号。',
      '规则、名单及其哈希值在摇号前已经公示并冻结。摇号后，任何人都可以下载公开文件，重新计算全部随机号和录取结果，并与公布的结果逐字节比对。',
    ];
    return out;
  }
  return [
    `${a.applicants} children applied${a.groups.count ? ` (${a.groups.count} multiple-birth groups, ${a.groups.members} children)` : ''}. Where a unit has no more applicants than seats, everyone is admitted without a lottery; elsewhere the lottery decides the order.`,
    `At the draw, ${[sources.some((s) => s.kind === 'witness') && 'numbers given on the spot by witnesses', sources.some((s) => s.kind === 'public') && 'public numbers named in advance', hasDrand && 'a pre-announced round of the drand public randomness beacon'].filter(Boolean).join(', ')} are combined with the published rules and list by SHA-256 into a "seed". Nobody can know the seed before those numbers exist; afterwards anyone can recompute it.`,
    `Each applicant's ticket is the HMAC-SHA256 of their registration number under the seed, a 64-digit hex number; a multiple-birth group has one ticket (from its group id). ${r.tieBreak === 'single' ? 'Each applicant has one ticket, used at every school they listed.' : 'Each applicant has a separate ticket at each school they listed.'}`,
    `At each unit, applicants are ordered by tier first${tiers.length > 1 ? ` (tiers ${tiers.join(', ')}; tier 1 first)` : ''}, then by ticket, smallest first.`,
    r.mechanism === 'deferred-acceptance'
      ? 'Places are assigned by deferred acceptance (平行志愿): everyone applies to their first choice and each school holds the best-placed applicants; those it cannot hold apply to their next choice; a school gives up a held applicant when a better-placed one arrives, and that applicant tries their next choice. When nobody applies any more, the held applicants are admitted. Apart from special cases with multiple-birth groups, listing your true preferences is safe.'
      : 'Places are assigned by immediate acceptance (志愿优先): each school first admits, in the order above, those who listed it first; seats left go to those who listed it second, and so on. An admission is final.',
    r.groupFit === 'strict'
      ? 'Twins, triplets and other multiple-birth groups are drawn together and admitted or refused together: a group is admitted only if the seats left fit all of them; otherwise it is passed over and a single child later in the order can take the seat.'
      : 'Twins, triplets and other multiple-birth groups are drawn together and admitted or refused together: a group is admitted if at least one seat is left, so a school may go slightly over its seats.',
    'Applicants not admitted go on the waitlist in the same order. When an admitted child declines or loses the place, the seat is offered down the waitlist in order; there is never a new draw.',
    'The rules, the list and their digests were published and frozen before the draw. Afterwards anyone can download the public files, recompute every ticket and every admission, and compare them with the published result byte for byte.',
  ];
}

/** One family's result in plain words. */
export function explainApplicant(p: ApplicantPage, lang: 'zh' | 'en'): string[] {
  const r = p.result;
  if (!r) return [lang === 'zh' ? zh.applicant.notYet : en.applicant.notYet];
  const out: string[] = [];
  const who = r.entrant.kind === 'group';
  const t = r.choices[0]?.ticket ?? '';
  if (lang === 'zh') {
    out.push(
      `${who ? `你和你的多胞胎兄弟姐妹作为一个整体参摇，共用一个随机号，由公布的种子和组号 ${r.entrant.name} 算出` : `你的随机号由公布的种子和你的报名号 ${p.regNo} 算出`}：${t.slice(0, 16)}…（完整随机号见上方）。`,
    );
    r.choices.forEach((c, k) => {
      const head = `第 ${k + 1} 志愿 ${c.unitName}：${c.applicants} 人报名、${c.seats} 个学位。你属于类别 ${c.tier}，按类别和随机号排序，你排第 ${c.rank} 位。`;
      const tail =
        c.outcome === 'admitted'
          ? c.applicants <= c.seats
            ? '报名人数不超过学位数，你被录取。'
            : '你的排序在录取范围内，被录取。'
          : c.outcome === 'higher-choice'
            ? '你已被更靠前的志愿录取，这一志愿不再录取你。'
            : `该校学位已录满，你列候补第 ${c.waitlistPosition ?? '—'} 位；有人放弃学位时，按候补顺序递补。`;
      out.push(head + tail);
    });
    if (r.offer?.origin === 'waitlist' && r.offer.status === 'offered')
      out.push(`之后有人放弃学位，你按候补顺序递补，获得 ${r.offer.unitName} 的学位。`);
    return out;
  }
  out.push(
    `${who ? `You and your siblings are drawn together with one ticket, computed from the published seed and the group id ${r.entrant.name}` : `Your ticket is computed from the published seed and your registration number ${p.regNo}`}: ${t.slice(0, 16)}… (in full above).`,
  );
  r.choices.forEach((c, k) => {
    const head = `Choice ${k + 1}, ${c.unitName}: ${c.applicants} applicants for ${c.seats} seats. You are tier ${c.tier}; ordered by tier and ticket you are no. ${c.rank}.`;
    const tail =
      c.outcome === 'admitted'
        ? c.applicants <= c.seats
          ? ' There were no more applicants than seats, so you are admitted.'
          : ' Your place is within the seats: you are admitted.'
        : c.outcome === 'higher-choice'
          ? ' You were admitted at a choice you ranked higher.'
          : ` The seats went to applicants before you; you are no. ${c.waitlistPosition ?? '—'} on its waitlist, and seats that become free are offered in that order.`;
    out.push(head + tail);
  });
  if (r.offer?.origin === 'waitlist' && r.offer.status === 'offered')
    out.push(`Later a seat was declined and offered to you from the waitlist: ${r.offer.unitName}.`);
  return out;
}

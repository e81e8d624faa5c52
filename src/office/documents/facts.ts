/**
 * What happened at the draw, as the documents print it: the meeting's place and time and the people
 * present as the ceremony recorded them (audit entries `ceremony.meeting`, `ceremony.witness`), the
 * recording's hash, and each source value beside the witness who entered it — with its sealed
 * commitment when the log holds a `ceremony.commit` for that index. Falls back to the document
 * settings (drawPlace, drawTime, attendees) for a draw run without the ceremony screens.
 *
 * The log is public, so the people in it stand masked. The witness roster (见证人名单, kept in the
 * office, never published) has their full names: `SourceFact.person` is for the internal ceremony
 * record only; a public document prints names as the log holds them.
 */
import type { AuditEntry } from '../../core/audit.js';
import { FairDrawError } from '../../core/errors.js';
import type { Json } from '../../core/encoding.js';
import type { Repos } from '../../store/index.js';
import type { DocumentSettings } from './settings.js';

export interface Present {
  name: string;
  role: string;
  at?: string;
}

export interface SourceFact {
  index: number;
  /** Who entered the value (the named witness, or the operator for a public number). */
  enteredBy?: string;
  via?: string;
  at?: string;
  /** The sealed commitment (64 hex) when the value was committed before it was revealed. */
  commitment?: string;
  /**
   * The full name of the witness who entered it, from the roster (the alternate after a
   * substitution). Internal documents only: the public log has the name masked.
   */
  person?: string;
}

export interface DrawFacts {
  place: string;
  /** As recorded: `2026-06-01 09:30` (Beijing time). */
  time: string;
  present: Present[];
  /** Free text from the settings when no witness was registered. */
  attendeesText?: string;
  recordings: { fileName: string; sha256: string; size: number }[];
  sources: Map<number, SourceFact>;
}

function details(e: AuditEntry): Record<string, Json> {
  return (e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? e.details : {}) as Record<string, Json>;
}

function s(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** `2026-06-01T09:30` → `2026-06-01 09:30` (a local Beijing time as typed); zoned times are converted. */
export function meetingTime(t: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  }
  return t.replace('T', ' ').slice(0, 16);
}

export async function drawFacts(
  repos: Repos,
  eventId: string,
  entries: readonly AuditEntry[],
  settings: DocumentSettings,
  options: { place?: string; time?: string } = {},
): Promise<DrawFacts> {
  const meeting = [...entries].reverse().find((e) => e.action === 'ceremony.meeting');
  const place = options.place ?? s(meeting && details(meeting).place) ?? settings.drawPlace;
  const rawTime = options.time ?? s(meeting && details(meeting).startedAt) ?? settings.drawTime;
  if (!place || !rawTime) {
    const missing = [!place && 'drawPlace', !rawTime && 'drawTime'].filter(Boolean).join(',');
    throw new FairDrawError(
      'document.settings-missing',
      `摇号现场未登记${!place ? '地点' : ''}${!place && !rawTime ? '和' : ''}${!rawTime ? '时间' : ''}：请在摇号现场页登记，或在文书信息中填写摇号地点（drawPlace）和摇号时间（drawTime）`,
      `the ceremony did not record the ${[!place && 'place', !rawTime && 'time'].filter(Boolean).join(' and ')}: record it on the ceremony page, or fill in drawPlace and drawTime in the document settings`,
      { field: missing },
    );
  }
  const present = entries
    .filter((e) => e.action === 'ceremony.witness')
    .map((e) => ({ name: s(details(e).name) ?? '', role: s(details(e).role) ?? '', at: e.at }));
  const recordings = entries
    .filter((e) => e.action === 'ceremony.recording')
    .map((e) => ({ fileName: s(details(e).fileName) ?? '', sha256: s(details(e).sha256) ?? '', size: Number(details(e).size ?? 0) }));
  const sources = new Map<number, SourceFact>();
  const at = (i: number): SourceFact => {
    let f = sources.get(i);
    if (!f) sources.set(i, (f = { index: i }));
    return f;
  };
  for (const v of await repos.ceremony.values(eventId)) Object.assign(at(v.idx), { enteredBy: v.entered_by, via: v.via, at: v.at });
  for (const r of await repos.ceremony.roster(eventId)) {
    const person = r.substituted ? r.alternate_name : r.witness_name;
    if (person && sources.has(r.idx)) at(r.idx).person = person;
  }
  for (const e of entries) {
    const d = details(e);
    const i = typeof d.index === 'number' ? d.index : undefined;
    if (i === undefined) continue;
    if (e.action === 'ceremony.commit' && typeof d.commitment === 'string') at(i).commitment = d.commitment;
    if (e.action === 'ceremony.value' && typeof d.by === 'string' && !at(i).enteredBy) at(i).enteredBy = d.by;
  }
  return {
    place,
    time: meetingTime(rawTime),
    present,
    attendeesText: present.length === 0 ? settings.attendees : undefined,
    recordings,
    sources,
  };
}

/** The audit log's actions in Chinese, as the console's timeline and the notary read them. */
export const ACTION_ZH: Readonly<Record<string, string>> = {
  'event.create': '创建摇号批次',
  'event.sources': '声明随机来源',
  'event.settings': '填写文书信息',
  'unit.add': '添加招生单元',
  'unit.update': '修改招生单元',
  'unit.delete': '删除招生单元',
  'event.rename': '修改批次名称',
  'event.delete': '删除草稿批次',
  'event.withdraw': '撤回批次（未摇号）',
  'applicants.import': '导入报名名单',
  'event.publish': '公示规则与名单',
  'event.correct': '更正公示（新版本）',
  'event.freeze': '冻结名单',
  'draw.rehearsal': '演练摇号（非正式结果）',
  'draw.official': '正式摇号',
  'draw.repeat-request': '再次请求摇号（返回已存结果，未重新计算）',
  'results.publish': '公布结果',
  'offer.confirm': '确认录取',
  'offer.decline': '放弃学位',
  'offer.revoke': '取消录取资格',
  'offer.release': '释放较低志愿的学位',
  'offer.waitlist': '候补递补录取',
  'audit.cosign': '公证/监督会签检查点',
  'ceremony.open': '开始摇号现场',
  'ceremony.roster': '确定录入随机值的见证人',
  'ceremony.substitute': '更换见证人',
  'ceremony.link': '发出见证人录入链接',
  'ceremony.meeting': '登记摇号时间地点',
  'ceremony.witness': '登记到场人员',
  'ceremony.value': '录入随机值',
  'ceremony.commit': '见证人提交密封值（承诺）',
  'ceremony.reveal': '揭示密封值',
  'ceremony.replace': '按规则替换未揭示的值',
  'ceremony.drand': '取得 drand 公共随机数',
  'ceremony.draw': '现场正式摇号',
  'ceremony.halt': '暂停摇号现场',
  'ceremony.close': '结束摇号现场',
  'ceremony.recording': '登记录音录像文件哈希',
  'ceremony.reps-prepare': '准备家长代表抽选',
  'ceremony.reps-draw': '抽选家长代表',
};

const GROUP_ZH: Readonly<Record<string, string>> = {
  event: '批次操作',
  unit: '招生单元操作',
  applicants: '名单操作',
  draw: '摇号操作',
  results: '结果操作',
  offer: '录取操作',
  audit: '审计操作',
  ceremony: '摇号现场操作',
};

/** An action in Chinese; an action unknown to this version still reads as Chinese (by its group). */
export function actionZh(action: string): string {
  return ACTION_ZH[action] ?? GROUP_ZH[action.split('.')[0] ?? ''] ?? '其他操作';
}

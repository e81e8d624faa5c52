/**
 * 摇号过程记录: the record of the draw for the notary (公证) and the file — who was present, when and
 * where, every step from the audit log with its key hashes, the declared and the actual sources of
 * randomness, the seed and the record's hash, the signed checkpoints, and room for the signatures
 * of the notary, the supervisor and the officer in charge, with a box for the seal.
 */
import type { AuditEntry, Checkpoint } from '../../core/audit.js';
import type { Json } from '../../core/encoding.js';
import type { Office } from '../ports.js';
import { verifyAudit } from '../verify-audit.js';
import { loadDrawnEvent, unitName, type DrawnEvent } from './drawn-event.js';
import type { CjkFonts } from './fonts.js';
import { beijingTime, portalUrl } from './format.js';
import { describeDeclared, describeValue, GROUP_FIT_ZH, MECHANISM_ZH, TIE_BREAK_ZH } from './rules-text.js';
import { Sheet } from './sheet.js';

export interface CeremonyOptions {
  /** 摇号地点; left blank to be filled in by hand when not given. */
  place?: string;
  /** 摇号时间 as the notary states it; default: the official draw's time from the log. */
  time?: string;
  /** The public site; when given, the portal address is printed. */
  baseUrl?: string;
  fonts?: CjkFonts;
}

/** The audit log's actions in Chinese, as the notary reads them. */
export const ACTION_ZH: Readonly<Record<string, string>> = {
  'event.create': '创建摇号批次',
  'event.sources': '声明随机来源',
  'unit.add': '添加招生单元',
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
  'ceremony.witness': '登记到场人员',
};

const ROLE_ZH: Readonly<Record<string, string>> = { organiser: '组织方', notary: '公证员', supervisor: '监督员' };

// Two-character labels keep a label and its 64 hex digits on one line of the timeline.
const HASH_KEYS: readonly [string, string][] = [
  ['paramsSha256', '规则'],
  ['listRoot', '名单'],
  ['fileSha256', '文件'],
  ['sourcesSha256', '来源'],
  ['seed', '种子'],
  ['recordSha256', '结果'],
  ['hash', '记录'],
];

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The key facts of one log entry, one per line: counts and names first, then hashes. */
export function entrySummary(e: AuditEntry): string {
  const d = (e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? e.details : {}) as Record<string, Json>;
  const facts: string[] = [];
  const add = (label: string, key: string, suffix = ''): void => {
    const v = str(d[key]);
    if (v !== undefined && v !== '') facts.push(`${label}${v}${suffix}`);
  };
  if (e.action === 'unit.add') facts.push(`${str(d.id) ?? ''} ${str(d.name) ?? ''}，学位 ${str(d.seats) ?? ''}`.trim());
  else if (e.action === 'ceremony.witness') facts.push(`${str(d.name) ?? ''}（${str(d.role) ?? ''}）`);
  else {
    add('', 'title');
    add('文件 ', 'file');
    add('导入 ', 'imported', ' 人');
    add('第 ', 'version', ' 版');
    add('名单 ', 'listSize', ' 人');
    add('报名号 ', 'regNo');
    add('单元 ', 'unit');
    add('检查点 ', 'seq');
    add('签名人 ', 'signer');
    add('发出录取 ', 'offers', ' 份');
    add('理由：', 'reason');
  }
  for (const [key, label] of HASH_KEYS) {
    const v = str(d[key]);
    if (v) facts.push(`${label} ${v}`);
  }
  return facts.join('\n');
}

interface Witness {
  name: string;
  role: string;
  at: string;
}

function witnessesOf(entries: readonly AuditEntry[]): Witness[] {
  return entries
    .filter((e) => e.action === 'ceremony.witness')
    .map((e) => {
      const d = (e.details ?? {}) as Record<string, Json>;
      return { name: str(d.name) ?? '', role: str(d.role) ?? '', at: e.at };
    });
}

/** The ceremony record as PDF bytes. */
export async function ceremonyRecordPdf(office: Office, eventId: string, options: CeremonyOptions = {}): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, {
    zh: '生成摇号过程记录（须先正式摇号）',
    en: 'print the ceremony record (after the official draw)',
  });
  const repos = office.store.repos;
  const entries = await repos.audit.list(eventId);
  const checkpoints = await repos.audit.checkpoints(eventId);
  const audit = await verifyAudit(office, eventId);

  const sheet = new Sheet({
    title: '摇号过程记录',
    subject: `${d.event.title} 摇号过程记录`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    footer: `批次 ${eventId}`,
  });
  sheet.titleBlock([
    { text: d.event.title, size: 15 },
    { text: '摇号过程记录', size: 22 },
    { text: '（供公证及存档使用）', size: 11, role: 'sans' },
  ]);

  basics(sheet, d, options);
  present(sheet, witnessesOf(entries));
  timeline(sheet, entries);
  sources(sheet, d);
  results(sheet, d);
  signatures(sheet, checkpoints, audit);
  signing(sheet, office.clock.now().toISOString());
  return sheet.finish();
}

const LABEL = { header: '', width: 1.25, role: 'sans' as const, size: 9.5 };

function basics(sheet: Sheet, d: DrawnEvent, options: CeremonyOptions): void {
  sheet.heading('一、基本情况');
  const rows: string[][] = [
    ['摇号批次', `${d.event.title}（${d.event.id}）`],
    ['摇号时间', options.time ?? `${beijingTime(d.draw.created_at)}（北京时间，系统记录的正式摇号时间）`],
    ['摇号地点', options.place ?? ''],
    [
      '算法与规则',
      `fairdraw/v1；${MECHANISM_ZH[d.rules.mechanism]}；${TIE_BREAK_ZH[d.rules.tieBreak]}；多胞胎${GROUP_FIT_ZH[d.rules.groupFit]}`,
    ],
    ['公示版本', `第 ${d.publication.version} 版，公示于 ${beijingTime(d.publication.created_at, false)}`],
    [
      '报名人数',
      `${d.record.listSize} 人；招生单元 ${d.record.units.length} 个，学位 ${d.record.units.reduce((s, u) => s + u.seats, 0)} 个`,
    ],
  ];
  if (options.baseUrl) rows.push(['公开核验网址', portalUrl(options.baseUrl, d.event.id)]);
  sheet.table([LABEL, { header: '', width: 4.2, size: 9.5 }], rows, { header: false, rowHeight: 22 });
}

function present(sheet: Sheet, witnesses: readonly Witness[]): void {
  sheet.heading('二、到场人员');
  const columns = [
    { header: '姓名', width: 1.3, size: 9.5 },
    { header: '身份/职责', width: 1.6, size: 9.5 },
    { header: '登记时间', width: 1.5, size: 9.5 },
    { header: '签名', width: 1.6, size: 9.5 },
  ];
  if (witnesses.length > 0) {
    sheet.table(
      columns,
      witnesses.map((w) => [w.name, w.role, beijingTime(w.at, false), '']),
      { rowHeight: 26 },
    );
  } else {
    sheet.paragraph('系统中未登记到场人员，请现场填写：', { role: 'sans', size: 9.5, after: 2 });
    sheet.table(
      columns,
      Array.from({ length: 6 }, () => ['', '', '', '']),
      { rowHeight: 26 },
    );
  }
}

function timeline(sheet: Sheet, entries: readonly AuditEntry[]): void {
  sheet.heading('三、过程记录（摘自审计日志）');
  sheet.paragraph(
    '每条记录都包含上一条记录的哈希，形成不可篡改的链条。时间为北京时间。关键数据中的哈希：规则 = 规则文件哈希 paramsSha256，名单 = 名单根哈希 listRoot，文件 = 导入文件的 SHA-256，来源 = 随机数哈希 sourcesSha256，种子 = 随机种子 seed，结果 = 结果记录 SHA-256。',
    { role: 'sans', size: 9, after: 3 },
  );
  sheet.table(
    [
      { header: '序号', width: 0.4, align: 'right', size: 8 },
      { header: '时间', width: 1, size: 8 },
      { header: '操作人', width: 0.85, size: 8 },
      { header: '操作', width: 1.2, size: 8 },
      { header: '关键数据', width: 3.8, role: 'mono', size: 6.8 },
    ],
    entries.map((e) => [String(e.seq), beijingTime(e.at), e.actor, ACTION_ZH[e.action] ?? e.action, entrySummary(e)]),
    { size: 8, zebra: true },
  );
}

function sources(sheet: Sheet, d: DrawnEvent): void {
  sheet.heading('四、随机数来源');
  sheet.paragraph('公示时声明的来源与正式摇号时实际录入的值，按声明顺序一一对应：', { role: 'sans', size: 9, after: 3 });
  sheet.table(
    [
      { header: '序号', width: 0.45, align: 'right', size: 9 },
      { header: '公示时声明', width: 2, size: 9 },
      { header: '摇号时录入的值', width: 3.2, size: 9 },
    ],
    d.rules.declaredSources.map((s, i) => {
      const given = d.record.sources[i];
      return [String(i + 1), describeDeclared(s), given ? describeValue(given) : '（缺）'];
    }),
    { rowHeight: 20 },
  );
}

function results(sheet: Sheet, d: DrawnEvent): void {
  sheet.heading('五、计算结果');
  const mono = { header: '', width: 4.2, role: 'mono' as const, size: 8 };
  sheet.table(
    [LABEL, mono],
    [
      ['规则哈希 paramsSha256', d.record.paramsSha256],
      ['名单根哈希 listRoot', d.record.listRoot],
      ['随机数哈希 sourcesSha256', d.record.sourcesSha256],
      ['随机种子 seed', d.record.seed],
      ['结果记录 SHA-256', d.draw.record_sha256],
    ],
    { header: false },
  );
  sheet.table(
    [
      { header: '招生单元', width: 2.4, size: 9 },
      { header: '学位', width: 0.8, align: 'right', size: 9 },
      { header: '录取', width: 0.8, align: 'right', size: 9 },
      { header: '候补', width: 0.8, align: 'right', size: 9 },
    ],
    d.record.units.map((u) => [`${unitName(d, u.id)}（${u.id}）`, String(u.seats), String(u.admitted.length), String(u.waitlist.length)]),
    { size: 9 },
  );
}

function signatures(sheet: Sheet, checkpoints: readonly Checkpoint[], audit: Awaited<ReturnType<typeof verifyAudit>>): void {
  sheet.heading('六、签名检查点');
  sheet.paragraph(
    audit.ok
      ? `审计日志核验通过：共 ${audit.entries} 条记录、${audit.checkpoints} 个签名检查点，链条完整，签名有效。组织方公钥：\n${audit.publicKey}`
      : `审计日志核验未通过：第 ${audit.seq} 条，${audit.zh}`,
    { role: 'sans', size: 9, color: audit.ok ? '#1a4d2e' : '#b00000', after: 4 },
  );
  sheet.paragraph('每个检查点由组织方（及到场的公证员、监督员）对该条记录的哈希进行 Ed25519 数字签名：', {
    role: 'sans',
    size: 9,
    after: 3,
  });
  sheet.table(
    [
      { header: '记录', width: 0.5, align: 'right', size: 8 },
      { header: '签名人', width: 0.95, size: 8 },
      { header: '记录哈希 / 公钥 / 签名', width: 4.2, role: 'mono', size: 6.8 },
      { header: '签名时间', width: 1, size: 8 },
    ],
    checkpoints.flatMap((c) =>
      c.signatures.map((s) => [
        String(c.seq),
        `${s.signer}（${ROLE_ZH[s.role] ?? s.role}）`,
        `哈希 ${c.hash}\n公钥 ${s.publicKey}\n签名 ${s.signature}`,
        beijingTime(s.at),
      ]),
    ),
    { size: 8 },
  );
}

function signing(sheet: Sheet, printedAt: string): void {
  sheet.heading('七、签字确认', 1, 230);
  sheet.paragraph('以上记录由系统根据审计日志生成，经现场核对，与摇号过程一致。', { indent: 2, after: 10 });
  const top = sheet.y;
  const lineW = sheet.width - 170;
  ['公证员', '监督员', '经办人'].forEach((who, i) => {
    const base = top + 28 + i * 44;
    sheet.signLine(`${who}（签字）：`, sheet.left, base, lineW * 0.62);
    sheet.signLine('日期：', sheet.left + lineW * 0.66, base, lineW * 0.34);
  });
  sheet.box(sheet.right - 140, top + 4, 140, 140, '盖章处');
  sheet.y = top + 150;
  sheet.paragraph(`本记录打印于 ${beijingTime(printedAt, false)}（北京时间），内容以审计日志为准。`, {
    role: 'sans',
    size: 8.5,
    color: '#606060',
  });
}

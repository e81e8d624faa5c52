/**
 * 摇号现场记录: the record of the draw for the notary (公证) and the file — who was present, when and
 * where as the ceremony recorded it, every step from the audit log in Chinese with its key hashes,
 * each source value beside the witness who entered it (and its sealed commitment when there was
 * one), the recording's hash, the seed and the record's hash, the notary's office, certificate
 * number and statement as entered, the signed checkpoints, and signature lines for the notary, the
 * supervisors, the operator and each parent representative; "一式 N 份".
 */
import type { AuditEntry, Checkpoint } from '../../core/audit.js';
import type { Json } from '../../core/encoding.js';
import type { Office } from '../ports.js';
import { verifyAudit } from '../verify-audit.js';
import { loadDrawnEvent, unitName, type DrawnEvent } from './drawn-event.js';
import { actionZh, drawFacts, type DrawFacts } from './facts.js';
import type { CjkFonts } from './fonts.js';
import { beijingTime, portalUrl } from './format.js';
import { describeDeclared, describeValue, GROUP_FIT_ZH, MECHANISM_ZH, TIE_BREAK_ZH } from './rules-text.js';
import { documentSettings, requireSettings, type DocumentSettings } from './settings.js';
import { Sheet } from './sheet.js';

export interface CeremonyOptions {
  /** 摇号地点; default: as the ceremony recorded it, else the drawPlace setting. */
  place?: string;
  /** 摇号时间 (YYYY-MM-DDTHH:MM, Beijing time); default: as the ceremony recorded it, else the drawTime setting. */
  time?: string;
  /** Write the PDF to this file as it is made (the bytes returned are then empty). */
  file?: string;
  /** The public site; when given, the portal address is printed. */
  baseUrl?: string;
  fonts?: CjkFonts;
}

export { ACTION_ZH } from './facts.js';

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
    add('地点 ', 'place');
    add('时间 ', 'startedAt');
    add('第 ', 'index', ' 个随机来源');
    add('承诺 ', 'commitment');
    add('录入人 ', 'by');
  }
  for (const [key, label] of HASH_KEYS) {
    const v = str(d[key]);
    if (v) facts.push(`${label} ${v}`);
  }
  return facts.join('\n');
}

/** The ceremony record (摇号现场记录) as PDF bytes. */
export async function ceremonyRecordPdf(office: Office, eventId: string, options: CeremonyOptions = {}): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, {
    zh: '生成摇号现场记录（须先正式摇号）',
    en: 'print the ceremony record (after the official draw)',
  });
  const repos = office.store.repos;
  const settings = await documentSettings(office, eventId);
  const s = requireSettings(settings, 'ceremony');
  const entries = await repos.audit.list(eventId);
  const facts = await drawFacts(repos, eventId, entries, settings, options);
  const checkpoints = await repos.audit.checkpoints(eventId);
  const audit = await verifyAudit(office, eventId);
  const operator = [...entries].reverse().find((e) => e.action === 'draw.official' || e.action === 'ceremony.draw')?.actor;

  const sheet = new Sheet({
    title: '摇号现场记录',
    subject: `${d.event.title} 摇号现场记录`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    header: s.notaryOffice,
    footer: `批次 ${eventId}`,
    file: options.file,
  });
  sheet.titleBlock([
    { text: d.event.title, size: 15 },
    { text: '摇号现场记录', size: 22 },
    { text: '（供公证及存档使用）', size: 11, role: 'sans' },
  ]);

  basics(sheet, d, facts, s, settings.publicUrl);
  present(sheet, facts);
  timeline(sheet, entries);
  sources(sheet, d, facts);
  results(sheet, d, facts);
  notary(sheet, s);
  signatures(sheet, checkpoints, audit);
  signing(sheet, facts, operator, s.copies, office.clock.now().toISOString());
  return sheet.finish();
}

const LABEL = { header: '', width: 1.25, role: 'sans' as const, size: 9.5 };

function basics(sheet: Sheet, d: DrawnEvent, facts: DrawFacts, s: DocumentSettings, publicUrl: string | undefined): void {
  sheet.heading('一、基本情况');
  const rows: string[][] = [
    ['摇号批次', `${d.event.title}（${d.event.id}）`],
    ['摇号时间', `${facts.time}（北京时间，现场登记）`],
    ['摇号地点', facts.place],
    ['公证机构', `${s.notaryOffice ?? ''}${s.notaryCertNo ? `，公证书编号 ${s.notaryCertNo}` : ''}`],
    [
      '算法与规则',
      `fairdraw/v1；${MECHANISM_ZH[d.rules.mechanism]}；${TIE_BREAK_ZH[d.rules.tieBreak]}；多胞胎${GROUP_FIT_ZH[d.rules.groupFit]}`,
    ],
    ['公示版本', `第 ${d.publication.version} 版，公示于 ${beijingTime(d.publication.created_at, false)}`],
    [
      '报名人数',
      `${d.record.listSize} 人；招生单元 ${d.record.units.length} 个，学位 ${d.record.units.reduce((n, u) => n + u.seats, 0)} 个`,
    ],
    ['系统计算时间', `${beijingTime(d.draw.created_at)}（北京时间，系统记录）`],
  ];
  if (publicUrl) rows.push(['公开核验网址', portalUrl(publicUrl, d.event.id)]);
  sheet.table([LABEL, { header: '', width: 4.2, size: 9.5 }], rows, { header: false, rowHeight: 22 });
}

function present(sheet: Sheet, facts: DrawFacts): void {
  sheet.heading('二、到场人员');
  const columns = [
    { header: '姓名', width: 1.3, size: 9.5 },
    { header: '身份/职责', width: 1.6, size: 9.5 },
    { header: '登记时间', width: 1.5, size: 9.5 },
    { header: '签名', width: 1.6, size: 9.5 },
  ];
  if (facts.present.length > 0) {
    sheet.table(
      columns,
      facts.present.map((w) => [w.name, w.role, w.at ? beijingTime(w.at, false) : '', '']),
      { rowHeight: 26 },
    );
  } else {
    if (facts.attendeesText) sheet.paragraph(`到场人员：${facts.attendeesText}`, { size: 10, after: 3 });
    sheet.paragraph('系统中未逐一登记到场人员，请现场填写：', { role: 'sans', size: 9.5, after: 2 });
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
    entries.map((e) => [String(e.seq), beijingTime(e.at), e.actor, actionZh(e.action), entrySummary(e)]),
    { size: 8, zebra: true, continued: '过程记录（续）' },
  );
}

function sources(sheet: Sheet, d: DrawnEvent, facts: DrawFacts): void {
  sheet.heading('四、随机数来源');
  const sealed = [...facts.sources.values()].some((f) => f.commitment);
  sheet.paragraph(
    `公示时声明的来源与正式摇号时实际录入的值，按声明顺序一一对应，并列出录入该值的见证人${sealed ? '；“承诺”为见证人在任何人看到数值之前提交的密封值（SHA-256 承诺，commitment），揭示后可与数值核对' : ''}：`,
    { role: 'sans', size: 9, after: 3 },
  );
  sheet.table(
    [
      { header: '序号', width: 0.45, align: 'right', size: 9 },
      { header: '公示时声明', width: 1.6, size: 9 },
      { header: '录入人', width: 1.45, size: 9, noteSize: 8 },
      { header: sealed ? '录入的值 / 承诺' : '摇号时录入的值', width: 2.75, size: 9, noteSize: 6.5 },
    ],
    d.rules.declaredSources.map((s, i) => {
      const given = d.record.sources[i];
      const f = facts.sources.get(i);
      const value = given ? describeValue(given) : '（缺）';
      const phone = f?.via === 'phone' ? '（本人手机录入）' : '';
      // The full name from the roster (this record is internal), the role as declared beneath it.
      const by = f?.enteredBy
        ? f.person
          ? `${f.person}\n${f.enteredBy}${phone}`
          : `${f.enteredBy}${phone}`
        : s.kind === 'witness'
          ? '（未登记）'
          : '—';
      return [String(i + 1), describeDeclared(s), by, f?.commitment ? `${value}\n承诺 commitment ${f.commitment}` : value];
    }),
    { rowHeight: 20 },
  );
}

function results(sheet: Sheet, d: DrawnEvent, facts: DrawFacts): void {
  sheet.heading('五、计算结果');
  const mono = { header: '', width: 4.2, role: 'mono' as const, size: 8 };
  const rows: string[][] = [
    ['规则文件哈希\nparamsSha256', d.record.paramsSha256],
    ['名单根哈希\nlistRoot', d.record.listRoot],
    ['随机数哈希\nsourcesSha256', d.record.sourcesSha256],
    ['随机种子\nseed', d.record.seed],
    ['结果记录哈希\nrecord SHA-256', d.draw.record_sha256],
  ];
  for (const r of facts.recordings) rows.push([`录音录像哈希\n${r.fileName}，${r.size} 字节，SHA-256`, r.sha256]);
  if (facts.recordings.length === 0) rows.push(['录音录像哈希\nSHA-256', '（尚未登记，登记后重新打印本记录）']);
  sheet.table([{ ...LABEL, noteSize: 6.5 }, mono], rows, { header: false });
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

function notary(sheet: Sheet, s: DocumentSettings): void {
  sheet.heading('六、公证', 1, 120);
  sheet.table(
    [LABEL, { header: '', width: 4.2, size: 9.5 }],
    [
      ['公证机构', s.notaryOffice ?? ''],
      ['公证书编号', s.notaryCertNo ?? ''],
    ],
    { header: false, rowHeight: 22 },
  );
  sheet.paragraph('公证词：', { role: 'bold', size: 10.5, after: 2 });
  for (const p of (s.notaryStatement ?? '').split(/\n+/)) sheet.paragraph(p, { indent: 2, size: 10.5 });
}

function signatures(sheet: Sheet, checkpoints: readonly Checkpoint[], audit: Awaited<ReturnType<typeof verifyAudit>>): void {
  sheet.heading('七、签名检查点');
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
      c.signatures.map((sig) => [
        String(c.seq),
        `${sig.signer}（${ROLE_ZH[sig.role] ?? sig.role}）`,
        `哈希 ${c.hash}\n公钥 ${sig.publicKey}\n签名 ${sig.signature}`,
        beijingTime(sig.at),
      ]),
    ),
    { size: 8, continued: '签名检查点（续）' },
  );
}

/** Who signs: the notary, each supervisor, the operator, each parent representative (names as registered). */
export function signers(facts: DrawFacts, operator: string | undefined): { role: string; name: string }[] {
  const by = (roles: readonly string[]) => facts.present.filter((p) => roles.includes(p.role));
  const notaries = by(['公证员']);
  const supervisors = by(['人大代表', '政协委员', '纪检监察', '学校代表']);
  const parents = by(['家长代表']);
  return [
    ...(notaries.length > 0 ? notaries.map((p) => ({ role: '公证员', name: p.name })) : [{ role: '公证员', name: '' }]),
    ...(supervisors.length > 0 ? supervisors.map((p) => ({ role: `监督员（${p.role}）`, name: p.name })) : [{ role: '监督员', name: '' }]),
    { role: '经办人（操作员）', name: operator ?? '' },
    ...(parents.length > 0 ? parents.map((p) => ({ role: '家长代表', name: p.name })) : [{ role: '家长代表', name: '' }]),
  ];
}

function signing(sheet: Sheet, facts: DrawFacts, operator: string | undefined, copies: string | undefined, printedAt: string): void {
  const people = signers(facts, operator);
  sheet.heading('八、签字确认', 1, 120);
  sheet.paragraph('以上记录由系统根据审计日志生成，经现场核对，与摇号过程一致。', { indent: 2, after: 6 });
  sheet.table(
    [
      { header: '身份', width: 1.6, size: 9.5 },
      { header: '姓名', width: 1.3, size: 9.5 },
      { header: '签字', width: 1.8, size: 9.5 },
      { header: '日期', width: 1.2, size: 9.5 },
    ],
    people.map((p) => [p.role, p.name, '', '']),
    { rowHeight: 30, continued: '签字确认（续）' },
  );
  sheet.ensure(150);
  const top = sheet.y;
  sheet.box(sheet.right - 140, top + 4, 140, 140, '盖章处');
  sheet.paragraph(`本记录一式 ${copies ?? ''} 份，公证处、组织单位各执一份，其余存档。`, {
    size: 10.5,
    width: sheet.width - 160,
    after: 4,
  });
  sheet.paragraph(`本记录打印于 ${beijingTime(printedAt, false)}（北京时间），内容以审计日志为准。`, {
    role: 'sans',
    size: 8.5,
    color: '#606060',
    width: sheet.width - 160,
  });
  sheet.y = Math.max(sheet.y, top + 150);
}

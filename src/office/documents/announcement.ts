/**
 * 摇号结果公示: the public announcement of a drawn event — issued under the bureau's 文号 with its
 * policy basis, where, when and before whom the draw took place, the rules in plain Chinese, each unit's
 * admitted and waitlisted applicants by 报名号 and masked name (never a full name or an ID
 * number), the fairness self-check with its charts, the hashes anyone can recompute, and the
 * address (with a QR code) of the public page where the draw can be verified, and the 公示 period
 * with where to object. Its fields come from the event's document settings (settings.ts).
 */
import { maskName } from '../masking.js';
import type { Office } from '../ports.js';
import { demandFromRecord } from './charts/record-data.js';
import { fairnessReport, formatPValue } from './charts/fairness-checks.js';
import { demandScene, positionScene, ticketScene } from './charts/scenes.js';
import { loadDrawnEvent, unitName, type DrawnEvent } from './drawn-event.js';
import { drawFacts, type DrawFacts } from './facts.js';
import type { CjkFonts } from './fonts.js';
import { portalUrl } from './format.js';
import { publicBase } from './notice.js';
import { documentSettings, requireSettings } from './settings.js';
import { placeScene, placeScenes } from './charts/pdf.js';
import { describeValue, describeDeclared, rulesParagraphs } from './rules-text.js';
import { Sheet, type TableColumn } from './sheet.js';

export interface AnnouncementOptions {
  /** The public site, e.g. `https://yaohao.example.gov.cn`; default the event's `publicUrl` setting. */
  baseUrl?: string;
  fonts?: CjkFonts;
  /** Write the PDF to this file as it is made (the bytes returned are then empty). */
  file?: string;
}

/** `2026-06-01 09:30` → `2026年6月1日 09:30`; `2026-06-01` → `2026年6月1日`. */
export function chineseDay(t: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(t);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日${m[4] ? ` ${m[4]}` : ''}` : t;
}

/** Who was present, by role, for a public document: parents' names masked like every family's. */
export function attendeesText(facts: DrawFacts): string {
  if (facts.present.length === 0) return facts.attendeesText ?? '';
  const byRole = new Map<string, string[]>();
  for (const p of facts.present) {
    const name = p.role === '家长代表' ? maskName(p.name) : p.name;
    byRole.set(p.role, [...(byRole.get(p.role) ?? []), name]);
  }
  return [...byRole].map(([role, names]) => `${role}${names.join('、')}`).join('，');
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000) + 1;
}

/** The results announcement (摇号结果公示) as PDF bytes. */
export async function announcementPdf(office: Office, eventId: string, options: AnnouncementOptions = {}): Promise<Uint8Array> {
  const d = await loadDrawnEvent(office, eventId, {
    zh: '生成摇号结果公示（须先正式摇号）',
    en: 'print the results announcement (after the official draw)',
  });
  const repos = office.store.repos;
  const settings = await documentSettings(office, eventId);
  const s = requireSettings(settings, 'announcement');
  const url = portalUrl(publicBase(options.baseUrl, settings), eventId);
  const facts = await drawFacts(repos, eventId, await repos.audit.list(eventId), settings);
  const people = await repos.applicants.listByEvent(eventId);
  const masked = new Map(people.map((a) => [a.reg_no, maskName(a.name)]));

  const sheet = new Sheet({
    title: '摇号结果公示',
    subject: `${d.event.title} 摇号结果公示`,
    createdAt: office.clock.now(),
    fonts: options.fonts,
    header: s.issuer,
    footer: s.docNumber,
    file: options.file,
  });
  sheet.titleBlock([{ text: s.issuer, size: 20, role: 'bold', color: '#b00000' }], 2);
  sheet.paragraph(s.docNumber, { role: 'body', size: 11, align: 'center', after: 2 });
  sheet.rule('#b00000', 3);
  sheet.space(6);
  sheet.titleBlock(
    [
      { text: d.event.title, size: 15 },
      { text: '摇号结果公示', size: 20 },
    ],
    8,
  );

  const policy = `${s.policyBasis}${s.policyDocNumber ? `（${s.policyDocNumber}）` : ''}`;
  const who = attendeesText(facts);
  sheet.paragraph(
    `根据${policy}，${d.event.title}于${chineseDay(facts.time)}（北京时间）在${facts.place}公开进行。${who ? `${who}到场见证，` : ''}${s.notaryOffice}对摇号过程进行了现场公证。摇号采用公开的 fairdraw/v1 算法，任何人均可用公开文件重新计算、核对结果。现将摇号结果公示如下：`,
    { indent: 2 },
  );

  sheet.heading('一、摇号规则');
  for (const p of rulesParagraphs(d.rules, (id) => unitName(d, id))) sheet.paragraph(p, { indent: 2 });

  demandSection(sheet, d);
  resultsSection(sheet, d, masked);
  fairnessSection(sheet, d);
  verificationSection(sheet, d, url);

  sheet.heading('六、公示期与异议', 1, 90);
  sheet.paragraph(
    `公示期为${chineseDay(s.noticeFrom)}至${chineseDay(s.noticeTo)}（共 ${days(s.noticeFrom, s.noticeTo)} 天）。对摇号结果有异议的，请在公示期内以书面或电话方式向${s.issuer}反映，电话 ${s.objectionPhone}，地址 ${s.objectionAddress}。反映问题应实事求是，并留下真实姓名和联系方式，以便核实回复。`,
    { indent: 2 },
  );

  sheet.space(6);
  sheet.paragraph('特此公示。', { indent: 2 });
  sheet.space(14);
  sheet.ensure(60);
  const sealTop = sheet.y;
  sheet.paragraph(`${s.issuer}`, { align: 'right', role: 'body' });
  sheet.paragraph(chineseDay(s.publishedOn), { align: 'right' });
  sheet.y = Math.max(sheet.y, sealTop + 50);
  return sheet.finish();
}

function demandSection(sheet: Sheet, d: DrawnEvent): void {
  sheet.heading('二、报名与学位');
  const demand = demandFromRecord(d.record, d.unitNames);
  sheet.table(
    [
      { header: '招生单元', width: 2.4 },
      { header: '编号', width: 1.1, role: 'mono' },
      { header: '学位', width: 0.8, align: 'right' },
      { header: '报名人数', width: 1, align: 'right' },
      { header: '录取', width: 0.8, align: 'right' },
      { header: '候补', width: 0.8, align: 'right' },
      { header: '是否摇号', width: 0.9, align: 'center' },
    ],
    demand.map((u) => {
      const r = d.record.units.find((x) => x.id === u.id)!;
      return [
        u.name,
        u.id,
        String(u.seats),
        String(u.applicants),
        String(r.admitted.length),
        String(r.waitlist.length),
        u.applicants > u.seats ? '是' : '否',
      ];
    }),
    { size: 9, zebra: true },
  );
  const listed = demand.reduce((n, u) => n + u.applicants, 0);
  sheet.paragraph(
    `注：报名人数为把该招生单元填为任一志愿的报名者人数，每人每校只计一次，与公开查询的结果页相同。${
      listed > d.record.listSize
        ? `填报多个志愿的报名者在所填的每所学校各计一次，因此各单元报名人数之和（${listed}）大于报名总人数（${d.record.listSize}）。`
        : `报名总人数 ${d.record.listSize} 人。`
    }`,
    { role: 'sans', size: 8.5, color: '#404040' },
  );
  for (let i = 0; i < demand.length; i += 10) placeScene(sheet, demandScene(demand.slice(i, i + 10)));
}

const THREE_UP: TableColumn[] = [0, 1, 2].flatMap(() => [
  { header: '序号', width: 0.55, align: 'right' as const, size: 8.5 },
  { header: '报名号', width: 1.25, role: 'mono' as const, size: 8.5 },
  { header: '姓名', width: 0.9, size: 8.5 },
]);

/** A list of 报名号 three to a row: 序号, 报名号, masked name. */
function threeUp(sheet: Sheet, ids: readonly string[], masked: ReadonlyMap<string, string>, numberHeader: string, continued: string): void {
  if (ids.length === 0) {
    sheet.paragraph('（无）', { role: 'sans', size: 9 });
    return;
  }
  const rows: string[][] = [];
  for (let i = 0; i < ids.length; i += 3) {
    const row: string[] = [];
    for (let k = i; k < i + 3; k++) {
      const id = ids[k];
      row.push(id === undefined ? '' : String(k + 1), id ?? '', id === undefined ? '' : (masked.get(id) ?? ''));
    }
    rows.push(row);
  }
  sheet.table(
    THREE_UP.map((c, i) => (i % 3 === 0 ? { ...c, header: numberHeader } : c)),
    rows,
    { size: 8.5, zebra: true, continued },
  );
}

function resultsSection(sheet: Sheet, d: DrawnEvent, masked: ReadonlyMap<string, string>): void {
  sheet.heading('三、摇号结果');
  sheet.paragraph(
    '下表按录取顺序和候补顺序列出各招生单元的结果。为保护儿童隐私，只公布报名号和部分隐去的姓名；家长可凭报名号查询本人的完整结果和随机号。',
    { indent: 2, size: 10 },
  );
  for (const u of d.record.units) {
    sheet.heading(`${unitName(d, u.id)}（${u.id}）`, 2, 80);
    sheet.paragraph(`学位 ${u.seats} 个，录取 ${u.admitted.length} 人，候补 ${u.waitlist.length} 人。`, {
      role: 'sans',
      size: 9.5,
      after: 4,
    });
    const school = `${unitName(d, u.id)}（${u.id}）`;
    // A list's caption stays with its header row and first rows (no caption alone at a page foot).
    sheet.ensure(70);
    sheet.paragraph(`${school}录取名单`, { role: 'bold', size: 9.5, after: 2 });
    threeUp(sheet, u.admitted, masked, '序号', `${school}录取名单（续）`);
    sheet.ensure(70);
    sheet.paragraph(`${school}候补名单（按递补顺序）`, { role: 'bold', size: 9.5, after: 2 });
    threeUp(sheet, u.waitlist, masked, '候补', `${school}候补名单（续）`);
  }
}

function fairnessSection(sheet: Sheet, d: DrawnEvent): void {
  const report = fairnessReport(d.record, d.unitNames);
  sheet.heading('四、公平性自检');
  sheet.paragraph(
    '报名号在摇号前随机生成并已公示，与儿童的身份无关。如果摇号公平，录取与否就与报名号在名单中的先后无关：把每个单元的报名者按报名号排序后十等分，每一段中录取的人数应大致相同（图中虚线）。下表用卡方检验衡量实际分布与期望的差距：p 值越小，偏离越大；p 值不小于 0.01 视为未见异常。',
    { indent: 2, size: 10 },
  );
  sheet.table(
    [
      { header: '招生单元', width: 2.2 },
      { header: '报名', width: 0.7, align: 'right' },
      { header: '录取', width: 0.7, align: 'right' },
      { header: 'χ²', width: 0.8, align: 'right' },
      { header: '自由度', width: 0.7, align: 'right' },
      { header: 'p 值', width: 0.9, align: 'right' },
      { header: '结论', width: 1.2, align: 'center' },
    ],
    report.units.map((u) => [
      u.name,
      String(u.candidates),
      String(u.admitted),
      u.pValue === null ? '—' : u.statistic.toFixed(2),
      u.pValue === null ? '—' : String(u.df),
      formatPValue(u.pValue),
      u.verdict.label,
    ]),
    { size: 9, zebra: true },
  );
  if (report.units.some((u) => u.smallExpected)) {
    sheet.paragraph('注：报名人数较少的单元，每一段的期望人数不足 5 人，卡方检验只是近似，结论仅供参考。', {
      role: 'sans',
      size: 8.5,
      color: '#404040',
    });
  }
  placeScenes(
    sheet,
    report.units.map((u) => positionScene(u)),
  );
  sheet.paragraph(
    '随机号由 HMAC-SHA-256 计算，是 256 位的数，应在全部取值范围内均匀分布。下图统计每个随机号第一个字节所在的区间（16 组），并与均匀分布比较。',
    { indent: 2, size: 10 },
  );
  placeScene(sheet, ticketScene(report.tickets));
  sheet.paragraph(`结论：${report.tickets.verdict.zh}。`, { indent: 2, size: 10 });
}

function verificationSection(sheet: Sheet, d: DrawnEvent, url: string): void {
  sheet.heading('五、核验信息', 1, 200);
  sheet.paragraph('以下数值可由公开文件重新计算得出。任何一个字节不同，都说明文件被改动过。', { indent: 2, size: 10 });
  const mono = { header: '', width: 2.9, role: 'mono' as const, size: 8 };
  sheet.table(
    [{ header: '', width: 1.3, size: 9, noteSize: 6.5 }, mono],
    HASH_ROWS.map(([zh, tech, get]) => [`${zh}\n${tech}`, get(d)]),
    { header: false, size: 9 },
  );
  sheet.paragraph('摇号时录入的随机数：', { role: 'bold', size: 9.5, after: 2 });
  sheet.table(
    [
      { header: '随机数来源', width: 1.3, size: 9 },
      { header: '取值', width: 2.9, size: 9 },
    ],
    d.record.sources.map((s, i) => {
      const declared = d.rules.declaredSources[i];
      return [declared ? describeDeclared(declared) : s.kind, describeValue(s)];
    }),
    { size: 9 },
  );
  const size = 96;
  sheet.ensure(size + 10);
  const top = sheet.y + 4;
  sheet.qr(url, sheet.right - size, top, size);
  const textWidth = sheet.width - size - 16;
  sheet.paragraph('扫描右侧二维码或访问以下网址，可查看完整结果、下载公开文件并在浏览器中自行核验：', {
    role: 'sans',
    size: 9.5,
    width: textWidth,
    after: 2,
  });
  sheet.paragraph(url, { role: 'mono', size: 9, width: textWidth, align: 'left', after: 4 });
  sheet.paragraph('家长可凭报名号在该网址查询本人的录取结果、随机号和名单收录证明。', { role: 'sans', size: 9.5, width: textWidth });
  sheet.y = Math.max(sheet.y, top + size + 6);
}

/** The hashes and numbers a reader can recompute: Chinese name, technical name (printed small), value. */
export const HASH_ROWS: readonly (readonly [string, string, (d: DrawnEvent) => string])[] = [
  ['规则文件哈希', 'paramsSha256（SHA-256）', (d) => d.record.paramsSha256],
  ['名单根哈希', 'listRoot（Merkle 根）', (d) => d.record.listRoot],
  ['名单人数', 'listSize', (d) => String(d.record.listSize)],
  ['随机数哈希', 'sourcesSha256（SHA-256）', (d) => d.record.sourcesSha256],
  ['随机种子', 'seed', (d) => d.record.seed],
  ['结果记录哈希', 'record.json SHA-256', (d) => d.draw.record_sha256],
];

/**
 * 文书信息: what the official documents carry beyond the rules and the record — the issuing body and
 * its 文号, the policy basis, the 公示 period and where to object, the notary, the families'
 * confirmation and 报到 arrangements. Entered once per event (console or `fairdraw document
 * settings`), stored as one JSON object, logged in the audit trail when changed.
 *
 * Each document names the fields it needs: asking for a document whose fields are missing is
 * refused with a message listing them, never printed with blanks.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText } from '../../core/encoding.js';
import { logAction } from '../audit-trail.js';
import { loadEvent } from '../load-event.js';
import type { Actor, Office } from '../ports.js';
import { checkBaseUrl } from './format.js';
import { looksLikePhone } from './phone.js';

export { looksLikePhone };

type Kind = 'text' | 'long' | 'date' | 'datetime' | 'phone' | 'count' | 'url';

export interface SettingField {
  key: SettingKey;
  zh: string;
  en: string;
  kind: Kind;
  /** An example, shown as placeholder in the console. */
  example: string;
}

export const SETTING_FIELDS = [
  { key: 'issuer', zh: '发布单位', en: 'issuing body', kind: 'text', example: '自贡市自流井区教育和体育局' },
  { key: 'docNumber', zh: '文号', en: 'document number', kind: 'text', example: '自流井教体〔2020〕45号' },
  { key: 'publishedOn', zh: '公告发布日期', en: 'publication date', kind: 'date', example: '2020-08-12' },
  {
    key: 'policyBasis',
    zh: '政策依据',
    en: 'policy basis',
    kind: 'long',
    example: '《自流井区2020年义务教育阶段学校招生入学工作实施方案》',
  },
  { key: 'policyDocNumber', zh: '政策依据文号', en: 'policy document number', kind: 'text', example: '自流井教体〔2020〕30号' },
  { key: 'noticeFrom', zh: '公示开始日期', en: 'first day of the 公示 period', kind: 'date', example: '2020-08-12' },
  { key: 'noticeTo', zh: '公示截止日期', en: 'last day of the 公示 period', kind: 'date', example: '2020-08-18' },
  { key: 'objectionPhone', zh: '异议投诉电话', en: 'objection and complaint phone', kind: 'phone', example: '0813-2201234' },
  {
    key: 'objectionAddress',
    zh: '异议投诉地址',
    en: 'objection and complaint address',
    kind: 'text',
    example: '自流井区汇东路 100 号区教体局 305 室',
  },
  {
    key: 'drawPlace',
    zh: '摇号地点（现场未登记时）',
    en: 'place of the draw (when the ceremony did not record it)',
    kind: 'text',
    example: '区教体局三楼会议室',
  },
  {
    key: 'drawTime',
    zh: '摇号时间（现场未登记时）',
    en: 'time of the draw (when the ceremony did not record it)',
    kind: 'datetime',
    example: '2020-08-10T09:30',
  },
  {
    key: 'attendees',
    zh: '到场人员（现场未登记时）',
    en: 'attendees (when the ceremony did not record them)',
    kind: 'long',
    example: '人大代表、政协委员、家长代表、公证员',
  },
  { key: 'notaryOffice', zh: '公证处', en: 'notary office', kind: 'text', example: '四川省自贡市公证处' },
  { key: 'notaryCertNo', zh: '公证书编号', en: 'notarial certificate number', kind: 'text', example: '（2020）川自证字第 1234 号' },
  {
    key: 'notaryStatement',
    zh: '公证词',
    en: "notary's statement",
    kind: 'long',
    example: '兹证明……摇号过程公开、公平，符合有关规定，结果真实有效。',
  },
  { key: 'copies', zh: '一式份数', en: 'copies', kind: 'count', example: '3' },
  { key: 'confirmBy', zh: '确认截止时间', en: 'confirmation deadline', kind: 'datetime', example: '2020-08-20T17:00' },
  { key: 'reportDate', zh: '报到日期', en: 'reporting date', kind: 'date', example: '2020-08-28' },
  { key: 'reportPlace', zh: '报到地点', en: 'reporting place', kind: 'text', example: '录取学校教务处' },
  {
    key: 'reportDocuments',
    zh: '报到携带材料',
    en: 'documents to bring',
    kind: 'long',
    example: '本通知书、户口簿、房产证明原件及复印件、儿童预防接种证',
  },
  { key: 'contactPhone', zh: '咨询电话', en: 'contact phone', kind: 'phone', example: '0813-2205678' },
  { key: 'publicUrl', zh: '公开核验网址', en: 'public site address', kind: 'url', example: 'https://yaohao.example.gov.cn' },
] as const satisfies readonly { key: string; zh: string; en: string; kind: Kind; example: string }[];

export type SettingKey = (typeof SETTING_FIELDS)[number]['key'];
export type DocumentSettings = Partial<Record<SettingKey, string>>;

const BY_KEY = new Map<string, (typeof SETTING_FIELDS)[number]>(SETTING_FIELDS.map((f) => [f.key, f]));

/** The documents and the settings each one cannot be printed without. */
export const REQUIRED: Readonly<Record<'announcement' | 'ceremony' | 'notices' | 'workbook', readonly SettingKey[]>> = {
  announcement: [
    'issuer',
    'docNumber',
    'publishedOn',
    'policyBasis',
    'noticeFrom',
    'noticeTo',
    'objectionPhone',
    'objectionAddress',
    'notaryOffice',
  ],
  ceremony: ['notaryOffice', 'notaryCertNo', 'notaryStatement', 'copies'],
  notices: ['issuer', 'confirmBy', 'reportDate', 'reportPlace', 'reportDocuments', 'contactPhone'],
  workbook: [],
};

export type DocumentKind = keyof typeof REQUIRED;

const DOC_ZH: Record<DocumentKind, { zh: string; en: string }> = {
  announcement: { zh: '摇号结果公示', en: 'the results announcement' },
  ceremony: { zh: '摇号现场记录', en: 'the ceremony record' },
  notices: { zh: '通知书', en: 'the family notices' },
  workbook: { zh: '内部名单', en: 'the internal workbook' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

function realDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
}

/** Checks and normalises one value; an empty value clears the setting (returns undefined). */
export function checkSetting(key: string, raw: string): string | undefined {
  const f = BY_KEY.get(key);
  if (!f) {
    throw new FairDrawError(
      'settings.unknown',
      `没有名为 ${key} 的文书信息项（可选：${SETTING_FIELDS.map((x) => x.key).join('、')}）`,
      `there is no document setting named ${key} (${SETTING_FIELDS.map((x) => x.key).join(', ')})`,
      { field: key },
    );
  }
  const v = raw.normalize('NFC').trim();
  if (v === '') return undefined;
  const bad = (zh: string, en: string): never => {
    throw new FairDrawError('settings.invalid', `${f.zh}（${key}）${zh}`, `the ${f.en} (${key}) ${en}`, { field: key });
  };
  checkText(v, { field: key });
  const max = f.kind === 'long' ? 2000 : 200;
  if ([...v].length > max) bad(`过长（最多 ${max} 个字）`, `is too long (${max} characters at most)`);
  if (f.kind !== 'long' && /[\r\n]/.test(v)) bad('不能换行', 'must be one line');
  switch (f.kind) {
    case 'date':
      if (!DATE.test(v) || !realDate(v)) bad(`应为日期 YYYY-MM-DD，如 ${f.example}`, `must be a date YYYY-MM-DD, e.g. ${f.example}`);
      break;
    case 'datetime':
      if (!DATE_TIME.test(v) || !realDate(v)) {
        bad(
          `应为日期时间 YYYY-MM-DDTHH:MM（北京时间），如 ${f.example}`,
          `must be a date and time YYYY-MM-DDTHH:MM (Beijing time), e.g. ${f.example}`,
        );
      }
      break;
    case 'phone':
      if (!looksLikePhone(v))
        bad(
          `“${v}”不像电话号码：应为手机号或带区号的固定电话，如 ${f.example}`,
          `"${v}" is not a phone number: give a mobile or a landline with area code, e.g. ${f.example}`,
        );
      break;
    case 'count':
      if (!/^[1-9]\d?$/.test(v)) bad('应为 1 到 99 的整数', 'must be a whole number from 1 to 99');
      break;
    case 'url':
      try {
        return checkBaseUrl(v);
      } catch {
        return bad(
          `“${v}”无效：应为 http:// 或 https:// 开头的网址，如 ${f.example}`,
          `"${v}" is not valid: give an http:// or https:// address such as ${f.example}`,
        );
      }
  }
  return v;
}

export async function documentSettings(office: Office, eventId: string): Promise<DocumentSettings> {
  await loadEvent(office.store.repos, eventId);
  return ((await office.store.repos.documentSettings.get(eventId)) ?? {}) as DocumentSettings;
}

/**
 * Changes some settings (an empty value clears one). Every value is checked before anything is
 * stored; the change is logged with the keys and values (none of them personal data).
 */
export async function updateDocumentSettings(
  office: Office,
  eventId: string,
  changes: Readonly<Record<string, string>>,
  actor: Actor,
): Promise<DocumentSettings> {
  const checked = Object.entries(changes).map(([k, v]) => [k, checkSetting(k, v)] as const);
  if (checked.length === 0) {
    throw new FairDrawError('settings.empty', '没有要修改的文书信息', 'no document setting to change', { field: 'settings' });
  }
  return office.store.tx(async (repos) => {
    await loadEvent(repos, eventId);
    const now = { ...((await repos.documentSettings.get(eventId)) ?? {}) } as Record<string, string>;
    for (const [k, v] of checked) {
      if (v === undefined) delete now[k];
      else now[k] = v;
    }
    if (now.noticeFrom && now.noticeTo && now.noticeTo < now.noticeFrom) {
      throw new FairDrawError('settings.invalid', '公示截止日期早于公示开始日期', 'the 公示 period ends before it starts', {
        field: 'noticeTo',
      });
    }
    const ordered: Record<string, string> = {};
    for (const f of SETTING_FIELDS) if (now[f.key] !== undefined) ordered[f.key] = now[f.key]!;
    await repos.documentSettings.put(eventId, ordered, office.clock.now().toISOString());
    await logAction(repos, office, eventId, actor, 'event.settings', Object.fromEntries(checked.map(([k, v]) => [k, v ?? null])));
    return ordered as DocumentSettings;
  });
}

/**
 * The settings a document needs, all present: else a FairDrawError naming every missing one in
 * Chinese and English (field: the keys, comma-separated).
 */
export function requireSettings<K extends SettingKey>(
  settings: DocumentSettings,
  doc: DocumentKind,
  extra: readonly K[] = [],
): DocumentSettings & Record<K, string> {
  const need = [...REQUIRED[doc], ...extra];
  const missing = need.filter((k) => !settings[k]);
  if (missing.length > 0) {
    const fields = missing.map((k) => BY_KEY.get(k)!);
    throw new FairDrawError(
      'document.settings-missing',
      `生成${DOC_ZH[doc].zh}前请填写文书信息：${fields.map((f) => `${f.zh}（${f.key}）`).join('、')}`,
      `${DOC_ZH[doc].en} needs these document settings first: ${fields.map((f) => `${f.en} (${f.key})`).join(', ')}`,
      { field: missing.join(',') },
    );
  }
  return settings as DocumentSettings & Record<K, string>;
}

/**
 * Settings for the demo event, so it yields every document: every example except the public site
 * (the QR codes then point at the server that prints them). The place, time and attendees stand in
 * for a draw run without the ceremony screens; a ceremony's own record of them comes first.
 */
export const DEMO_SETTINGS: Readonly<Record<string, string>> = Object.fromEntries(
  SETTING_FIELDS.filter((f) => f.key !== 'publicUrl').map((f) => [f.key, f.example]),
);

/**
 * 个人信息告知书: what the families are told about their children's data, made from the event's own
 * settings — the columns it collects (name and ID-card number always, the optional ones it chose)
 * and why each is needed, what the data is used for, who sees it (the bureau's staff by role; the
 * public only registration numbers and masked names), how long it is kept (the retention date, or
 * 由教育局确定 when none is set), and where to ask or object (from the document settings: a contact
 * that is not set is left out, never printed blank). Chinese with English. It holds no personal
 * data: it is the same for every family, shown on the portal and printed with the receipts.
 */
import { loadEvent } from '../load-event.js';
import { publicEvent } from '../public/access.js';
import type { Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import type { Bilingual, NoticeColumn, PrivacyNotice } from './notice-text.js';
import { COLUMN_NAMES, privacySettingsOf, type OptionalColumn } from './settings.js';

export { NOTICE_SECTIONS, type Bilingual, type NoticeColumn, type PrivacyNotice } from './notice-text.js';

const ALWAYS: readonly { column: NoticeColumn; name: Bilingual; why: Bilingual }[] = [
  {
    column: 'name',
    name: { zh: '儿童姓名', en: "the child's name" },
    why: {
      zh: '核对报名，打印本人的录取通知书；公开名单中只显示遮挡后的姓名（如“张*三”）',
      en: "to check the application and print the family's own notice; public lists show it masked only (e.g. 张*三)",
    },
  },
  {
    column: 'sex',
    name: { zh: '性别', en: 'sex' },
    why: { zh: '核对儿童身份（与身份证号一致）', en: "to check the child's identity (it must match the ID-card number)" },
  },
  {
    column: 'idNumber',
    name: { zh: '身份证号', en: 'ID-card number' },
    why: {
      zh: '确认儿童身份，防止重复报名；任何公开页面和文件都不出现',
      en: "to confirm the child's identity and prevent double applications; it appears on no public page or file",
    },
  },
];

const WHY: Readonly<Record<OptionalColumn, Bilingual>> = {
  birthDate: {
    zh: '核对是否符合本批次的入学年龄范围',
    en: "to check the child is within this event's age range",
  },
  guardian: { zh: '作为录取通知书的收件人', en: 'to address the notice of the result' },
  phone: {
    zh: '就录取结果和确认学位联系家长',
    en: 'to contact the family about the result and confirming the place',
  },
  address: { zh: '邮寄录取通知书', en: 'to post the notice of the result' },
};

const CHOICES = {
  column: 'choices' as const,
  name: { zh: '志愿、类别、多胞胎组', en: 'choices, tier, multiple-birth group' },
  why: {
    zh: '按公布的规则摇号；公开时只与报名号一起出现',
    en: 'to run the draw under the published rules; published only with the registration number',
  },
};

function chineseDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** The notice of an event (any status: the route decides who may see it). */
export async function privacyNoticeOf(repos: Repos, eventId: string): Promise<PrivacyNotice> {
  const ev = await loadEvent(repos, eventId);
  const privacy = await privacySettingsOf(repos, eventId);
  const settings = ((await repos.documentSettings.get(eventId)) ?? {}) as Record<string, string | undefined>;
  const issuer = settings.issuer?.trim() || null;
  const who = issuer ?? '教育局';
  const whoEn = issuer ? `${issuer} (the education bureau)` : 'the education bureau';

  const collected = [
    ...ALWAYS,
    ...privacy.columns.map((c) => ({ column: c, name: { zh: COLUMN_NAMES[c].zh, en: COLUMN_NAMES[c].en }, why: WHY[c] })),
    CHOICES,
  ];

  const until = privacy.retainUntil;
  const retention: PrivacyNotice['retention'] = until
    ? {
        until,
        text: {
          zh: `个人信息保存至${chineseDate(until)}（须在录取结果公布之后），届时从系统中删除。删除后仍保留报名号、遮挡后的姓名、志愿和摇号结果，以便核验。`,
          en: `The personal data is kept until ${until} (and at least until the results are published), then erased. Kept after that: the registration numbers, masked names, choices and the draw's results, so that the draw can still be checked.`,
        },
      }
    : {
        until: null,
        text: {
          zh: '保存期限由教育局确定，在录取结果公布之后删除。删除后仍保留报名号、遮挡后的姓名、志愿和摇号结果，以便核验。',
          en: "The bureau sets how long it is kept; it is erased after the results are published. Kept after that: the registration numbers, masked names, choices and the draw's results, so that the draw can still be checked.",
        },
      };

  const contacts: PrivacyNotice['contacts'] = [];
  const contact = (key: PrivacyNotice['contacts'][number]['key'], label: Bilingual): void => {
    const v = settings[key]?.trim();
    if (v) contacts.push({ key, label, value: v });
  };
  contact('contactPhone', { zh: '咨询电话', en: 'questions' });
  contact('objectionPhone', { zh: '异议投诉电话', en: 'objections and complaints' });
  contact('objectionAddress', { zh: '异议投诉地址', en: 'address for objections' });

  return {
    eventId: ev.id,
    title: ev.title,
    issuer,
    intro: {
      zh: `为办理“${ev.title}”的报名和电脑随机派位（摇号），${who}需要收集您孩子的以下个人信息。儿童的个人信息属于敏感个人信息，我们只收集本批次需要的信息，只用于下列目的。`,
      en: `To handle applications and the computer lottery of "${ev.title}", ${whoEn} collects the following personal data of your child. A child's personal data is sensitive: only what this event needs is collected, and only for the purposes below.`,
    },
    collected,
    purposes: [
      { zh: '核对报名资格和儿童身份', en: "checking eligibility and the child's identity" },
      { zh: '按公布的规则进行公开摇号并公示结果', en: 'running the public draw under the published rules and publishing its results' },
      { zh: '通知录取结果、办理学位确认和入学报到', en: 'telling the family the result, confirming the place and enrolment' },
      { zh: '不用于其他目的，不提供给其他单位或个人', en: 'nothing else: it is not given to any other body or person' },
    ],
    access: [
      {
        zh: `${who}负责本批次的工作人员（操作员、监督员、管理员），须登录系统；每次查看完整信息都有记录`,
        en: `the staff of ${whoEn} in charge of this event (operators, supervisors, administrators), after logging in; every look at the full data is recorded`,
      },
      {
        zh: '公众（包括其他家长）只能看到报名号和遮挡后的姓名（如“张*三”），以及志愿和摇号结果，看不到身份证号、电话、住址等',
        en: 'the public, other families included, sees only registration numbers and masked names (e.g. 张*三) with the choices and results: never an ID-card number, phone or address',
      },
      {
        zh: '信息保存在教育局自己的计算机中，不上传到其他单位或网站',
        en: "the data stays on the bureau's own computers; it is not sent to any other body or website",
      },
    ],
    retention,
    rights: [
      {
        zh: '凭报名号在公示网站查询和核对本人的报名信息与摇号结果',
        en: 'look up and check your application and result on the public site with your registration number',
      },
      {
        zh: '发现信息有误，可在公示期内要求更正',
        en: 'ask for a correction during the publication period if something is wrong',
      },
      {
        zh: '对信息的收集和使用有疑问或异议，可通过下列方式联系我们',
        en: 'ask questions or object to how the data is collected and used, through the contacts below',
      },
    ],
    contacts,
  };
}

/** The notice through the office (reads only). */
export async function privacyNotice(office: Office, eventId: string): Promise<PrivacyNotice> {
  return privacyNoticeOf(office.store.repos, eventId);
}

/** The notice as the public sees it: an event once published (a draft answers like no event). */
export async function publicPrivacyNotice(office: Office, eventId: string): Promise<PrivacyNotice> {
  await publicEvent(office.store.repos, eventId);
  return privacyNoticeOf(office.store.repos, eventId);
}

/**
 * The privacy notice's shape and section headings, without imports: the portal bundles this file
 * as it is (src/office/privacy/notice.ts makes the notice).
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export type NoticeColumn = 'name' | 'sex' | 'idNumber' | 'birthDate' | 'guardian' | 'phone' | 'address' | 'choices';

export interface PrivacyNotice {
  eventId: string;
  title: string;
  /** The issuing body (document setting `issuer`), or null when not set. */
  issuer: string | null;
  intro: Bilingual;
  /** 收集的信息: each column and why it is needed. */
  collected: { column: NoticeColumn; name: Bilingual; why: Bilingual }[];
  /** 使用目的. */
  purposes: Bilingual[];
  /** 谁能看到. */
  access: Bilingual[];
  /** 保存期限: the retention date (YYYY-MM-DD) or null, and the sentence saying it. */
  retention: { until: string | null; text: Bilingual };
  /** 您的权利: what a family may ask. */
  rights: Bilingual[];
  /** 联系方式: only the ones set, never blank. */
  contacts: { key: 'contactPhone' | 'objectionPhone' | 'objectionAddress'; label: Bilingual; value: string }[];
}

/** The section headings, in order, as the portal and the PDF show them. */
export const NOTICE_SECTIONS = {
  collected: { zh: '一、收集的信息', en: '1. What is collected' },
  purposes: { zh: '二、使用目的', en: '2. What it is used for' },
  access: { zh: '三、谁能看到', en: '3. Who sees it' },
  retention: { zh: '四、保存期限', en: '4. How long it is kept' },
  rights: { zh: '五、您的权利与联系方式', en: '5. Your rights and whom to contact' },
} as const satisfies Record<string, Bilingual>;

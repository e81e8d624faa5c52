/**
 * The privacy notice's section headings, importing nothing but types: the portal bundles this
 * file as it is (src/office/privacy/notice.ts makes the notice).
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The notice's shape is the API's (src/api/public.ts). */
export type { NoticeColumn, PrivacyNotice } from '../../api/public.js';

/** The section headings, in order, as the portal and the PDF show them. */
export const NOTICE_SECTIONS = {
  collected: { zh: '一、收集的信息', en: '1. What is collected' },
  purposes: { zh: '二、使用目的', en: '2. What it is used for' },
  access: { zh: '三、谁能看到', en: '3. Who sees it' },
  retention: { zh: '四、保存期限', en: '4. How long it is kept' },
  rights: { zh: '五、您的权利与联系方式', en: '5. Your rights and whom to contact' },
} as const satisfies Record<string, Bilingual>;

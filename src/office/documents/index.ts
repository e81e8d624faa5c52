/**
 * Printed documents of an event (issue 7): the results announcement, the ceremony record for the
 * notary, the families' notices (PDF, embedded Noto CJK), the import template (XLSX), and the
 * charts with the fairness self-check (numbers and SVG, shared with the web console).
 */
export { announcementPdf, type AnnouncementOptions } from './announcement.js';
export { ceremonyRecordPdf, entrySummary, ACTION_ZH, type CeremonyOptions } from './ceremony.js';
export {
  applicantNoticePdf,
  noticesPdf,
  unitNoticesPdf,
  noticeRecipients,
  recipientsByUnit,
  noticeTitle,
  choiceResultZh,
  mailingAddress,
  publicBase,
  type NoticeOptions,
} from './notice.js';
export {
  SETTING_FIELDS,
  REQUIRED,
  checkSetting,
  documentSettings,
  updateDocumentSettings,
  requireSettings,
  looksLikePhone,
  DEMO_SETTINGS,
  type DocumentSettings,
  type SettingKey,
  type DocumentKind,
} from './settings.js';
export { receiptsPdf, receiptFamilies, type ReceiptOptions, type ReceiptFamily } from './receipts.js';
export { privacyNoticePdf, renderPrivacyNotice } from './privacy-notice.js';
export { drawFacts, actionZh, type DrawFacts } from './facts.js';
export {
  importTemplateWorkbook,
  eventImportTemplate,
  templateHeaders,
  exampleRow,
  exampleIdNumber,
  EXAMPLE_NAME,
  type TemplateUnit,
  type TemplateOptions,
} from './import-template.js';
export * from './charts/statistics.js';
export * from './charts/record-data.js';
export * from './charts/fairness-checks.js';
export * from './charts/scenes.js';
export { loadDrawnEvent, outcomeOf, type DrawnEvent, type ApplicantOutcome, type ChoiceOutcome } from './drawn-event.js';
export { resolveFonts, parseFontSpec, type CjkFonts, type FontFace, type FontRole } from './fonts.js';
export { checkBaseUrl, portalUrl, applicantUrl, beijingTime } from './format.js';
export { breakLines, justifySpacing, type Line, type Measure } from './typeset.js';

/** The console's words for asking first, mending a draft and 撤回, in both languages. */
const askZh = {
  cannotUndo: '不能撤销：',
  required: '（必填，将记入审计日志）',
  working: '正在处理……',
  cancel: '取消',
  sessionsEnd: '该账户当前的所有登录立即退出。',
  resetLabel: '生成一次性密码',
  disableLabel: '停用',
};
export const ASK_MESSAGES: Record<'zh' | 'en', typeof askZh> = {
  zh: askZh,
  en: {
    cannotUndo: 'Cannot be undone: ',
    required: '(required; goes into the audit log)',
    working: 'Working…',
    cancel: 'Cancel',
    sessionsEnd: "All of the account's sessions end at once.",
    resetLabel: 'Make a one-time password',
    disableLabel: 'Disable',
  },
};

const zh = {
  edit: '修改',
  delete: '删除',
  save: '保存',
  cancel: '取消',
  actions: '操作',
  rename: '修改名称',
  renameLabel: '新的批次名称',
  draftTitle: '草稿管理',
  draftExplain: '公示前可以修改批次名称、修改或删除招生单元，也可以删除整个草稿。每次修改都记入审计日志。',
  deleteUnitTitle: (name: string) => `删除招生单元“${name}”？`,
  deleteUnitBody: '该单元将从本批次中删除。已有报名者填报该单元时会被拒绝。',
  deleteUnitIrreversible: '删除记入审计日志；如需恢复，只能重新添加。',
  deleteEvent: '删除草稿',
  deleteEventTitle: (title: string) => `删除草稿“${title}”？`,
  deleteEventBody: (units: number, applicants: number) =>
    `将删除本批次及其 ${units} 个招生单元、${applicants} 名报名者和文书信息。审计日志保留。`,
  deleteEventIrreversible: '删除后不能恢复，批次编号也不能再次使用。',
  withdrawTitle: '撤回批次',
  withdrawExplain:
    '公示后发现整个批次有误时，可在正式摇号之前撤回。撤回理由公开；公示网站显示“已撤回”，此前公示的内容保留。正式摇号后不能撤回。',
  withdraw: '撤回批次',
  withdrawAsk: (title: string) => `撤回“${title}”？`,
  withdrawBody: '本批次将停止：不再更正、冻结或摇号。公示网站显示“已撤回”及理由，此前公示的规则、名单和哈希值保留供核对。',
  withdrawIrreversible: '撤回是最终的：撤回后的批次不能恢复，也不能再摇号；如需重新摇号，请新建批次。',
  withdrawReason: '撤回理由（公开，不要填写身份证号或电话）',
  withdrawnBanner: (at: string, reason: string) => `本批次已于 ${at} 撤回。理由：${reason}`,
  withdrawnBadge: '已撤回',
  publishAsk: '确认公示？',
  correctAsk: '确认发布更正？',
  publishBody: (summary: string) => `将固定并公开以下规则和名单，计算其哈希值：${summary}`,
  publishIrreversible: '公示的版本及其哈希值永久留在审计日志中；此后只能发布更正（新版本）或撤回，不能删除。',
  correctionReason: '更正理由',
  freezeAsk: '确认冻结名单？',
  freezeBody: (version: number) => `将冻结第 ${version} 版公示的规则和名单，以下哈希值将用于正式摇号：`,
  freezeIrreversible: '冻结后规则和名单不能再更正；只能按此版本摇号（或在摇号前撤回）。',
  resultsAsk: '确认公布结果并发出录取？',
  resultsBody: '将公开正式摇号的结果、随机来源的值和种子，并向每个录取者发出录取（待确认）。家长即可查询结果。',
  resultsIrreversible: '公布后结果永久公开，不能收回；此后的变动只能通过确认、放弃或取消资格逐个处理。',
  offerAsk: (act: string, regNo: string) => `${act}：${regNo}？`,
  confirmBody: (regNo: string, unit: string) => `报名号 ${regNo} 将确认 ${unit} 的学位。`,
  confirmIrreversible: '确认记入审计日志；确认后如再放弃，须另行办理并说明理由。',
  declineBody: (regNo: string, unit: string) => `报名号 ${regNo} 将放弃 ${unit} 的学位。空出的学位立即按候补顺序递补给下一位。`,
  declineIrreversible: '放弃后不能恢复该学位：学位已递补给候补者。',
  revokeBody: (regNo: string, unit: string) => `将取消报名号 ${regNo} 在 ${unit} 的录取资格（如材料不符）。空出的学位立即按候补顺序递补。`,
  revokeIrreversible: '取消资格后不能恢复，该报名者也不再参与递补。',
  offerReason: '理由',
};
export type MendMessages = typeof zh;

const en: MendMessages = {
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  cancel: 'Cancel',
  actions: 'Actions',
  rename: 'Rename',
  renameLabel: 'New event title',
  draftTitle: 'Draft',
  draftExplain:
    'Before publishing, the title can change, units can be edited or deleted, and the whole draft can be deleted. Every change goes into the audit log.',
  deleteUnitTitle: (name) => `Delete the unit "${name}"?`,
  deleteUnitBody: 'The unit is removed from this event. This is refused while an applicant lists it.',
  deleteUnitIrreversible: 'The deletion is logged; to restore it, add the unit again.',
  deleteEvent: 'Delete draft',
  deleteEventTitle: (title) => `Delete the draft "${title}"?`,
  deleteEventBody: (units, applicants) =>
    `The event is deleted with its ${units} unit(s), ${applicants} applicant(s) and document settings. The audit log is kept.`,
  deleteEventIrreversible: 'A deleted draft cannot be restored, and its id cannot be used again.',
  withdrawTitle: 'Withdraw the event',
  withdrawExplain:
    'An event found to be wrong as a whole after publishing can be withdrawn before the official draw. The reason is public; the portal shows it as withdrawn and keeps what was published. After the official draw there is no withdrawal.',
  withdraw: 'Withdraw',
  withdrawAsk: (title) => `Withdraw "${title}"?`,
  withdrawBody:
    'The event stops: no correction, freeze or draw. The portal shows it as withdrawn with the reason; the rules, list and digests published stay for checking.',
  withdrawIrreversible: 'A withdrawal is final: the event cannot be resumed or drawn. To draw, create a new event.',
  withdrawReason: 'Reason for withdrawal (public; no ID-card or phone numbers)',
  withdrawnBanner: (at, reason) => `This event was withdrawn on ${at}. Reason: ${reason}`,
  withdrawnBadge: 'withdrawn',
  publishAsk: 'Publish?',
  correctAsk: 'Publish the correction?',
  publishBody: (summary) => `The rules and applicant list below are fixed and made public, with their digests: ${summary}`,
  publishIrreversible:
    'The published version and its digests stay in the audit log for good; afterwards only a correction (a new version) or a withdrawal is possible.',
  correctionReason: 'Reason for the correction',
  freezeAsk: 'Freeze the list?',
  freezeBody: (version) => `Version ${version}'s rules and list are frozen; the official draw uses these digests:`,
  freezeIrreversible:
    'After freezing, rules and list can no longer be corrected; the draw uses this version (or the event is withdrawn before it).',
  resultsAsk: 'Publish the results and send offers?',
  resultsBody:
    "The official draw's results, the sources' values and the seed become public, and every admitted applicant receives an offer (to be confirmed). Families can look up their results.",
  resultsIrreversible: 'Published results stay public for good; later changes are made offer by offer (confirm, decline, revoke).',
  offerAsk: (act, regNo) => `${act}: ${regNo}?`,
  confirmBody: (regNo, unit) => `Registration ${regNo} confirms the place at ${unit}.`,
  confirmIrreversible: 'The confirmation is logged; declining later is a separate act with a reason.',
  declineBody: (regNo, unit) => `Registration ${regNo} declines the place at ${unit}. The place goes at once to the next on the waitlist.`,
  declineIrreversible: 'The place cannot be given back: it has gone to the waitlist.',
  revokeBody: (regNo, unit) =>
    `Registration ${regNo} loses the place at ${unit} (e.g. documents do not match). The place goes at once to the waitlist.`,
  revokeIrreversible: 'A revocation cannot be undone; the applicant takes no further part in the waitlist.',
  offerReason: 'Reason',
};

export const MEND_MESSAGES: Record<'zh' | 'en', MendMessages> = { zh, en };

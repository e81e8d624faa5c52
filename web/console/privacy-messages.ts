/** Words of the console's privacy pieces: the reason asked before a download of personal data, the access log, the retention banner. */
const zh = {
  askTitle: (what: string) => `下载含个人信息的文件：${what}`,
  askBody: '该文件含家庭的姓名等个人信息。下载将连同您的账号、时间、家庭数和下面的理由记入查阅记录，区局主管可随时查看。',
  askIrreversible: '下载一经完成即记入查阅记录，无法撤销。',
  askConfirm: '下载',
  reasonLabel: '下载理由（至少 4 个字）',
  reasonPlaceholder: '例如：向录取学校移交名单',
  logTitle: '访问记录',
  logExplain: '每一次查看或导出未遮挡的个人信息都记在这里：谁、何时、看了什么、哪个摇号、涉及几户家庭、导出理由。此记录不公开。',
  when: '时间',
  who: '人员',
  what: '内容',
  event: '摇号',
  families: '家庭数',
  reason: '理由',
  empty: '暂无访问记录。',
  more: '更早的记录',
  looks: {
    'applicants.list': '查看报名名单',
    'applicants.search': '搜索报名人',
    'results.names': '查看实名结果',
    'document.notice': '下载单份通知书',
    'document.notices': '下载通知书',
    'document.receipts': '下载报名回执',
    'export.workbook': '导出内部名单',
    'export.units': '导出学校名单',
  } as Record<string, string>,
  retention: (event: string, date: string) => `摇号 ${event} 的个人信息将于 ${date} 依保存期限删除；如需保留，请在此之前处理。`,
  retentionDue: (event: string, date: string) => `摇号 ${event} 的个人信息保存期限已于 ${date} 届满，应予删除。`,
};

export const PRIVACY_MESSAGES: Record<'zh' | 'en', typeof zh> = {
  zh,
  en: {
    askTitle: (what: string) => `Download a file with personal data: ${what}`,
    askBody:
      'This file holds families’ names and other personal data. The download is recorded in the access log with your account, the time, the number of families and the reason below; supervisors can read it at any time.',
    askIrreversible: 'Once downloaded, the entry in the access log stays.',
    askConfirm: 'Download',
    reasonLabel: 'Reason for the download (at least 4 characters)',
    reasonPlaceholder: 'e.g. hand the list to the admitting school',
    logTitle: 'Access log',
    logExplain:
      'Every look at or export of unmasked personal data is recorded here: who, when, what, which event, how many families, and the reason of an export. This log is never public.',
    when: 'When',
    who: 'Who',
    what: 'What',
    event: 'Event',
    families: 'Families',
    reason: 'Reason',
    empty: 'No entries yet.',
    more: 'Older entries',
    looks: {
      'applicants.list': 'listed applicants',
      'applicants.search': 'searched applicants',
      'results.names': 'results with names',
      'document.notice': 'downloaded one notice',
      'document.notices': 'downloaded notices',
      'document.receipts': 'downloaded receipts',
      'export.workbook': 'exported the internal workbook',
      'export.units': 'exported the units workbook',
    },
    retention: (event: string, date: string) =>
      `The personal data of event ${event} will be erased on ${date} under the retention period; act before then if it must be kept.`,
    retentionDue: (event: string, date: string) =>
      `The retention period of event ${event}'s personal data ended on ${date}; it is due to be erased.`,
  },
};

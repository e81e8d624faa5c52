/** Texts of the account pages (accounts for admins, each account's own password). */
const zh = {
  changePassword: '修改密码',
  mustChange: '这是一个一次性密码。请先设置您自己的密码，然后才能继续使用工作台。',
  current: '当前密码',
  next: '新密码',
  repeat: '再次输入新密码',
  mismatch: '两次输入的新密码不一致',
  policy: '至少 12 个字符；不能是常见密码，不能包含用户名。可以用几个词组成一句好记的话。',
  changed: '密码已修改。其他设备上的登录已退出。',
  save: '保存',
  tag: '日志标识',
  tagHelp: '公开的审计日志用“角色:标识”记录工作人员，不显示用户名。',
  status: '状态',
  active: '启用',
  disabled: '已停用',
  pending: '待改密码',
  actions: '操作',
  reset: '重置密码',
  disable: '停用',
  enable: '启用',
  confirmReset: (u: string) => `为 ${u} 生成一次性密码？该账户当前的登录将全部退出。`,
  confirmDisable: (u: string) => `停用 ${u}？该账户当前的登录将全部退出。`,
  oneTime: (u: string, p: string) => `${u} 的一次性密码：${p}（只显示这一次，请当面交给本人；首次登录时必须修改）`,
  createdOneTime: '新账户首次登录时必须修改这个密码。',
};

export type AccountMessages = typeof zh;

const en: AccountMessages = {
  changePassword: 'Change password',
  mustChange: 'This is a one-time password. Set your own password before using the console.',
  current: 'Current password',
  next: 'New password',
  repeat: 'New password again',
  mismatch: 'The two new passwords differ',
  policy: 'At least 12 characters; not a common password, not containing the username. A few words make a phrase easy to remember.',
  changed: 'Password changed. Sessions on other devices were logged out.',
  save: 'Save',
  tag: 'Log tag',
  tagHelp: 'The public audit log names staff as "role:tag", never by username.',
  status: 'Status',
  active: 'active',
  disabled: 'disabled',
  pending: 'password to change',
  actions: 'Actions',
  reset: 'Reset password',
  disable: 'Disable',
  enable: 'Enable',
  confirmReset: (u: string) => `Make a one-time password for ${u}? All of its sessions end.`,
  confirmDisable: (u: string) => `Disable ${u}? All of its sessions end.`,
  oneTime: (u: string, p: string) =>
    `One-time password of ${u}: ${p} (shown once; hand it over in person; it must be changed at first login)`,
  createdOneTime: 'The new account must change this password at its first login.',
};

export const accountMessages = { zh, en };

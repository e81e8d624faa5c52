/**
 * The audit log in words a notary or an inspector reads: each entry kind, the people who act and
 * the fields of the details, in Chinese and English. The technical names stay available beside them.
 */
type Lang = 'zh' | 'en';

const ACTIONS: Record<string, [string, string]> = {
  'event.create': ['创建摇号批次', 'Event created'],
  'event.rename': ['修改批次名称', 'Event renamed'],
  'event.delete': ['删除草稿批次', 'Draft event deleted'],
  'event.settings': ['修改批次设置', 'Event settings changed'],
  'event.sources': ['声明随机来源', 'Sources of randomness declared'],
  'event.correct': ['更正报名数据', 'Applicant data corrected'],
  'event.publish': ['公示报名名单和规则', 'List and rules published'],
  'event.freeze': ['冻结名单（不可再改）', 'List frozen'],
  'event.withdraw': ['撤回已公示的批次', 'Published event withdrawn'],
  'unit.add': ['添加招生单元', 'Unit added'],
  'unit.update': ['修改招生单元', 'Unit changed'],
  'unit.delete': ['删除招生单元', 'Unit deleted'],
  'applicants.import': ['导入报名名单', 'Applicants imported'],
  'applicants.erase': ['删除个人信息（保存期满）', 'Personal data erased'],
  'draw.rehearsal': ['演练摇号（不计结果）', 'Rehearsal draw (not counted)'],
  'draw.official': ['正式摇号', 'Official draw'],
  'draw.repeat-request': ['再次请求摇号（沿用已有结果，不重摇）', 'Draw requested again (the existing result stands)'],
  'offers.state': ['录取状态快照（供复核）', 'Snapshot of the offers (for verification)'],
  'results.publish': ['公布结果并发出录取通知', 'Results published, offers sent'],
  'offer.confirm': ['家长确认入学', 'Offer confirmed'],
  'offer.decline': ['家长放弃学位', 'Offer declined'],
  'offer.revoke': ['撤销录取', 'Offer revoked'],
  'offer.release': ['学位空出', 'Seat released'],
  'offer.waitlist': ['候补递补录取', 'Offer to the next on the waiting list'],
  'audit.notary-key': ['登记公证员公钥', "Notary's key registered"],
  'audit.cosign': ['公证员联署日志检查点', 'Checkpoint co-signed by the notary'],
  'ceremony.open': ['开始摇号仪式并核对公示数据', 'Ceremony opened, published data checked'],
  'ceremony.halt': ['摇号仪式停止', 'Ceremony halted'],
  'ceremony.close': ['摇号仪式结束', 'Ceremony closed'],
  'ceremony.meeting': ['登记仪式时间地点', 'Time and place recorded'],
  'ceremony.witness': ['登记到场见证人', 'Witness present recorded'],
  'ceremony.roster': ['确定见证人名单', 'Witness roster set'],
  'ceremony.substitute': ['启用替补见证人', 'Alternate witness took over'],
  'ceremony.link': ['发放见证人手机链接', "Witness's phone link issued"],
  'ceremony.commit': ['见证人密封随机值', 'Witness value sealed'],
  'ceremony.reveal': ['见证人揭示随机值', 'Witness value revealed'],
  'ceremony.value': ['录入随机值', 'Value entered'],
  'ceremony.replace': ['替换未揭示的随机值', 'Unrevealed value replaced'],
  'ceremony.hall-confirm': ['大厅键盘录入经第二人确认', 'Hall entry confirmed by a second person'],
  'ceremony.drand': ['导入 drand 公共随机信标', 'drand beacon imported'],
  'ceremony.draw': ['仪式中正式摇号', 'Official draw in the ceremony'],
  'ceremony.reps-prepare': ['确定家长代表抽选范围', 'Representatives draw prepared'],
  'ceremony.reps-draw': ['抽选家长代表', 'Parent representatives drawn'],
  'ceremony.recording': ['登记录音录像哈希', 'Recording digest recorded'],
  'privacy.settings': ['修改个人信息保存设置', 'Privacy settings changed'],
};

const FIELDS: Record<string, [string, string]> = {
  title: ['名称', 'Title'],
  name: ['名称', 'Name'],
  id: ['编号', 'Id'],
  seats: ['学位', 'Seats'],
  unit: ['招生单元', 'Unit'],
  file: ['文件', 'File'],
  fileName: ['文件', 'File'],
  imported: ['导入人数', 'Imported'],
  applicants: ['报名人数', 'Applicants'],
  listSize: ['名单人数', 'List size'],
  version: ['版本', 'Version'],
  regNo: ['报名号', 'Registration number'],
  reason: ['理由', 'Reason'],
  place: ['地点', 'Place'],
  startedAt: ['开始时间', 'Started at'],
  role: ['身份', 'Role'],
  label: ['来源', 'Source'],
  index: ['来源序号', 'Source number'],
  round: ['drand 轮次', 'drand round'],
  via: ['录入方式', 'Entered via'],
  offers: ['录取通知', 'Offers'],
  drawId: ['摇号编号', 'Draw id'],
  signer: ['签署人', 'Signer'],
  seq: ['日志序号', 'Log entry'],
  size: ['大小（字节）', 'Size (bytes)'],
  value: ['随机值', 'Value'],
  from: ['原为', 'From'],
  to: ['改为', 'To'],
  witness: ['见证人', 'Witness'],
  alternate: ['替补', 'Alternate'],
  absent: ['缺席', 'Absent'],
  // Digests: the Chinese name, the technical name shown small beside it.
  paramsSha256: ['规则哈希', 'Rules digest'],
  listRoot: ['名单根哈希', 'List root'],
  personsRoot: ['身份承诺根哈希', 'Persons root'],
  sourcesSha256: ['随机来源哈希', 'Sources digest'],
  recordSha256: ['结果记录哈希', 'Record digest'],
  offersSha256: ['录取通知哈希', 'Offers digest'],
  fileSha256: ['文件哈希', 'File digest'],
  sha256: ['SHA-256 哈希', 'SHA-256'],
  seed: ['种子', 'Seed'],
  commitment: ['密封承诺', 'Commitment'],
};

const VIA: Record<string, [string, string]> = {
  phone: ['见证人手机', "witness's phone"],
  hall: ['大厅键盘', 'hall keyboard'],
  keyboard: ['键盘', 'keyboard'],
  paste: ['粘贴', 'pasted'],
  file: ['文件', 'file'],
  qr: ['扫码', 'QR code'],
  fetch: ['联网获取', 'fetched online'],
};

const ACTORS: Record<string, [string, string]> = {
  operator: ['经办人', 'Operator'],
  admin: ['管理员', 'Admin'],
  supervisor: ['监督员', 'Supervisor'],
  system: ['系统', 'System'],
  witness: ['见证人', 'Witness'],
  notary: ['公证员', 'Notary'],
};

export function actionName(action: string, lang: Lang): string | undefined {
  const a = ACTIONS[action];
  return a ? a[lang === 'zh' ? 0 : 1] : undefined;
}

export function fieldName(key: string, lang: Lang): string | undefined {
  const f = FIELDS[key];
  return f ? f[lang === 'zh' ? 0 : 1] : undefined;
}

export function viaName(via: string, lang: Lang): string {
  const v = VIA[via];
  return v ? v[lang === 'zh' ? 0 : 1] : via;
}

/** "operator:zhang" → ["经办人", "zhang"]; "witness:公证员" → ["见证人", "公证员"]. */
export function actorParts(actor: string, lang: Lang): [string, string] {
  const cut = actor.indexOf(':');
  const kind = cut < 0 ? actor : actor.slice(0, cut);
  const who = cut < 0 ? '' : actor.slice(cut + 1);
  const k = ACTORS[kind];
  return k ? [k[lang === 'zh' ? 0 : 1], who] : ['', actor];
}

export const AUDIT_WORDS = {
  zh: {
    technical: '技术细节',
    entryKind: '记录类型',
    signed: (n: number) => `已有 ${n} 个签名`,
    bjt: '北京时间',
  },
  en: {
    technical: 'Technical details',
    entryKind: 'Entry kind',
    signed: (n: number) => `${n} signature${n === 1 ? '' : 's'}`,
    bjt: 'Beijing time',
  },
} as const;

/** The console's words for the current state of results (当前录取, 当前候补, 变动记录), in both languages. */
const zh = {
  currentAdmitted: '当前录取',
  currentWaitlist: '当前候补',
  history: '变动记录',
  asDrawn: '摇号结果（公布的正式记录，不随递补改变）',
  promoted: (pos: number | null) => (pos ? `递补（原候补第 ${pos} 位）` : '递补'),
  position: '原候补位次',
  holds: (unit: string) => `暂录${unit}`,
  reason: '理由',
  at: '时间',
  counts: (c: Counts, seats: number) =>
    `当前录取 ${c.admitted}/${seats}（其中递补 ${c.promoted}，已确认 ${c.confirmed}），空余学位 ${c.free}，当前候补 ${c.waiting}，变动 ${c.history}`,
};
export interface Counts {
  admitted: number;
  confirmed: number;
  promoted: number;
  free: number;
  waiting: number;
  history: number;
}
export const RESULTS_MESSAGES: Record<'zh' | 'en', typeof zh> = {
  zh,
  en: {
    currentAdmitted: 'Admitted now',
    currentWaitlist: 'Waiting now',
    history: 'History',
    asDrawn: 'The draw as published (the official record; promotions do not change it)',
    promoted: (pos) => (pos ? `From the waitlist (was #${pos})` : 'From the waitlist'),
    position: 'Waitlist place',
    holds: (unit) => `holds ${unit} meanwhile`,
    reason: 'Reason',
    at: 'Time',
    counts: (c, seats) =>
      `Admitted now ${c.admitted}/${seats} (${c.promoted} from the waitlist, ${c.confirmed} confirmed), free places ${c.free}, waiting ${c.waiting}, changes ${c.history}`,
  },
};

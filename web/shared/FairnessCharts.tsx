/**
 * The fairness charts of the console and the portal: applicants against places per unit as bars
 * with the numbers beside them (readable on a phone, a plain table under them for screen readers),
 * and the self-check of the published record: a table of verdicts and, per unit, where the
 * admitted stand in the list, drawn from the same scenes as the printed announcement.
 */
import type { RecordLike } from '../../src/office/documents/charts/record-data.js';
import { positionScene, ticketScene } from '../../src/office/documents/charts/scenes.js';
import { demandBars, fairnessView, type DemandUnit } from './fairness-view.js';
import { SceneSvg } from './SceneSvg.js';
import './fairness-charts.css';

type Lang = 'zh' | 'en';

const T = {
  zh: {
    demandTitle: '报名人数与学位',
    seats: '学位',
    applicants: '报名',
    ratio: (r: string) => `${r} 人竞争 1 个学位`,
    noSeats: '无学位',
    lottery: '需摇号',
    noLottery: '无需摇号，全部录取',
    tableCaption: '各招生单元的学位数与报名人数',
    unit: '招生单元',
    checkTitle: '公平性自检',
    checkExplain:
      '报名号在摇号前随机生成并已公示。摇号公平时，录取与否与报名号在名单中的先后无关：把每个单元的报名者按报名号排序后十等分，每一段录取的人数应大致相同。p 值越小偏离越大，p 值不小于 0.01 视为未见异常。以下数字由你的浏览器根据公开的结果文件 record.json 计算。',
    admitted: '录取',
    p: 'p 值',
    verdict: '结论',
    tickets: (n: number) => `随机号首字节分布（${n} 个随机号）`,
    chartsOf: '各单元录取者在名单中的位置（柱 = 实际录取，虚线 = 随机时的期望）',
    overall: { ok: '未见异常', watch: '略有偏离，建议复核', flag: '明显偏离，请立即核查', 'not-applicable': '无需检验' },
  },
  en: {
    demandTitle: 'Applicants and places',
    seats: 'Places',
    applicants: 'Applicants',
    ratio: (r: string) => `${r} applicants per place`,
    noSeats: 'no places',
    lottery: 'lottery',
    noLottery: 'no lottery, all admitted',
    tableCaption: 'Places and applicants per unit',
    unit: 'Unit',
    checkTitle: 'Fairness self-check',
    checkExplain:
      'Registration numbers were drawn at random and published before the draw. Under a fair draw, admission does not depend on where a number stands in the list: split each unit’s applicants in registration-number order into tenths, and each tenth should hold about its share of the admitted. A smaller p-value means a larger deviation; p ≥ 0.01 counts as no sign of bias. Your browser computes these numbers from the public record.json.',
    admitted: 'Admitted',
    p: 'p-value',
    verdict: 'Verdict',
    tickets: (n: number) => `First bytes of the tickets (${n} tickets)`,
    chartsOf: 'Where the admitted stand in each unit’s list (bars: admitted, dashed: expected by chance)',
    overall: {
      ok: 'no sign of bias',
      watch: 'some deviation, worth a second look',
      flag: 'clear deviation, investigate',
      'not-applicable': 'not applicable',
    },
  },
};

/** Applicants against places per unit: two bars each, the numbers written beside them. */
export function DemandChart({ units, lang }: { units: readonly DemandUnit[]; lang: Lang }) {
  const t = T[lang];
  const bars = demandBars(units);
  return (
    <figure className="fc-demand" data-testid="demand-chart">
      <figcaption className="fc-title">{t.demandTitle}</figcaption>
      <p className="fc-legend" aria-hidden="true">
        <span className="fc-key fc-seats" /> {t.seats} <span className="fc-key fc-applicants" /> {t.applicants}
      </p>
      <ul className="fc-units" aria-hidden="true">
        {bars.map((b) => (
          <li key={b.id}>
            <div className="fc-name">
              <strong>{b.name}</strong>{' '}
              <span className={`fc-tag ${b.lottery ? 'lottery' : ''}`}>{b.lottery ? t.lottery : t.noLottery}</span>
            </div>
            <div className="fc-bar-row">
              <span className="fc-track">
                <span className="fc-bar fc-seats" style={{ width: `${b.seatsPct}%` }} />
              </span>
              <span className="fc-num">
                {t.seats} {b.seats}
              </span>
            </div>
            <div className="fc-bar-row">
              <span className="fc-track">
                <span className="fc-bar fc-applicants" style={{ width: `${b.applicantsPct}%` }} />
              </span>
              <span className="fc-num">
                {t.applicants} {b.applicants}
              </span>
            </div>
            <div className="fc-ratio">{b.ratio === null ? t.noSeats : t.ratio(b.ratio)}</div>
          </li>
        ))}
      </ul>
      <table className="fc-sr-table">
        <caption>{t.tableCaption}</caption>
        <thead>
          <tr>
            <th>{t.unit}</th>
            <th>{t.seats}</th>
            <th>{t.applicants}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.id}>
              <td>{b.name}</td>
              <td>{b.seats}</td>
              <td>{b.applicants}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The self-check of a published record: verdicts per unit and for the tickets, with the charts. */
export function FairnessCheck({ record, names, lang }: { record: RecordLike; names: ReadonlyMap<string, string>; lang: Lang }) {
  const t = T[lang];
  const v = fairnessView(record, names);
  return (
    <div className="fc-check" data-testid="fairness-check">
      <h3>
        {t.checkTitle}：<span className={`fc-verdict ${v.overall}`}>{t.overall[v.overall]}</span>
      </h3>
      <p className="muted fc-explain">{t.checkExplain}</p>
      <div className="fc-table-wrap">
        <table className="fc-table">
          <thead>
            <tr>
              <th>{t.unit}</th>
              <th className="num">{t.applicants}</th>
              <th className="num">{t.admitted}</th>
              <th className="num">{t.p}</th>
              <th>{t.verdict}</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr key={r.unit}>
                <td>{r.name}</td>
                <td className="num">{r.candidates}</td>
                <td className="num">{r.admitted}</td>
                <td className="num">{r.p}</td>
                <td className={`fc-verdict ${r.level}`} title={lang === 'zh' ? r.zh : r.en}>
                  {t.overall[r.level]}
                </td>
              </tr>
            ))}
            <tr>
              <td>{t.tickets(v.tickets.count)}</td>
              <td />
              <td />
              <td className="num">{v.tickets.p}</td>
              <td className={`fc-verdict ${v.tickets.level}`} title={lang === 'zh' ? v.tickets.zh : v.tickets.en}>
                {t.overall[v.tickets.level]}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="fc-title">{t.chartsOf}</p>
      <div className="fc-grid">
        {v.report.units.map((u) => (
          <SceneSvg key={u.unit} scene={positionScene(u)} />
        ))}
      </div>
      <details>
        <summary>{t.tickets(v.tickets.count)}</summary>
        <SceneSvg scene={ticketScene(v.report.tickets)} />
      </details>
    </div>
  );
}

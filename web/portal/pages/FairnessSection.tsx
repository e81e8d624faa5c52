/**
 * 公平性: applicants against places per unit (from the announcement, as soon as it is published),
 * and once results are published the self-check, computed in the family's browser from the public
 * record.json. A very large event loads the record only when asked (it can be megabytes on a phone).
 */
import { useState } from 'react';
import { useLang } from '../../shared/i18n.js';
import { DemandChart, FairnessCheck } from '../../shared/FairnessCharts.js';
import type { Announcement } from '../../../src/api/public.js';
import { getRecord } from '../data.js';
import { Status, useLoad } from '../ui.js';

/** Above this many applicants the record is fetched on request only. */
const AUTO_LOAD = 20_000;

const T = {
  zh: { title: '报名与公平性', load: '计算公平性自检（下载公开的结果文件 record.json）' },
  en: { title: 'Demand and fairness', load: 'Run the fairness self-check (downloads the public record.json)' },
};

export function FairnessSection({ announcement: a }: { announcement: Announcement }) {
  const lang = useLang();
  const [asked, setAsked] = useState(a.applicants <= AUTO_LOAD);
  return (
    <section className="card p-fairness" aria-labelledby="p-fairness">
      <h2 id="p-fairness">{T[lang].title}</h2>
      <DemandChart units={a.units} lang={lang} />
      {a.resultsPublished &&
        (asked ? (
          <Check a={a} />
        ) : (
          <p>
            <button onClick={() => setAsked(true)}>{T[lang].load}</button>
          </p>
        ))}
    </section>
  );
}

function Check({ a }: { a: Announcement }) {
  const lang = useLang();
  const record = useLoad(() => getRecord(a.id), a.id);
  const names = new Map(a.units.map((u) => [u.id, u.name]));
  return <Status of={record}>{(r) => <FairnessCheck record={r} names={names} lang={lang} />}</Status>;
}

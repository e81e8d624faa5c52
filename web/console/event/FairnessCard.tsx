/**
 * 报名与公平性 in the console, once the event is drawn: applicants against places per unit and the
 * fairness self-check, computed here from the record as published (the same file families and
 * inspectors download), so the office sees exactly what the portal shows.
 */
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { DemandChart, FairnessCheck } from '../../shared/FairnessCharts.js';
import { demandFromRecord, type RecordLike } from '../../../src/office/documents/charts/record-data.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useSession } from '../session.js';
import type { Overview } from './types.js';

const T = { zh: '报名与公平性', en: 'Demand and fairness' };

export function FairnessCard({ ev }: { ev: Overview }) {
  const { lang } = useSession();
  const [record, setRecord] = useState<RecordLike | null>(null);
  const [error, setError] = useState<unknown>(null);
  const drawn = Boolean(ev.official);
  useEffect(() => {
    if (!drawn) return;
    api<RecordLike>('GET', `/api/events/${encodeURIComponent(ev.id)}/export/record.json`).then(setRecord, setError);
  }, [ev.id, drawn]);
  if (!drawn) return null;
  const names = new Map(ev.units.map((u) => [u.id, u.name]));
  return (
    <section className="card" aria-labelledby="fairness-card">
      <h2 id="fairness-card">{T[lang]}</h2>
      <ErrorBox error={error} />
      {record && (
        <>
          <DemandChart units={demandFromRecord(record, names)} lang={lang} />
          <FairnessCheck record={record} names={names} lang={lang} />
        </>
      )}
    </section>
  );
}

/** 报名与学位 on the overview, as soon as applicants are imported: who competes for how many places. */
export function DemandCard({ ev }: { ev: Overview }) {
  const { lang } = useSession();
  if (ev.applicants === 0 || ev.units.length === 0) return null;
  return (
    <div className="card">
      <DemandChart units={ev.units} lang={lang} />
    </div>
  );
}

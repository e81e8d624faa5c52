import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, download, queryString, upload } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { TabProps } from './types.js';
import type {
  ApplicantQuery,
  ApplicantSearch,
  ImportQuery,
  ImportReportBody,
  ImportResult,
  ImportRowError as ImportError,
  ImportSkipped as Skipped,
} from '../../../src/api/staff.js';

const PAGE = 50;

/** The sheet picker's words (a workbook with more than one sheet that looks like an applicant list). */
const SHEET_TEXT = {
  zh: { label: '要导入的工作表', go: '导入此工作表', cancel: '取消' },
  en: { label: 'Sheet to import', go: 'Import this sheet', cancel: 'Cancel' },
};

function sheetsOf(e: unknown): string[] | undefined {
  if (!(e instanceof ApiError) || e.body.code !== 'import.sheet-ambiguous') return undefined;
  const sheets = (e.extra as { sheets?: unknown } | undefined)?.sheets;
  return Array.isArray(sheets) && sheets.every((s) => typeof s === 'string') ? sheets : undefined;
}

export function ImportTab({ ev, reload }: TabProps) {
  const { t, lang, account } = useSession();
  const canImport = account.role === 'operator' && (ev.status === 'draft' || ev.status === 'published');
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ file: string; list: ImportError[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const [unit, setUnit] = useState('');
  const [tier, setTier] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ApplicantSearch | null>(null);
  const [choice, setChoice] = useState<{ file: File; sheets: string[]; error: unknown; sheet: string } | null>(null);
  const [skipped, setSkipped] = useState<Skipped[]>([]);
  const words = SHEET_TEXT[lang === 'zh' ? 'zh' : 'en'];

  const load = useCallback(async () => {
    const query: Partial<Record<keyof ApplicantQuery, string | number>> = {
      offset,
      limit: PAGE,
      q: q || undefined,
      unit: unit || undefined,
      tier: tier || undefined,
    };
    try {
      setPage(await api<ApplicantSearch>('GET', `/api/events/${encodeURIComponent(ev.id)}/applicants${queryString(query)}`));
    } catch (e) {
      setError(e);
    }
  }, [ev.id, q, unit, tier, offset]);

  useEffect(() => {
    const h = setTimeout(() => void load(), 200); // typing in the search box: one request per pause
    return () => clearTimeout(h);
  }, [load]);

  const onFile = async (file: File, sheet?: string) => {
    setError(null);
    setErrors(null);
    setChoice(null);
    setSkipped([]);
    setMessage('');
    setProgress(0);
    try {
      const query: ImportQuery = { sheet };
      const r = await upload<ImportResult>(`/api/events/${encodeURIComponent(ev.id)}/import${queryString(query)}`, file, setProgress);
      setMessage(
        r.sheet ? `${t.imported(r.imported)}${lang === 'zh' ? `（工作表“${r.sheet}”）` : ` (sheet "${r.sheet}")`}` : t.imported(r.imported),
      );
      setSkipped(r.skipped ?? []);
      await reload();
      await load();
    } catch (e) {
      const sheets = sheetsOf(e);
      if (sheets) setChoice({ file, sheets, error: e, sheet: sheets[0]! });
      else if (e instanceof ApiError && Array.isArray(e.extra)) setErrors({ file: file.name, list: e.extra as ImportError[] });
      else setError(e);
    } finally {
      setProgress(null);
    }
  };

  const report = async () => {
    if (!errors) return;
    const blob = await api<Blob>('POST', `/api/events/${encodeURIComponent(ev.id)}/import/report`, {
      file: errors.file,
      errors: errors.list,
    } satisfies ImportReportBody);
    download(blob, `导入错误-${errors.file}.xlsx`);
  };

  const from = page && page.total > 0 ? offset + 1 : 0;
  const to = page ? Math.min(offset + PAGE, page.total) : 0;
  return (
    <>
      {canImport && (
        <div className="card">
          <label htmlFor="file">{t.upload}</label>
          <input id="file" type="file" accept=".xlsx,.csv" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
          {progress !== null && (
            <div style={{ marginTop: '0.6rem' }}>
              <div className="progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
                <div style={{ width: `${Math.round(progress * 100)}%` }} />
              </div>
              <p className="muted">{t.uploading}</p>
            </div>
          )}
          {message && (
            <p className="ok" role="status">
              {message}
            </p>
          )}
          {skipped.map((x) => (
            <p key={x.row} className="muted">
              {lang === 'zh' ? x.zh : x.en}
            </p>
          ))}
          {choice && (
            <div className="row" style={{ marginTop: '0.6rem' }}>
              <ErrorBox error={choice.error} />
              <label htmlFor="import-sheet">{words.label}</label>
              <select id="import-sheet" value={choice.sheet} onChange={(e) => setChoice({ ...choice, sheet: e.target.value })}>
                {choice.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              <button onClick={() => void onFile(choice.file, choice.sheet)}>{words.go}</button>
              <button onClick={() => setChoice(null)}>{words.cancel}</button>
            </div>
          )}
          <ErrorBox error={error} />
          {errors && (
            <div>
              <p className="error" role="alert">
                {t.importErrors(errors.list.length)}
              </p>
              <button onClick={() => void report()}>{t.downloadReport}</button>
              <table style={{ marginTop: '0.6rem' }}>
                <thead>
                  <tr>
                    <th>{t.row}</th>
                    <th>{t.column}</th>
                    <th>{t.problem}</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.list.map((x, i) => (
                    <tr key={i}>
                      <td>{x.row}</td>
                      <td>{x.field}</td>
                      <td>{lang === 'zh' ? x.zh : x.en}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className="row">
        <input
          aria-label={t.search}
          placeholder={t.search}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          style={{ flex: 1, minWidth: '16rem' }}
        />
        <select aria-label={t.allUnits} value={unit} onChange={(e) => (setUnit(e.target.value), setOffset(0))}>
          <option value="">{t.allUnits}</option>
          {ev.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <select aria-label={t.allTiers} value={tier} onChange={(e) => (setTier(e.target.value), setOffset(0))}>
          <option value="">{t.allTiers}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {t.tier} {n}
            </option>
          ))}
        </select>
      </div>
      {page && page.total === 0 ? (
        <p className="card empty">{t.noApplicants}</p>
      ) : (
        page && (
          <>
            <table style={{ marginTop: '0.6rem' }}>
              <thead>
                <tr>
                  <th>{t.row}</th>
                  <th>{t.regNo}</th>
                  <th>{t.name}</th>
                  <th>{t.sex}</th>
                  <th>{t.idNumber}</th>
                  <th>{t.birthDate}</th>
                  <th>{t.guardian}</th>
                  <th>{t.phone}</th>
                  <th>{t.choices}</th>
                  <th>{t.tier}</th>
                  <th>{t.group}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((a) => (
                  <tr key={a.regNo}>
                    <td>{a.row}</td>
                    <td className="reg">{a.regNo}</td>
                    <td>{a.name}</td>
                    <td>{a.sex}</td>
                    <td className="reg">{a.idNumber}</td>
                    <td>{a.birthDate}</td>
                    <td>{a.guardian}</td>
                    <td>{a.phone}</td>
                    <td>{a.choices.map((c) => ev.units.find((u) => u.id === c)?.name ?? c).join('、')}</td>
                    <td>{a.tier}</td>
                    <td>{a.group ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              <span className="muted">{t.pageOf(from, to, page.total)}</span>
              <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t.prev}
              </button>
              <button disabled={to >= page.total} onClick={() => setOffset(offset + PAGE)}>
                {t.next}
              </button>
            </div>
          </>
        )
      )}
    </>
  );
}

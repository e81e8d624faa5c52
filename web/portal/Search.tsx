/** The lookup by registration number: exact numbers only, so nothing can be browsed through it. */
import { useState } from 'react';
import { useLang } from '../shared/i18n.js';
import { messages } from './messages.js';
import { navigate } from './router.js';
import { normaliseRegNo } from './data.js';

export function Search({ event, initial = '', notFound = false }: { event: string; initial?: string; notFound?: boolean }) {
  const t = messages[useLang()];
  const [reg, setReg] = useState(initial);
  return (
    <form
      className="card p-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const r = normaliseRegNo(reg);
        if (r) navigate({ page: 'applicant', event, reg: r });
      }}
    >
      <label htmlFor="p-reg">{t.search.title}</label>
      <div className="p-search-row">
        <input
          id="p-reg"
          name="reg"
          aria-label={t.search.label}
          placeholder={t.search.placeholder}
          value={reg}
          onChange={(e) => setReg(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={80}
        />
        <button className="primary" type="submit">
          {t.search.button}
        </button>
      </div>
      {notFound ? (
        <p className="error" role="alert">
          {t.search.notFound}
        </p>
      ) : (
        <p className="muted p-small">{t.search.hint}</p>
      )}
    </form>
  );
}

/** Every account's own password: also the only page open while a one-time password is unchanged. */
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useMessages } from '../../shared/i18n.js';
import { accountMessages } from '../account-messages.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import type { PasswordChangeBody } from '../../../src/api/staff.js';

export function ChangePassword({ forced, onChanged }: { forced: boolean; onChanged: () => void }) {
  const a = useMessages(accountMessages);
  const [form, setForm] = useState({ current: '', password: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setDone(false);
        if (form.password !== form.repeat) {
          setError({ body: { zh: accountMessages.zh.mismatch, en: accountMessages.en.mismatch } });
          return;
        }
        api('POST', '/api/auth/password', { current: form.current, password: form.password } satisfies PasswordChangeBody)
          .then(() => {
            setForm({ current: '', password: '', repeat: '' });
            setDone(true);
            onChanged();
          })
          .catch(setError);
      }}
    >
      <h1>{a.changePassword}</h1>
      {forced ? (
        <p className="notice" role="status">
          {a.mustChange}
        </p>
      ) : null}
      <label htmlFor="cp-c">{a.current}</label>
      <input
        id="cp-c"
        type="password"
        autoComplete="current-password"
        value={form.current}
        onChange={(e) => setForm({ ...form, current: e.target.value })}
        required
      />
      <label htmlFor="cp-n">{a.next}</label>
      <input
        id="cp-n"
        type="password"
        autoComplete="new-password"
        minLength={12}
        aria-describedby="cp-policy"
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
        required
      />
      <p id="cp-policy" className="hint">
        {a.policy}
      </p>
      <label htmlFor="cp-r">{a.repeat}</label>
      <input
        id="cp-r"
        type="password"
        autoComplete="new-password"
        value={form.repeat}
        onChange={(e) => setForm({ ...form, repeat: e.target.value })}
        required
      />
      <ErrorBox error={error} />
      {done ? <p role="status">{a.changed}</p> : null}
      <p>
        <button className="primary" type="submit">
          {a.save}
        </button>
      </p>
    </form>
  );
}

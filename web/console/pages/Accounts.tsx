import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../ErrorBox.js';

interface Account {
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

export function Accounts() {
  const { t } = useSession();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'operator', password: '' });
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    api<{ accounts: Account[] }>('GET', '/api/admin/accounts')
      .then((r) => setAccounts(r.accounts))
      .catch(setError);
  useEffect(() => {
    void load();
  }, []);
  return (
    <>
      <h1>{t.accounts}</h1>
      <table>
        <thead>
          <tr>
            <th>{t.username}</th>
            <th>{t.displayName}</th>
            <th>{t.role}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.username}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{t.roles[a.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card"
        style={{ marginTop: '1rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          api('POST', '/api/admin/accounts', form)
            .then(() => {
              setForm({ username: '', displayName: '', role: 'operator', password: '' });
              return load();
            })
            .catch(setError);
        }}
      >
        <h2>{t.newAccount}</h2>
        <label htmlFor="na-u">{t.username}</label>
        <input id="na-u" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        <label htmlFor="na-d">{t.displayName}</label>
        <input id="na-d" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        <label htmlFor="na-r">{t.role}</label>
        <select id="na-r" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
          {Object.entries(t.roles).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor="na-p">{t.password}</label>
        <input
          id="na-p"
          type="password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          required
          minLength={10}
        />
        <ErrorBox error={error} />
        <p>
          <button className="primary" type="submit">
            {t.create}
          </button>
        </p>
      </form>
    </>
  );
}

/** Accounts, for admins: create (with a one-time password), reset a password, disable, re-enable. */
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useMessages } from '../../shared/i18n.js';
import { accountMessages } from '../account-messages.js';
import { useSession } from '../session.js';
import { ErrorBox } from '../../shared/ErrorBox.js';
import { useAsk } from '../ConfirmDialog.js';
import { ASK_MESSAGES } from '../event/mend-messages.js';
import type { Account, AccountList, District, DistrictList, NewAccountBody } from '../../../src/api/staff.js';

export function Accounts() {
  const { t, account: me, lang } = useSession();
  const a = useMessages(accountMessages);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const blank: Required<NewAccountBody> = { username: '', displayName: '', role: 'operator', password: '', district: me.district ?? '' };
  const [form, setForm] = useState(blank);
  const [districts, setDistricts] = useState<District[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = () =>
    api<AccountList>('GET', '/api/admin/accounts')
      .then((r) => setAccounts(r.accounts))
      .catch(setError);
  useEffect(() => {
    void load();
    api<DistrictList>('GET', '/api/districts')
      .then((r) => setDistricts(r.districts))
      .catch(setError);
  }, []);
  const districtName = (id: string | null) => (id === null ? a.cityLevel : (districts.find((d) => d.id === id)?.name ?? id));
  const { ask, element } = useAsk();
  const m = ASK_MESSAGES[lang];
  const run = async (username: string, what: 'reset' | 'disable' | 'enable') => {
    setError(null);
    setNotice('');
    const r = await api<{ password?: string }>('POST', `/api/admin/accounts/${encodeURIComponent(username)}/${what}`);
    if (r.password) setNotice(a.oneTime(username, r.password));
    await load();
  };
  const act = (username: string, what: 'reset' | 'disable' | 'enable') => {
    if (what === 'enable') return void run(username, what).catch(setError);
    ask({
      title: what === 'reset' ? a.confirmReset(username) : a.confirmDisable(username),
      body: null,
      irreversible: m.sessionsEnd,
      confirmLabel: what === 'reset' ? m.resetLabel : m.disableLabel,
      danger: what === 'disable',
      run: () => run(username, what),
    });
  };
  return (
    <>
      <h1>{t.accounts}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t.username}</th>
            <th>{t.displayName}</th>
            <th>{t.role}</th>
            <th title={a.tagHelp}>{a.tag}</th>
            {districts.length > 0 ? <th title={a.districtHelp}>{a.district}</th> : null}
            <th>{a.status}</th>
            <th>{a.actions}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((x) => (
            <tr key={x.username}>
              <td>
                <code>{x.username}</code>
              </td>
              <td>{x.displayName}</td>
              <td>{t.roles[x.role]}</td>
              <td>
                <code>
                  {x.role}:{x.tag}
                </code>
              </td>
              {districts.length > 0 ? <td>{districtName(x.district)}</td> : null}
              <td>{x.disabled ? a.disabled : x.mustChangePassword ? a.pending : a.active}</td>
              <td className="row">
                {x.username !== me.username ? (
                  <button type="button" onClick={() => act(x.username, 'reset')}>
                    {a.reset}
                  </button>
                ) : null}
                {x.disabled ? (
                  <button type="button" onClick={() => act(x.username, 'enable')}>
                    {a.enable}
                  </button>
                ) : (
                  <button type="button" onClick={() => act(x.username, 'disable')}>
                    {a.disable}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{a.tagHelp}</p>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setNotice('');
          const { district, ...rest } = form;
          api('POST', '/api/admin/accounts', (district ? { ...rest, district } : rest) satisfies NewAccountBody)
            .then(() => {
              setForm(blank);
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
        <select id="na-r" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as NewAccountBody['role'] })}>
          {Object.entries(t.roles).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        {districts.length > 0 ? (
          <>
            <label htmlFor="na-z">{a.district}</label>
            <select
              id="na-z"
              aria-describedby="na-zh"
              value={form.district}
              disabled={Boolean(me.district)}
              onChange={(e) => setForm({ ...form, district: e.target.value })}
            >
              <option value="">{a.cityLevel}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}（{d.code}）
                </option>
              ))}
            </select>
            <p id="na-zh" className="hint">
              {a.districtHelp}
            </p>
          </>
        ) : null}
        <label htmlFor="na-p">{t.password}</label>
        <input
          id="na-p"
          type="password"
          autoComplete="new-password"
          aria-describedby="na-policy"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          required
          minLength={12}
        />
        <p id="na-policy" className="hint">
          {a.policy} {a.createdOneTime}
        </p>
        <ErrorBox error={error} />
        <p>
          <button className="primary" type="submit">
            {t.create}
          </button>
        </p>
      </form>
      {element}
    </>
  );
}

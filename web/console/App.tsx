import { useEffect, useState } from 'react';
import { api, setCsrf } from '../shared/api.js';
import { setLang, useLang, useMessages, errorText } from '../shared/i18n.js';
import { messages } from './messages.js';
import { navigate, usePath } from './router.js';
import { SessionContext, type Account } from './session.js';
import { EventList } from './pages/EventList.js';
import { EventWizard } from './pages/EventWizard.js';
import { EventPage } from './pages/EventPage.js';
import { Accounts } from './pages/Accounts.js';
import { ChangePassword } from './pages/ChangePassword.js';
import { accountMessages } from './account-messages.js';
import { AccessLog, RetentionBanner } from './AccessLog.js';
import { PRIVACY_MESSAGES } from './privacy-messages.js';
import type { Me } from '../../src/api/staff.js';

export function App() {
  const t = useMessages(messages);
  const a = useMessages(accountMessages);
  const lang = useLang();
  const path = usePath();
  const [account, setAccount] = useState<Account | null | undefined>(undefined);

  useEffect(() => {
    api<Me>('GET', '/api/auth/me')
      .then((me) => {
        setCsrf(me.csrf);
        setAccount(me.account);
      })
      .catch(() => setAccount(null));
  }, []);

  useEffect(() => {
    document.title = `${t.brand} · ${t.console}`;
  }, [t]);

  if (account === undefined) return null;
  if (account === null) return <Login onLogin={(a) => setAccount(a)} />;

  const logout = async () => {
    await api('POST', '/api/auth/logout');
    setAccount(null);
  };

  let page;
  const m = /^\/events\/([^/]+)(?:\/(\w+))?/.exec(path);
  const changed = () => setAccount({ ...account, mustChangePassword: false });
  const overseer = account.role === 'admin' || account.role === 'supervisor';
  if (account.mustChangePassword) page = <ChangePassword forced onChanged={changed} />;
  else if (path === '/password') page = <ChangePassword forced={false} onChanged={changed} />;
  else if (path === '/events/new') page = <EventWizard />;
  else if (m) page = <EventPage id={decodeURIComponent(m[1]!)} tab={m[2] ?? 'overview'} />;
  else if (path === '/accounts') page = <Accounts />;
  else if (path === '/access-log' && overseer) page = <AccessLog />;
  else page = <EventList />;

  return (
    <SessionContext.Provider value={{ account, t, lang }}>
      <header className="top">
        <span className="brand">{t.brand}</span>
        <a href="/console/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          {t.events}
        </a>
        {account.role === 'admin' && (
          <a href="/console/accounts" onClick={(e) => (e.preventDefault(), navigate('/accounts'))}>
            {t.accounts}
          </a>
        )}
        {overseer && (
          <a href="/console/access-log" onClick={(e) => (e.preventDefault(), navigate('/access-log'))}>
            {PRIVACY_MESSAGES[lang].logTitle}
          </a>
        )}
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {t.apiDocs}
        </a>
        <span className="spacer" />
        <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.lang}
        </button>
        <a href="/console/password" onClick={(e) => (e.preventDefault(), navigate('/password'))}>
          {account.displayName}（{t.roles[account.role]}）· {a.changePassword}
        </a>
        <button className="link" onClick={() => void logout()}>
          {t.logout}
        </button>
      </header>
      <main className="page">
        {overseer && !account.mustChangePassword && <RetentionBanner />}
        {page}
      </main>
    </SessionContext.Provider>
  );
}

function Login({ onLogin }: { onLogin: (a: Account) => void }) {
  const t = useMessages(messages);
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const me = await api<Me>('POST', '/api/auth/login', { username, password });
      setCsrf(me.csrf);
      onLogin(me.account);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card login" onSubmit={(e) => void submit(e)}>
      <h1>
        {t.brand} · {t.console}
      </h1>
      <label htmlFor="u">{t.username}</label>
      <input id="u" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="p">{t.password}</label>
      <input
        id="p"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {error ? (
        <p className="error" role="alert">
          {errorText(error, lang)}
        </p>
      ) : null}
      <p className="row">
        <button className="primary" type="submit">
          {t.login}
        </button>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.lang}
        </button>
      </p>
    </form>
  );
}

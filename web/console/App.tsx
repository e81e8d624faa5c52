import { useEffect } from 'react';
import { api } from '../shared/api.js';
import { setLang, useLang, useMessages } from '../shared/i18n.js';
import { LoginForm } from '../shared/LoginForm.js';
import { useSignedIn } from '../shared/signed-in.js';
import { messages } from './messages.js';
import { navigate, usePath } from './router.js';
import { SessionContext } from './session.js';
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
  const [me, setMe] = useSignedIn<Me>();

  useEffect(() => {
    document.title = `${t.brand} · ${t.console}`;
  }, [t]);

  if (me === undefined) return null;
  if (me === null) {
    return (
      <LoginForm<Me>
        title={`${t.brand} · ${t.console}`}
        labels={{ username: t.username, password: t.password, login: t.login, lang: t.lang }}
        onLogin={setMe}
      />
    );
  }

  const logout = async () => {
    await api('POST', '/api/auth/logout');
    setMe(null);
  };

  let page;
  const m = /^\/events\/([^/]+)(?:\/(\w+))?/.exec(path);
  const account = me.account;
  const changed = () => setMe({ ...me, account: { ...account, mustChangePassword: false } });
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

/**
 * The staff login of the console and of the ceremony's control panel: user name and password, the
 * server's refusal beside the button, and a switch of language for whoever sits at the desk.
 */
import { useState, type ReactNode } from 'react';
import { api, setCsrf } from './api.js';
import { setLang, useLang } from './i18n.js';
import { useAction } from './action.js';
import { ErrorBox } from './ErrorBox.js';
import type { LoginBody } from '../../src/api/staff.js';

export interface LoginLabels {
  username: string;
  password: string;
  login: string;
  /** The button that switches to the other language, in that language ("English", "中文"). */
  lang: string;
}

/** Logs in; `onLogin` receives the server's answer (the account and its CSRF token, already in use). */
export function LoginForm<Me extends { csrf: string }>({
  title,
  labels,
  onLogin,
  bothLanguages = false,
}: {
  title: ReactNode;
  labels: LoginLabels;
  onLogin: (me: Me) => void;
  bothLanguages?: boolean;
}) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const a = useAction();
  const submit = () =>
    a.run(async () => {
      const me = await api<Me>('POST', '/api/auth/login', { username, password } satisfies LoginBody);
      setCsrf(me.csrf);
      onLogin(me);
    });
  return (
    <form
      className="card login"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{title}</h1>
      <label htmlFor="u">{labels.username}</label>
      <input id="u" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="p">{labels.password}</label>
      <input
        id="p"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <ErrorBox error={a.error} bothLanguages={bothLanguages} />
      <p className="row">
        <button className="primary" type="submit" disabled={a.busy}>
          {labels.login}
        </button>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {labels.lang}
        </button>
      </p>
    </form>
  );
}

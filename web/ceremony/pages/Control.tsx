/**
 * The operator's control panel, on the laptop's own screen while the projector shows the big
 * screen. Every action is one request to the server, which logs it and puts it on the screen.
 * Its sections are in ../control/, one per stage of the ceremony.
 */
import { useEffect } from 'react';
import { setLang, useLang, useMessages } from '../../shared/i18n.js';
import { LoginForm } from '../../shared/LoginForm.js';
import { useSignedIn } from '../../shared/signed-in.js';
import { controlMessages } from '../control-messages.js';
import { Panel } from '../control/Panel.js';
import type { Me } from '../../../src/api/staff.js';

export function Control({ eventId }: { eventId: string }) {
  const c = useMessages(controlMessages);
  const lang = useLang();
  const [me, setMe] = useSignedIn<Me>();
  useEffect(() => {
    document.title = c.title;
  }, [c]);
  if (me === undefined) return null;
  if (me === null) {
    return (
      <LoginForm<Me>
        title={c.title}
        labels={{ username: c.username, password: c.password, login: c.login, lang: lang === 'zh' ? 'English' : '中文' }}
        onLogin={setMe}
        bothLanguages
      />
    );
  }
  return (
    <div className="control">
      <header className="control-head">
        <strong>{c.title}</strong>
        <span className="spacer" />
        <span>
          {me.account.displayName}（{c.roles[me.account.role] ?? me.account.role}）
        </span>
        <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </header>
      <Panel eventId={eventId} c={c} canAct={me.account.role === 'operator'} />
    </div>
  );
}

import { useEffect } from 'react';
import { setLang, useLang } from '../shared/i18n.js';
import { messages } from './messages.js';
import { useRoute } from './router.js';
import { Link } from './ui.js';
import { EventList } from './pages/EventList.js';
import { EventPage } from './pages/EventPage.js';
import { ResultsPage } from './pages/ResultsPage.js';
import { ApplicantView } from './pages/ApplicantView.js';
import { PrivacyPage } from './pages/PrivacyPage.js';

export function App() {
  const lang = useLang();
  const t = messages[lang];
  const route = useRoute();

  useEffect(() => {
    document.title = `${t.brand} · ${t.portal}`;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [t, lang]);

  let page;
  if (route.page === 'event') page = <EventPage event={route.event} />;
  else if (route.page === 'privacy') page = <PrivacyPage event={route.event} />;
  else if (route.page === 'results') page = <ResultsPage event={route.event} unit={route.unit} />;
  else if (route.page === 'applicant') page = <ApplicantView event={route.event} reg={route.reg} />;
  else page = <EventList />;

  return (
    <>
      <header className="p-header">
        <Link to={{ page: 'events' }} className="p-brand">
          <span className="p-sun" aria-hidden="true" />
          {t.brand}
          <small>{t.portal}</small>
        </Link>
        <button className="p-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.switchLang}
        </button>
      </header>
      <main className="p-main">{page}</main>
    </>
  );
}

/**
 * The ceremony's pages, chosen by path:
 *   /ceremony/<event>          the big screen (public, follows the log)
 *   /ceremony/<event>/live     the public live view for phones
 *   /ceremony/<event>/control  the operator's control panel (login)
 *   /ceremony/<event>/witness  a witness's phone, with the one-time token after #
 *   /ceremony/<event>/reps     the parent representatives, for printing
 */
import { Display } from './pages/Display.js';
import { Live } from './pages/Live.js';
import { Control } from './pages/Control.js';
import { Witness } from './pages/Witness.js';
import { RepsPrint } from './pages/RepsPrint.js';

export function route(pathname: string): { page: string; eventId: string } | null {
  const m = /^\/ceremony\/([^/]+)(?:\/(live|control|witness|reps))?\/?$/.exec(pathname);
  if (!m) return null;
  return { eventId: decodeURIComponent(m[1]!), page: m[2] ?? 'display' };
}

export function App() {
  const r = route(location.pathname);
  document.body.dataset.page = r?.page ?? 'none';
  if (!r) {
    return (
      <main className="card" style={{ margin: '2rem auto', maxWidth: 640 }}>
        <h1>阳光摇号 · 摇号现场</h1>
        <p>请从工作台的摇号批次页面打开摇号现场：/ceremony/&lt;批次编号&gt;。</p>
        <p>Open the ceremony from an event in the console: /ceremony/&lt;event id&gt;.</p>
      </main>
    );
  }
  switch (r.page) {
    case 'live':
      return <Live eventId={r.eventId} />;
    case 'control':
      return <Control eventId={r.eventId} />;
    case 'witness':
      return <Witness />;
    case 'reps':
      return <RepsPrint eventId={r.eventId} />;
    default:
      return <Display eventId={r.eventId} />;
  }
}

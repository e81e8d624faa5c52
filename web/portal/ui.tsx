/** Small shared pieces of the portal: links, loading of data, hashes, status badges. */
import { Term } from '../shared/Term.js';
import { useEffect, useState, type ReactNode } from 'react';
import { errorText, useLang } from '../shared/i18n.js';
import { href, navigate, type Route } from './router.js';
import { messages } from './messages.js';

export function Link({ to, children, className }: { to: Route; children: ReactNode; className?: string }) {
  return (
    <a
      className={className}
      href={href(to)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

/** Loads data for a page; `key` changes reload it. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [s, setS] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setS({ state: 'loading' });
    load().then(
      (value) => live && setS({ state: 'ok', value }),
      (error: unknown) => live && setS({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return s;
}

export function Status<T>({ of, children }: { of: Loaded<T>; children: (v: T) => ReactNode }) {
  const lang = useLang();
  const t = messages[lang];
  if (of.state === 'loading') return <p className="muted">{t.loading}</p>;
  if (of.state === 'error') return <p className="error" role="alert">{`${t.error}：${errorText(of.error, lang)}`}</p>;
  return <>{children(of.value)}</>;
}

export function Hash({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="kv">
      <div className="k">
        <Term label={label} />
      </div>
      <code className="hash v">{value}</code>
    </div>
  );
}

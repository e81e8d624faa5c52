/**
 * Languages: zh-CN by default, English on request. Each page family has its own typed dictionary
 * (`Messages`); a missing key in English is a type error, not a blank on screen.
 */
import { useSyncExternalStore } from 'react';

export type Lang = 'zh' | 'en';

let lang: Lang = (typeof localStorage !== 'undefined' && (localStorage.getItem('fairdraw.lang') as Lang | null)) || 'zh';
const listeners = new Set<() => void>();

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('fairdraw.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((f) => f());
}

export function useLang(): Lang {
  return useSyncExternalStore(
    (f) => {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    () => lang,
  );
}

/** Picks the dictionary of the current language. */
export function useMessages<M>(dict: { zh: M; en: M }): M {
  return dict[useLang()];
}

/** A server error in the current language. */
export function errorText(e: unknown, l: Lang): string {
  const body = (e as { body?: { zh: string; en: string } }).body;
  if (body) return l === 'zh' ? body.zh : body.en;
  return e instanceof Error ? e.message : String(e);
}

/**
 * A server error as its line in `l` and, when `both` and the other language says something else,
 * that line too.
 */
export function errorLines(e: unknown, l: Lang, both: boolean): { main: string; other?: string } {
  const main = errorText(e, l);
  if (!both) return { main };
  const other = errorText(e, l === 'zh' ? 'en' : 'zh');
  return other === main ? { main } : { main, other };
}

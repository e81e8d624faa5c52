/** A tiny router over the History API for paths under /console/. */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((f) => f()));

export function navigate(path: string): void {
  history.pushState(null, '', `/console${path}`);
  listeners.forEach((f) => f());
}

/** The path after /console, e.g. "/events/zlj-2020". */
export function usePath(): string {
  return useSyncExternalStore(
    (f) => {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    () => location.pathname.replace(/^\/console/, '') || '/',
  );
}

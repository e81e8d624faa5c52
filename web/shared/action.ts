/**
 * An action a person starts with a button: while it runs the button is busy, and if it fails its
 * error is kept to show beside the button (the server's words, never re-worded). `useAction` holds
 * the state; `runAction` is what it does, apart from React.
 */
import { useState } from 'react';

export interface ActionState {
  setBusy(busy: boolean): void;
  setError(error: unknown): void;
}

/**
 * Runs `fn`: busy and no error while it runs; its error, if any, kept after. `after` runs last
 * whether `fn` succeeded or not (a page reloads what the server now says, which a refused action
 * may also have changed). Resolves with whether `fn` succeeded; never rejects on `fn`'s error.
 */
export async function runAction(state: ActionState, fn: () => Promise<unknown>, after?: () => Promise<void>): Promise<boolean> {
  state.setBusy(true);
  state.setError(null);
  try {
    await fn();
    return true;
  } catch (e) {
    state.setError(e);
    return false;
  } finally {
    state.setBusy(false);
    if (after) await after();
  }
}

export interface Action {
  busy: boolean;
  error: unknown;
  run(fn: () => Promise<unknown>): Promise<boolean>;
  setError(error: unknown): void;
}

/** One action's busy flag and error (see runAction); `after` runs after every attempt. */
export function useAction(after?: () => Promise<void>): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return { busy, error, run: (fn) => runAction({ setBusy, setError }, fn, after), setError };
}

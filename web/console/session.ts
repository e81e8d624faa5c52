/** The logged-in account, shared by the console's pages. */
import { createContext, useContext } from 'react';
import type { Messages } from './messages.js';
import type { Account } from '../../src/api/staff.js';

export type { Account };

export interface Ctx {
  account: Account;
  t: Messages;
  lang: 'zh' | 'en';
}

export const SessionContext = createContext<Ctx | null>(null);

export function useSession(): Ctx {
  const c = useContext(SessionContext);
  if (!c) throw new Error('useSession outside the console');
  return c;
}

/** The logged-in account, shared by the console's pages. */
import { createContext, useContext } from 'react';
import type { Messages } from './messages.js';

export interface Account {
  username: string;
  displayName: string;
  role: 'admin' | 'operator' | 'supervisor';
  /** A one-time password is still to be changed: only the password page is open. */
  mustChangePassword?: boolean;
  tag?: string;
  /** 区县: the district the account works for; null or absent: the city. */
  district?: string | null;
}

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

/**
 * Accounts and login: roles admin (accounts, settings), operator (the lottery flow) and supervisor
 * (notary and inspectors: read everything, co-sign, never edit). Five failed logins lock an account
 * for 15 minutes; sessions expire after 8 hours without use.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FairDrawError } from '../../core/errors.js';
import type { Role } from '../../store/schema.js';
import type { Office } from '../ports.js';
import { hashPassword, oneTimePassword, verifyPassword } from './passwords.js';

export const ROLES: readonly Role[] = ['admin', 'operator', 'supervisor'];
export const SESSION_HOURS = 8;
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export interface AccountView {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
}

export interface SessionInfo {
  token: string;
  csrf: string;
  account: AccountView;
  expiresAt: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;

export async function createAccount(
  office: Office,
  input: { username: string; displayName?: string; role: Role; password: string },
): Promise<AccountView> {
  if (!USERNAME.test(input.username)) {
    throw new FairDrawError('account.username', '用户名须为 2–32 个字母、数字或 _.-', 'the username must be 2–32 letters, digits or _.-', {
      field: 'username',
    });
  }
  if (!ROLES.includes(input.role))
    throw new FairDrawError('account.role', '角色须为 admin、operator 或 supervisor', 'the role must be admin, operator or supervisor', {
      field: 'role',
    });
  if (input.password.length < 10)
    throw new FairDrawError('account.password', '密码至少 10 个字符', 'the password needs at least 10 characters', { field: 'password' });
  const repos = office.store.repos;
  if (await repos.accounts.get(input.username))
    throw new FairDrawError('account.exists', `用户 ${input.username} 已存在`, `the account ${input.username} already exists`, {
      field: 'username',
    });
  await repos.accounts.insert({
    username: input.username,
    display_name: input.displayName?.trim() || input.username,
    role: input.role,
    password_hash: await hashPassword(input.password),
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    created_at: office.clock.now().toISOString(),
  });
  return { username: input.username, displayName: input.displayName?.trim() || input.username, role: input.role, disabled: false };
}

/** On a first start with no account, creates `admin` with a one-time password to print once. */
export async function ensureFirstAdmin(office: Office): Promise<string | undefined> {
  if ((await office.store.repos.accounts.count()) > 0) return undefined;
  const password = oneTimePassword();
  await createAccount(office, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return password;
}

const hashToken = (t: string): string => createHash('sha256').update(t).digest('hex');

const badLogin = (): FairDrawError =>
  new FairDrawError('auth.failed', '用户名或密码错误', 'wrong username or password', { field: 'password' });

export async function login(office: Office, username: string, password: string): Promise<SessionInfo> {
  const repos = office.store.repos;
  const now = office.clock.now();
  const acc = await repos.accounts.get(username);
  if (!acc || acc.disabled) {
    await verifyPassword(password, 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='); // same time either way
    throw badLogin();
  }
  if (acc.locked_until && acc.locked_until > now.toISOString()) {
    throw new FairDrawError(
      'auth.locked',
      `登录失败次数过多，账户已锁定至 ${acc.locked_until}`,
      `too many failed logins; the account is locked until ${acc.locked_until}`,
      { field: 'username' },
    );
  }
  if (!(await verifyPassword(password, acc.password_hash))) {
    const failures = acc.failed_attempts + 1;
    const lock = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await repos.accounts.update(username, { failed_attempts: lock ? 0 : failures, locked_until: lock });
    throw badLogin();
  }
  await repos.accounts.update(username, { failed_attempts: 0, locked_until: null });
  await repos.accounts.deleteExpired(now.toISOString());
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await repos.accounts.insertSession({
    token_hash: hashToken(token),
    username,
    csrf,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, csrf, expiresAt, account: view(acc) };
}

/** The session behind a cookie's token, extended on use; undefined when absent or expired. */
export async function sessionOf(office: Office, token: string | undefined): Promise<Omit<SessionInfo, 'token'> | undefined> {
  if (!token) return undefined;
  const repos = office.store.repos;
  const s = await repos.accounts.session(hashToken(token));
  const now = office.clock.now();
  if (!s || s.expires_at <= now.toISOString()) return undefined;
  const acc = await repos.accounts.get(s.username);
  if (!acc || acc.disabled) return undefined;
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await repos.accounts.extendSession(s.token_hash, expiresAt);
  return { csrf: s.csrf, expiresAt, account: view(acc) };
}

export async function logout(office: Office, token: string | undefined): Promise<void> {
  if (token) await office.store.repos.accounts.deleteSession(hashToken(token));
}

export function view(a: { username: string; display_name: string; role: Role; disabled: number }): AccountView {
  return { username: a.username, displayName: a.display_name, role: a.role, disabled: a.disabled !== 0 };
}

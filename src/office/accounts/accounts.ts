/**
 * Accounts and login: roles admin (accounts, settings), operator (the lottery flow) and supervisor
 * (notary and inspectors: read everything, co-sign, never edit).
 *
 * - Passwords follow the policy in password-policy.ts; a one-time password (the first admin's,
 *   printed at first start, or an admin's reset) must be changed before anything else is allowed.
 * - Login always runs scrypt and gives one answer for an unknown user, a disabled one and a wrong
 *   password. Guessing is slowed per client (login-guard.ts), never by locking the account.
 * - A session lives at most SESSION_HOURS from login, and lapses after IDLE_HOURS without an
 *   authenticated request; only such requests extend it.
 * - The last enabled admin cannot be disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FairDrawError } from '../../core/errors.js';
import type { Role } from '../../store/schema.js';
import type { Office } from '../ports.js';
import { hashPassword, oneTimePassword, verifyPassword } from './passwords.js';
import { checkPassword } from './password-policy.js';
import { LoginGuard } from './login-guard.js';
import { accountsInScope, CITY, districtForNew, logAccountDistrict, type Scope } from '../districts.js';

export const ROLES: readonly Role[] = ['admin', 'operator', 'supervisor'];
/** Absolute lifetime of a session, from login. */
export const SESSION_HOURS = 12;
/** A session without an authenticated request for this long ends. */
export const IDLE_HOURS = 2;

export interface AccountView {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** Public name in logs: `role:tag`. */
  tag: string;
  mustChangePassword: boolean;
  /** The district the account works for; null: the city (every event). */
  district: string | null;
}

export interface SessionInfo {
  token: string;
  csrf: string;
  account: AccountView;
  expiresAt: string;
}

export interface SessionState extends Omit<SessionInfo, 'token'> {
  tokenHash: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;

function usernameOk(username: string): void {
  if (!USERNAME.test(username)) {
    throw new FairDrawError('account.username', '用户名须为 2–32 个字母、数字或 _.-', 'the username must be 2–32 letters, digits or _.-', {
      field: 'username',
    });
  }
}

async function account(office: Office, username: string) {
  const acc = await office.store.repos.accounts.get(username);
  if (!acc) throw new FairDrawError('account.missing', `没有账户 ${username}`, `there is no account ${username}`, { field: 'username' });
  return acc;
}

/**
 * `input.district`: the district the account works for (none: the city). `options.scope`: who
 * creates it — a district's admin creates accounts of its own district only. `options.actor` names
 * the creator in the city's log, where giving an account a district is recorded.
 */
export async function createAccount(
  office: Office,
  input: { username: string; displayName?: string; role: Role; password: string; district?: string | null },
  options: { mustChangePassword?: boolean; scope?: Scope; actor?: string } = {},
): Promise<AccountView> {
  usernameOk(input.username);
  if (!ROLES.includes(input.role))
    throw new FairDrawError('account.role', '角色须为 admin、operator 或 supervisor', 'the role must be admin, operator or supervisor', {
      field: 'role',
    });
  checkPassword(input.username, input.password);
  const repos = office.store.repos;
  if (await repos.accounts.get(input.username))
    throw new FairDrawError('account.exists', `用户 ${input.username} 已存在`, `the account ${input.username} already exists`, {
      field: 'username',
    });
  const now = office.clock.now().toISOString();
  const row = {
    username: input.username,
    display_name: input.displayName?.trim() || input.username,
    role: input.role,
    password_hash: await hashPassword(input.password),
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    created_at: now,
    must_change_password: options.mustChangePassword ? 1 : 0,
    password_changed_at: now,
    tag: randomBytes(4).toString('hex'),
    district_id: await districtForNew(repos, options.scope ?? CITY, input.district),
  };
  const district = row.district_id;
  if (district === null) await repos.accounts.insert(row);
  else {
    await office.store.tx(async (t) => {
      await t.accounts.insert(row);
      await logAccountDistrict(t, office, options.actor ?? 'system', row, district);
    });
  }
  return view(row);
}

/** On a first start with no account, creates `admin` with a one-time password to print once. */
export async function ensureFirstAdmin(office: Office): Promise<string | undefined> {
  if ((await office.store.repos.accounts.count()) > 0) return undefined;
  const password = oneTimePassword();
  try {
    await createAccount(office, { username: 'admin', displayName: '系统管理员', role: 'admin', password }, { mustChangePassword: true });
  } catch (e) {
    // Another server instance on the same database made it a moment ago (it printed the password).
    if (await office.store.repos.accounts.get('admin')) return undefined;
    throw e;
  }
  return password;
}

const hashToken = (t: string): string => createHash('sha256').update(t).digest('hex');

/** Verified against when there is no account: the same work (and time) as a real check. */
let dummyHash: Promise<string> | undefined;

const badLogin = (): FairDrawError =>
  new FairDrawError('auth.failed', '用户名或密码错误', 'wrong username or password', { field: 'password' });

const guards = new WeakMap<object, LoginGuard>();
/** The office's login guard (one per running server: it lives in memory). */
export function loginGuard(office: Office): LoginGuard {
  let g = guards.get(office.store);
  if (!g) guards.set(office.store, (g = new LoginGuard()));
  return g;
}

/**
 * Logs in from `client` (the caller's network address). The answer is the same for an unknown
 * user, a disabled account and a wrong password; too many failures from one client make it wait.
 */
export async function login(office: Office, username: string, password: string, client = 'local'): Promise<SessionInfo> {
  const repos = office.store.repos;
  const guard = loginGuard(office);
  const started = guard.begin(client, office.clock.now().getTime());
  if (!started.ok) {
    const s = Math.ceil(started.waitMs / 1000);
    throw new FairDrawError(
      'auth.backoff',
      `登录失败次数过多，请 ${s} 秒后再试`,
      `too many failed logins from this device; try again in ${s} s`,
      { field: 'password' },
    );
  }
  const acc = await repos.accounts.get(username);
  const ok = await verifyPassword(password, acc?.password_hash ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString('hex')))));
  if (!acc || !ok || acc.disabled) {
    if (acc) await repos.accounts.countFailure(username);
    guard.failed(client, office.clock.now().getTime());
    throw badLogin();
  }
  guard.succeed(client);
  const now = office.clock.now();
  await repos.accounts.update(username, { failed_attempts: 0, locked_until: null });
  await repos.accounts.deleteExpired(now.toISOString());
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + IDLE_HOURS * 3600_000).toISOString();
  await repos.accounts.insertSession({
    token_hash: hashToken(token),
    username,
    csrf,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, csrf, expiresAt, account: view(acc) };
}

const absoluteEnd = (createdAt: string): number => new Date(createdAt).getTime() + SESSION_HOURS * 3600_000;

/** The session behind a cookie's token, or undefined when absent, expired or its account disabled. Does not extend it. */
export async function sessionOf(office: Office, token: string | undefined): Promise<SessionState | undefined> {
  if (!token || token.length > 200) return undefined;
  const repos = office.store.repos;
  const tokenHash = hashToken(token);
  const s = await repos.accounts.session(tokenHash);
  const now = office.clock.now();
  if (!s || s.expires_at <= now.toISOString() || absoluteEnd(s.created_at) <= now.getTime()) return undefined;
  const acc = await repos.accounts.get(s.username);
  if (!acc || acc.disabled) return undefined;
  return { tokenHash, csrf: s.csrf, expiresAt: s.expires_at, account: view(acc) };
}

/** Extends a session after an authenticated request: IDLE_HOURS more, never past its absolute end. */
export async function touchSession(office: Office, s: SessionState): Promise<string> {
  // A write like any other, through the store's transaction: while an import stores a large list in
  // parts, it waits for the part being written without holding up the thread that answers requests.
  return office.store.tx(async (repos) => {
    const row = await repos.accounts.session(s.tokenHash);
    if (!row) return s.expiresAt;
    const end = Math.min(office.clock.now().getTime() + IDLE_HOURS * 3600_000, absoluteEnd(row.created_at));
    const expiresAt = new Date(end).toISOString();
    await repos.accounts.extendSession(s.tokenHash, expiresAt);
    return expiresAt;
  });
}

export async function logout(office: Office, token: string | undefined): Promise<void> {
  if (token) await office.store.repos.accounts.deleteSession(hashToken(token));
}

/** Every account changes its own password with the current one; its other sessions end. */
export async function changePassword(
  office: Office,
  username: string,
  current: string,
  next: string,
  keepSession?: string,
): Promise<AccountView> {
  const acc = await account(office, username);
  if (!(await verifyPassword(current, acc.password_hash))) {
    throw new FairDrawError('account.current-password', '当前密码不正确', 'the current password is wrong', { field: 'current' });
  }
  if (current === next) {
    throw new FairDrawError('account.password', '新密码不能与当前密码相同', 'the new password must differ from the current one', {
      field: 'password',
    });
  }
  checkPassword(username, next);
  const repos = office.store.repos;
  await repos.accounts.update(username, {
    password_hash: await hashPassword(next),
    must_change_password: 0,
    password_changed_at: office.clock.now().toISOString(),
  });
  await repos.accounts.deleteSessionsOf(username, keepSession);
  return view({ ...acc, must_change_password: 0 });
}

/** An admin's reset: a one-time password to hand over in person; it must be changed at first login. */
export async function resetPassword(office: Office, username: string): Promise<string> {
  await account(office, username);
  const password = oneTimePassword();
  const repos = office.store.repos;
  await repos.accounts.update(username, {
    password_hash: await hashPassword(password),
    must_change_password: 1,
    failed_attempts: 0,
    locked_until: null,
    password_changed_at: office.clock.now().toISOString(),
  });
  await repos.accounts.deleteSessionsOf(username);
  return password;
}

/** Disables or re-enables an account; disabling ends its sessions; the last enabled admin stays. */
export async function setDisabled(office: Office, username: string, disabled: boolean): Promise<AccountView> {
  const acc = await account(office, username);
  const repos = office.store.repos;
  if (disabled && acc.role === 'admin' && !acc.disabled && (await repos.accounts.otherActiveAdmins(username)) === 0) {
    throw new FairDrawError(
      'account.last-admin',
      `${username} 是最后一个启用的管理员账户，不能停用（请先建立或启用另一个管理员）`,
      `${username} is the last enabled admin and cannot be disabled (create or enable another admin first)`,
      { field: 'username' },
    );
  }
  await repos.accounts.update(username, { disabled: disabled ? 1 : 0, ...(disabled ? {} : { failed_attempts: 0, locked_until: null }) });
  if (disabled) await repos.accounts.deleteSessionsOf(username);
  return view({ ...acc, disabled: disabled ? 1 : 0 });
}

/** The audit log's and live feed's name for an account: its role and public tag, never the username. */
export function publicActor(a: { role: Role; tag: string }): string {
  return `${a.role}:${a.tag}`;
}

export function view(a: {
  username: string;
  display_name: string;
  role: Role;
  disabled: number;
  tag: string | null;
  must_change_password: number;
  district_id?: string | null;
}): AccountView {
  return {
    username: a.username,
    displayName: a.display_name,
    role: a.role,
    disabled: a.disabled !== 0,
    tag: a.tag ?? '',
    mustChangePassword: a.must_change_password !== 0,
    district: a.district_id ?? null,
  };
}

/** Every account, as an admin sees it. */
/** The accounts an admin of `scope` sees: a district's admin its district's, the city's every one. */
export async function listAccounts(office: Office, scope: Scope): Promise<AccountView[]> {
  return (await accountsInScope(office.store.repos, scope)).map(view);
}

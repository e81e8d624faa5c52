/** Accounts and sessions. */
import type { DB } from '../db.js';
import type { AccountsTable, SessionsTable } from '../schema.js';

export type AccountRow = AccountsTable;
export type SessionRow = SessionsTable;

export class AccountsRepository {
  constructor(private readonly db: DB) {}

  get(username: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  }

  list(): Promise<AccountRow[]> {
    return this.db.selectFrom('accounts').selectAll().orderBy('created_at').execute();
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(row: AccountRow): Promise<void> {
    await this.db.insertInto('accounts').values(row).execute();
  }

  async update(username: string, patch: Partial<Omit<AccountRow, 'username'>>): Promise<void> {
    await this.db.updateTable('accounts').set(patch).where('username', '=', username).execute();
  }

  /** One more failed login, counted in the database (parallel guesses each count). */
  async countFailure(username: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('username', '=', username)
      .execute();
  }

  /** Enabled admins other than `except`. */
  async otherActiveAdmins(except: string): Promise<number> {
    const r = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .where('username', '!=', except)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  session(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async extendSession(tokenHash: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of `username` (but `keep`, the token hash of the session that asked). */
  async deleteSessionsOf(username: string, keep?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('username', '=', username);
    if (keep) q = q.where('token_hash', '!=', keep);
    await q.execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}

/**
 * Staff accounts for the access tests (auth.test.ts, access.test.ts), stored as `createAccount`
 * stores them but with the password hashed at scrypt N = 2^10 instead of the office's 2^17.
 *
 * These tests are about who may call what, not about hashing: at 2^17 each account and each login
 * costs seconds on a busy machine, which made one mutation run of the access checks take hours.
 * Login itself is the office's own code: `verifyPassword` reads the cost from the stored hash, as
 * it does for hashes made before a cost was raised. Nothing here is reachable from the office's
 * configuration; the production cost is checked in test/server/api.test.ts and used by every other
 * test that creates an account.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import type { Office } from '../../src/office/ports.js';
import type { Role } from '../../src/store/schema.js';

export const QUICK_COST = 2 ** 10;

export async function quickAccount(
  office: Office,
  input: { username: string; role: Role; password: string },
  options: { mustChangePassword?: boolean; district?: string } = {},
): Promise<void> {
  const salt = randomBytes(16);
  const key = scryptSync(input.password.normalize('NFC'), salt, 32, { N: QUICK_COST, r: 8, p: 1 });
  const now = office.clock.now().toISOString();
  await office.store.repos.accounts.insert({
    username: input.username,
    display_name: input.username,
    role: input.role,
    password_hash: `scrypt$${QUICK_COST}$8$1$${salt.toString('base64')}$${key.toString('base64')}`,
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    created_at: now,
    must_change_password: options.mustChangePassword ? 1 : 0,
    password_changed_at: now,
    tag: randomBytes(4).toString('hex'),
    ...(options.district ? { district_id: options.district } : {}),
  });
}

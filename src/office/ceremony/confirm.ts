/**
 * 双人确认: a sealed entry on the hall keyboard is confirmed by a second staff member, of a role other
 * than the operator's, who types their own password on the spot. Returns who confirmed (role:tag).
 */
import { FairDrawError } from '../../core/errors.js';
import { verifyPassword } from '../accounts/passwords.js';
import { publicActor } from '../accounts/accounts.js';
import type { Actor, Office } from '../ports.js';

export async function confirmingStaff(office: Office, actor: Actor, username: string, password: string): Promise<string> {
  const refuse = (): never => {
    throw new FairDrawError(
      'ceremony.confirm',
      '确认失败：须由另一角色（如监督员）的工作人员输入自己的用户名和密码',
      'not confirmed: a staff member of another role (e.g. a supervisor) must enter their own username and password',
      { field: 'confirm' },
    );
  };
  const [actorRole, actorTag] = actor.split(':');
  const acc = await office.store.repos.accounts.get(username);
  if (!acc || acc.disabled || acc.tag === actorTag || acc.role === actorRole) {
    // The same time either way.
    await verifyPassword(password, 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    return refuse();
  }
  if (acc.locked_until && acc.locked_until > office.clock.now().toISOString()) return refuse();
  if (!(await verifyPassword(password, acc.password_hash))) return refuse();
  // The public log names the confirming staff member by role and tag, never by username.
  return publicActor(acc);
}

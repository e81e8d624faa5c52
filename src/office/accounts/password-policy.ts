/**
 * The password policy, one rule at a time, each refusal naming what to change: at least 12
 * characters; not a common password (or one repeated, or one with digits or signs added); not a
 * run of one character or of the keyboard's or alphabet's order; never containing the username.
 */
import { FairDrawError } from '../../core/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 12;
const COMMON = new Set(COMMON_PASSWORDS);
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
];

const refuse = (zh: string, en: string): FairDrawError => new FairDrawError('account.password', zh, en, { field: 'password' });

/** A string made of one shorter unit repeated (aaaaaaaaaaaa, abcabcabcabc, 123456123456). */
function repeats(s: string): string | undefined {
  for (let n = 1; n <= s.length / 2; n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return s.slice(0, n);
  }
  return undefined;
}

/** Part of an ascending or descending run of the digits, the alphabet or a keyboard row. */
function isRun(s: string): boolean {
  if (s.length < 4) return false;
  return RUNS.some((r) => r.includes(s) || [...r].reverse().join('').includes(s));
}

function isCommon(lower: string): boolean {
  const unit = repeats(lower) ?? lower;
  if (unit !== lower && unit.length < 6) return true; // aaaaaaaaaaaa, abcabcabcabc
  if (COMMON.has(unit) || isRun(unit)) return true;
  // A common word with digits or signs before or after it: password2026!, !!iloveyou, 2026woaini.
  const core = unit.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
  if (core.length >= 4 && core !== unit && (COMMON.has(core) || COMMON.has(repeats(core) ?? core))) return true;
  return false;
}

/** Throws `account.password` when `password` may not be used by `username`. */
export function checkPassword(username: string, password: string): void {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    throw refuse(
      `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符（现在 ${chars.length} 个）；可以用几个词组成一句好记的话`,
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters (it has ${chars.length}); a few words make a phrase easy to remember`,
    );
  }
  if (chars.length > 256) throw refuse('密码不能超过 256 个字符', 'the password may have at most 256 characters');
  const lower = password.normalize('NFKC').toLowerCase();
  if (username && lower.includes(username.toLowerCase())) {
    throw refuse('密码不能包含用户名', 'the password must not contain the username');
  }
  if (isCommon(lower) || isCommon(lower.replace(/[\s_.-]+/g, ''))) {
    throw refuse('这个密码太常见，很容易被猜到，请换一个', 'this password is too common and easy to guess; choose another');
  }
}

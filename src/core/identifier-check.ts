/** Contract §1: identifiers (drawId, unit ids, applicant ids, group ids). */
import { fail, type Where } from './errors.js';

const CHAR = '[0-9A-Za-z_.-]';
const ID = new RegExp(`^${CHAR}{1,64}$`);

/** 1 for the bytes an identifier may hold, 0 for the others (for scanners reading bytes). */
const ONE = new RegExp(`^${CHAR}$`);
export const ID_BYTE = Uint8Array.from({ length: 256 }, (_, c) => (ONE.test(String.fromCharCode(c)) ? 1 : 0));

export function isIdentifier(s: unknown): s is string {
  return typeof s === 'string' && ID.test(s);
}

/** Refuses anything but 1–64 characters of `[0-9A-Za-z_.-]`. */
export function checkIdentifier(s: unknown, where: Where, what: { zh: string; en: string }): string {
  if (!isIdentifier(s)) {
    fail(
      'id.invalid',
      `${what.zh}必须是 1–64 个字符的 [0-9A-Za-z_.-]，实际为 ${JSON.stringify(s)}`,
      `${what.en} must be 1–64 characters of [0-9A-Za-z_.-], found ${JSON.stringify(s)}`,
      where,
    );
  }
  return s;
}

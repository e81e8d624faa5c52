/**
 * Sealing a witness value (docs/ceremony-protocol.md), shared by the witness's phone and the hall
 * keyboard of the control panel: the value as it is sealed, a fresh salt, and the sealing code as
 * the witness writes it down.
 */

/** The value as it is sealed and revealed: NFC, without surrounding spaces. */
export function sealedValue(typed: string): string {
  return typed.normalize('NFC').trim();
}

/** 32 random bytes from the browser, as hex (plain-http hall pages have getRandomValues, which is all this needs). */
export function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The sealing code as the witness writes it down: groups of eight. */
export function sealingCode(hex: string): string {
  return (hex.match(/.{1,8}/g) ?? []).join(' ');
}

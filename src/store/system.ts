/** The real clock and randomness (node:crypto) behind the office's ports. */
import { randomBytes, randomInt } from 'node:crypto';
import type { Clock, Random } from '../office/ports.js';

export const systemClock: Clock = { now: () => new Date() };

// No 0/O, 1/I/L: numbers are read aloud and typed by parents.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function draw(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export const systemRandom: Random = {
  // 10 symbols of 31: about 49.5 bits, so registration numbers cannot be guessed or enumerated.
  registrationNumber: () => draw(10),
  groupId: () => `G${draw(8)}`,
  rehearsalValue: () => String(randomInt(1_000_000)).padStart(6, '0'),
  salt: () => randomBytes(32).toString('hex'),
};

/** The real clock and randomness (node:crypto) behind the office's ports. */
import { randomFillSync, randomInt } from 'node:crypto';
import type { Clock, Random } from '../office/ports.js';

export const systemClock: Clock = { now: () => new Date() };

// No 0/O, 1/I/L: numbers are read aloud and typed by parents.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Bytes below this are used (b % 31 is then uniform); the rest are drawn again. */
const BYTE_LIMIT = 256 - (256 % ALPHABET.length);

/**
 * The operating system's CSPRNG, read 16 KiB at a time: an import of 100,000 applicants draws a
 * registration number and a salt for each, and one system call per value had cost 0.8 s.
 */
const pool = Buffer.alloc(16384);
let at = pool.length;

function bytes(n: number): Buffer {
  if (at + n > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const out = pool.subarray(at, at + n);
  at += n;
  return out;
}

function draw(n: number): string {
  let s = '';
  while (s.length < n) {
    const b = bytes(1)[0]!;
    if (b < BYTE_LIMIT) s += ALPHABET[b % ALPHABET.length];
  }
  return s;
}

export const systemRandom: Random = {
  // 10 symbols of 31: about 49.5 bits, so registration numbers cannot be guessed or enumerated.
  registrationNumber: () => draw(10),
  groupId: () => `G${draw(8)}`,
  rehearsalValue: () => String(randomInt(1_000_000)).padStart(6, '0'),
  // Each value's bytes are used once: the pool moves past them before anything else is drawn.
  salt: () => bytes(32).toString('hex'),
  system: true,
};

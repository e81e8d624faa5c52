/**
 * Contract §6: entrants (an applicant alone, or a whole multiple-birth group) and their tickets,
 * `HMAC(seed, enc("fairdraw/ticket/v1") ‖ enc(scope) ‖ enc(kind) ‖ enc(name))`. A ticket is a keyed
 * hash of public names, so each family can recompute its own, and the ranking does not depend on the
 * order in which records were given.
 */
import { concat, enc, toHex, utf8 } from './bytes.js';
import { hmacSha256 } from './hash.js';
import { hmacStates } from './sha256-block.js';
import { hashMessages, paddedBlocks, type MessageSet } from './sha256-lanes.js';
import type { ApplicantList } from './list.js';
import type { IdTable } from './id-table.js';
import type { TieBreak, Unit } from './rules.js';

export const TICKET_TAG = 'fairdraw/ticket/v1';
export type EntrantKind = 'applicant' | 'group';
export const KIND_NAMES: readonly EntrantKind[] = ['applicant', 'group'];

/**
 * The entrants of a list, in flat arrays. Entrant e has kind `kind[e]` (0 applicant, 1 group), name
 * `names` entry e (the applicant's id or the group's), `size[e]` members (list indices at
 * memberStart[e]..memberStart[e+1], in id order) and choices ("pairs") at pairStart[e]..pairStart[e+1],
 * most wanted first.
 */
export interface Entrants {
  count: number;
  kind: Uint8Array;
  names: IdTable;
  size: Uint32Array;
  memberStart: Uint32Array;
  members: Uint32Array;
  /** Entrant of each list line. */
  entrantOf: Uint32Array;
  pairStart: Uint32Array;
  pairUnit: Uint32Array;
  pairTier: Uint8Array;
  pairEntrant: Uint32Array;
}

/** Groups the list into entrants (§6). Group members share their choices (checked by §3). */
export function buildEntrants(list: ApplicantList): Entrants {
  const n = list.size;
  const groupEntrant = new Map<string, number>();
  const entrantOf = new Uint32Array(n);
  // Pass 1: number the entrants in order of their first line; count each one's members.
  const kindOf = new Uint8Array(n);
  const rep = new Uint32Array(n); // first line of each entrant
  const sizeOf = new Uint32Array(n);
  // Names back to back: an applicant's id is copied from the list's bytes, a group's from its string.
  const { bytes: idBytes, start: idStart, end: idEnd } = list.idTable;
  let nameBytes = new Uint8Array(Math.max(64, 16 * n));
  const nameStart = new Uint32Array(n);
  const nameEnd = new Uint32Array(n);
  let o = 0;
  const room = (k: number): void => {
    if (o + k <= nameBytes.length) return;
    const grown = new Uint8Array(2 * (o + k));
    grown.set(nameBytes.subarray(0, o));
    nameBytes = grown;
  };
  let count = 0;
  for (let i = 0; i < n; i++) {
    const g = list.groups[i];
    let e: number;
    if (g === undefined) {
      e = count++;
      const s = idStart[i]!;
      const k = idEnd[i]! - s;
      room(k);
      nameStart[e] = o;
      for (let c = 0; c < k; c++) nameBytes[o + c] = idBytes[s + c]!;
      o += k;
      nameEnd[e] = o;
      rep[e] = i;
    } else {
      const known = groupEntrant.get(g);
      if (known === undefined) {
        e = count++;
        groupEntrant.set(g, e);
        kindOf[e] = 1;
        room(g.length);
        nameStart[e] = o;
        for (let c = 0; c < g.length; c++) nameBytes[o++] = g.charCodeAt(c);
        nameEnd[e] = o;
        rep[e] = i;
      } else e = known;
    }
    entrantOf[i] = e;
    sizeOf[e]!++;
  }
  // Pass 2: members (list order is id order) and choices ("pairs") of each entrant, back to back.
  const memberStart = new Uint32Array(count + 1);
  const pairStart = new Uint32Array(count + 1);
  const { choiceStart } = list;
  for (let e = 0; e < count; e++) {
    memberStart[e + 1] = memberStart[e]! + sizeOf[e]!;
    pairStart[e + 1] = pairStart[e]! + choiceStart[rep[e]! + 1]! - choiceStart[rep[e]!]!;
  }
  const members = new Uint32Array(n);
  const fill = memberStart.slice(0, count);
  for (let i = 0; i < n; i++) members[fill[entrantOf[i]!]!++] = i;
  const p = pairStart[count]!;
  const pairUnit = new Uint32Array(p);
  const pairTier = new Uint8Array(p);
  const pairEntrant = new Uint32Array(p);
  for (let e = 0; e < count; e++) {
    const c0 = choiceStart[rep[e]!]!;
    for (let q = pairStart[e]!, c = c0; q < pairStart[e + 1]!; q++, c++) {
      pairUnit[q] = list.choiceUnit[c]!;
      pairTier[q] = list.choiceTier[c]!;
      pairEntrant[q] = e;
    }
  }
  return {
    count,
    kind: kindOf.slice(0, count),
    names: { bytes: nameBytes.slice(0, o), start: nameStart.slice(0, count), end: nameEnd.slice(0, count) },
    size: sizeOf.slice(0, count),
    memberStart,
    members,
    entrantOf,
    pairStart,
    pairUnit,
    pairTier,
    pairEntrant,
  };
}

/**
 * Tickets as 8 big-endian words each. Under single tie-breaking there is one per entrant
 * (`ticketIndex(p) = pairEntrant[p]`); under multiple, one per entrant and unit (`ticketIndex(p) = p`).
 */
export interface Tickets {
  perPair: boolean;
  words: Uint32Array;
}

export function ticketIndex(t: Tickets, entrants: Entrants, pair: number): number {
  return t.perPair ? pair : entrants.pairEntrant[pair]!;
}

/**
 * Computes every ticket of a draw (§6). `from`/`to` select a range of ticket indices so the work can
 * be split across threads; the result for a range is the same wherever it is computed.
 */
export function computeTickets(
  seed: Uint8Array,
  entrants: Entrants,
  units: readonly Unit[],
  tieBreak: TieBreak,
  from = 0,
  to?: number,
): Tickets {
  const perPair = tieBreak === 'multiple';
  const total = perPair ? entrants.pairUnit.length : entrants.count;
  const end = to ?? total;
  const words = new Uint32Array(total * 8);
  ticketRange(seed, ticketSource(entrants, units, tieBreak), from, end, words, from * 8);
  return { perPair, words };
}

/**
 * What tickets are computed from, in flat arrays that can cross to another thread: each entrant's
 * kind and packed name, and under multiple tie-breaking each pair's entrant and unit.
 */
export interface TicketSource {
  kind: Uint8Array;
  names: IdTable;
  /** Present under multiple tie-breaking (one ticket per pair). */
  pairs?: { entrant: Uint32Array; unit: Uint32Array };
  /** The scope of each unit index under multiple tie-breaking (`unit:<id>`), else one empty scope. */
  scopes: string[];
}

/** The ticket source of a draw's entrants. */
export function ticketSource(entrants: Entrants, units: readonly Unit[], tieBreak: TieBreak): TicketSource {
  const perPair = tieBreak === 'multiple';
  return {
    kind: entrants.kind,
    names: entrants.names,
    pairs: perPair ? { entrant: entrants.pairEntrant, unit: entrants.pairUnit } : undefined,
    scopes: perPair ? units.map((u) => `unit:${u.id}`) : [''],
  };
}

/**
 * The MAC input's fixed beginning for one scope and kind, `enc(tag) ‖ enc(scope) ‖ enc(kind)`, as
 * its whole big-endian words and the bytes left over.
 */
interface Head {
  words: Int32Array;
  rest: number;
  len: number;
}

/** The MAC input of §6 for these parts: `enc(tag) ‖ enc(part) ‖ …`. */
function macInput(...parts: string[]): Uint8Array {
  return concat([TICKET_TAG, ...parts].map((p) => enc(utf8(p))));
}

function head(scope: string, kind: EntrantKind): Head {
  const buf = macInput(scope, kind);
  const k = buf.length;
  const words = new Int32Array(k >> 2);
  for (let i = 0; i < words.length; i++)
    words[i] = (buf[4 * i]! << 24) | (buf[4 * i + 1]! << 16) | (buf[4 * i + 2]! << 8) | buf[4 * i + 3]!;
  let rest = 0;
  for (let i = words.length * 4; i < k; i++) rest = (rest << 8) | buf[i]!;
  return { words, rest, len: k };
}

/**
 * Tickets `from`..`to` of a ticket source into `out` from word `outOff` (§6), all hashed together
 * (four at a time where WebAssembly SIMD runs, see sha256-lanes.ts).
 */
export function ticketRange(seed: Uint8Array, src: TicketSource, from: number, to: number, out: Uint32Array, outOff: number): void {
  const { kind, pairs } = src;
  const { bytes, start, end } = src.names;
  // Ticket t (counted from `from`) is for entrant entrantAt(t) under the scope of unitAt(t).
  const entrantAt = pairs ? (t: number) => pairs.entrant[t + from]! : (t: number) => t + from;
  const unitAt = pairs ? (t: number) => pairs.unit[t + from]! : () => 0;
  const heads = src.scopes.flatMap((s) => KIND_NAMES.map((k) => head(s, k)));
  const headOf = (t: number): Head => heads[unitAt(t) * 2 + kind[entrantAt(t)]!]!;
  const { inner, outer } = hmacStates(seed);
  const set: MessageSet = {
    count: to - from,
    blocks(t) {
      const n = entrantAt(t);
      return paddedBlocks(headOf(t).len + 4 + end[n]! - start[n]!);
    },
    pack(t, dst, base, stride) {
      const h = headOf(t);
      const n = entrantAt(t);
      const s = start[n]!;
      const e = end[n]!;
      const hw = h.words;
      let j = base;
      for (let i = 0; i < hw.length; i++, j += stride) dst[j] = hw[i]!;
      let acc = h.rest;
      let pos = h.len;
      const nl = e - s;
      // enc(name): its length as 4 big-endian bytes, then its bytes (§1: ASCII identifiers).
      for (let i = -4; i < nl; i++) {
        acc = (acc << 8) | (i < 0 ? (nl >>> (-8 * (i + 1))) & 0xff : bytes[s + i]!);
        if ((++pos & 3) === 0) {
          dst[j] = acc;
          j += stride;
          acc = 0;
        }
      }
      dst[j] = ((acc << 8) | 0x80) << (8 * (3 - (pos & 3)));
      const words = paddedBlocks(pos) * 16;
      dst[base + stride * (words - 1)] = (pos + 64) * 8; // the key's pad block counts in the length
    },
  };
  hashMessages(set, out, { start: inner, outer, outOff });
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Ticket `i` as lowercase hex. */
export function ticketHex(t: Tickets, i: number): string {
  let s = '';
  for (let k = i * 8; k < i * 8 + 8; k++) {
    const w = t.words[k]!;
    s += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return s;
}

/** One ticket computed directly from its definition (with @noble/hashes), for a family checking its own. */
export function singleTicket(seed: Uint8Array, scope: string, kind: EntrantKind, name: string): string {
  return toHex(hmacSha256(seed, macInput(scope, kind, name)));
}

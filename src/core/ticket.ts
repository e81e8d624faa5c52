/**
 * Contract §6: entrants (an applicant alone, or a whole multiple-birth group) and their tickets,
 * `HMAC(seed, enc("fairdraw/ticket/v1") ‖ enc(scope) ‖ enc(kind) ‖ enc(name))`. A ticket is a keyed
 * hash of public names, so each family can recompute its own, and the ranking does not depend on the
 * order in which records were given.
 */
import { utf8 } from './bytes.js';
import { FixedKeyHmac } from './sha256-block.js';
import type { ApplicantList } from './list.js';
import type { TieBreak, Unit } from './rules.js';

export const TICKET_TAG = 'fairdraw/ticket/v1';
export type EntrantKind = 'applicant' | 'group';
export const KIND_NAMES: readonly EntrantKind[] = ['applicant', 'group'];

/**
 * The entrants of a list, in flat arrays. Entrant e has kind `kind[e]` (0 applicant, 1 group),
 * name `name[e]`, `size[e]` members (list indices at memberStart[e]..memberStart[e+1], in id
 * order) and choices ("pairs") at pairStart[e]..pairStart[e+1], most wanted first.
 */
export interface Entrants {
  count: number;
  kind: Uint8Array;
  name: string[];
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
  const kind: number[] = [];
  const name: string[] = [];
  const rep: number[] = [];
  const memberLists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const g = list.groups[i];
    if (g === undefined) {
      entrantOf[i] = kind.length;
      kind.push(0);
      name.push(list.ids[i]!);
      rep.push(i);
      memberLists.push([i]);
    } else {
      let e = groupEntrant.get(g);
      if (e === undefined) {
        e = kind.length;
        groupEntrant.set(g, e);
        kind.push(1);
        name.push(g);
        rep.push(i);
        memberLists.push([]);
      }
      entrantOf[i] = e;
      memberLists[e]!.push(i); // list order is id order
    }
  }
  const count = kind.length;
  const size = new Uint32Array(count);
  const memberStart = new Uint32Array(count + 1);
  const members = new Uint32Array(n);
  const pairStart = new Uint32Array(count + 1);
  let m = 0;
  let p = 0;
  for (let e = 0; e < count; e++) {
    memberStart[e] = m;
    for (const i of memberLists[e]!) members[m++] = i;
    size[e] = memberLists[e]!.length;
    pairStart[e] = p;
    p += list.choiceStart[rep[e]! + 1]! - list.choiceStart[rep[e]!]!;
  }
  memberStart[count] = m;
  pairStart[count] = p;
  const pairUnit = new Uint32Array(p);
  const pairTier = new Uint8Array(p);
  const pairEntrant = new Uint32Array(p);
  for (let e = 0; e < count; e++) {
    const c0 = list.choiceStart[rep[e]!]!;
    for (let q = pairStart[e]!, c = c0; q < pairStart[e + 1]!; q++, c++) {
      pairUnit[q] = list.choiceUnit[c]!;
      pairTier[q] = list.choiceTier[c]!;
      pairEntrant[q] = e;
    }
  }
  return { count, kind: Uint8Array.from(kind), name, size, memberStart, members, entrantOf, pairStart, pairUnit, pairTier, pairEntrant };
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

/** Writes `enc(str(s))` into `buf` at `o`; returns the new offset. */
function putEnc(buf: Uint8Array, o: number, s: Uint8Array): number {
  const n = s.length;
  buf[o] = n >>> 24;
  buf[o + 1] = (n >>> 16) & 0xff;
  buf[o + 2] = (n >>> 8) & 0xff;
  buf[o + 3] = n & 0xff;
  buf.set(s, o + 4);
  return o + 4 + n;
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
  fillTickets(seed, entrants, units, tieBreak, from, end, words, from * 8);
  return { perPair, words };
}

/** Fills `out` (from word `outOff`) with tickets `from`..`to` (§6). */
export function fillTickets(
  seed: Uint8Array,
  entrants: Entrants,
  units: readonly Unit[],
  tieBreak: TieBreak,
  from: number,
  to: number,
  out: Uint32Array,
  outOff: number,
): void {
  const perPair = tieBreak === 'multiple';
  const mac = new FixedKeyHmac(seed);
  const tag = utf8(TICKET_TAG);
  const kinds = KIND_NAMES.map((k) => utf8(k));
  const scopes = perPair ? units.map((u) => utf8(`unit:${u.id}`)) : [new Uint8Array(0)];
  let buf = new Uint8Array(256);
  for (let t = from, o = outOff; t < to; t++, o += 8) {
    const e = perPair ? entrants.pairEntrant[t]! : t;
    const scope = perPair ? scopes[entrants.pairUnit[t]!]! : scopes[0]!;
    const name = entrants.name[e]!;
    const need = 4 + tag.length + 4 + scope.length + 4 + 9 + 4 + name.length * 3;
    if (buf.length < need) buf = new Uint8Array(need * 2);
    let k = putEnc(buf, 0, tag);
    k = putEnc(buf, k, scope);
    k = putEnc(buf, k, kinds[entrants.kind[e]!]!);
    // Names are identifiers ([0-9A-Za-z_.-], §1), so their UTF-8 bytes are their char codes.
    const nl = name.length;
    buf[k] = nl >>> 24;
    buf[k + 1] = (nl >>> 16) & 0xff;
    buf[k + 2] = (nl >>> 8) & 0xff;
    buf[k + 3] = nl & 0xff;
    k += 4;
    for (let c = 0; c < nl; c++) buf[k++] = name.charCodeAt(c);
    mac.mac(buf, k, out, o);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Names packed for another thread: ASCII bytes back to back, and where each one ends. */
export interface PackedNames {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** Packs identifiers (§1: ASCII) so they cross to another thread as two buffers, not strings. */
export function packNames(names: readonly string[]): PackedNames {
  let total = 0;
  for (const n of names) total += n.length;
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(names.length);
  let o = 0;
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    for (let c = 0; c < n.length; c++) bytes[o++] = n.charCodeAt(c);
    ends[i] = o;
  }
  return { bytes, ends };
}

/**
 * Tickets for explicit (scope, kind, name) triples (§6), written as 8 words each: the form in which
 * another thread receives its share of the work.
 */
export function macTickets(
  seed: Uint8Array,
  scopes: readonly string[],
  scopeIdx: Uint32Array | undefined,
  kinds: Uint8Array,
  names: PackedNames,
): Uint32Array {
  const mac = new FixedKeyHmac(seed);
  const tag = utf8(TICKET_TAG);
  const kindBytes = KIND_NAMES.map((k) => utf8(k));
  const scopeBytes = scopes.map((s) => utf8(s));
  const n = names.ends.length;
  const out = new Uint32Array(n * 8);
  let buf = new Uint8Array(256);
  for (let i = 0, start = 0; i < n; i++) {
    const end = names.ends[i]!;
    const scope = scopeBytes[scopeIdx ? scopeIdx[i]! : 0]!;
    const need = 25 + tag.length + scope.length + (end - start);
    if (buf.length < need) buf = new Uint8Array(need * 2);
    let k = putEnc(buf, 0, tag);
    k = putEnc(buf, k, scope);
    k = putEnc(buf, k, kindBytes[kinds[i]!]!);
    k = putEnc(buf, k, names.bytes.subarray(start, end));
    mac.mac(buf, k, out, i * 8);
    start = end;
  }
  return out;
}

/** Ticket `i` as lowercase hex. */
export function ticketHex(t: Tickets, i: number): string {
  let s = '';
  for (let k = i * 8; k < i * 8 + 8; k++) {
    const w = t.words[k]!;
    s += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return s;
}

/** One ticket computed directly from its definition, for a family checking its own. */
export function singleTicket(seed: Uint8Array, scope: string, kind: EntrantKind, name: string): string {
  const mac = new FixedKeyHmac(seed);
  const parts = [utf8(TICKET_TAG), utf8(scope), utf8(kind), utf8(name)];
  const buf = new Uint8Array(parts.reduce((a, p) => a + 4 + p.length, 0));
  let k = 0;
  for (const p of parts) k = putEnc(buf, k, p);
  const out = new Uint32Array(8);
  mac.mac(buf, k, out, 0);
  return ticketHex({ perPair: false, words: out }, 0);
}

/**
 * Entrants and tickets (contract §6) against the definition, computed here with an independent HMAC:
 * every entrant's kind, name, members and choices; every ticket under both tie-breaks, for names of
 * every length the packing has to cross; ranges; the per-pair index.
 */
import { describe, expect, it } from 'vitest';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { parseList } from './list.js';
import { KIND_NAMES, TICKET_TAG, buildEntrants, computeTickets, singleTicket, ticketHex, ticketIndex } from './ticket.js';

const units = [
  { id: 'S00', name: '一小', seats: 1 },
  { id: 'S01', name: '二小', seats: 2 },
  { id: 'S02', name: '三小', seats: 3 },
];
const te = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function enc(s: string): number[] {
  const b = te.encode(s);
  return [(b.length >>> 24) & 255, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255, ...b];
}
/** `HMAC(seed, enc(tag) ‖ enc(scope) ‖ enc(kind) ‖ enc(name))`, written out. */
function ticketByHand(seed: Uint8Array, scope: string, kind: string, name: string): string {
  return hex(hmac(sha256, seed, Uint8Array.from([...enc('fairdraw/ticket/v1'), ...enc(scope), ...enc(kind), ...enc(name)])));
}

type Line = { id: string; choices: [string, number][]; group?: string };
function listOf(lines: Line[]) {
  const text = [...lines]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((l) => {
      const choices = l.choices.map(([unit, tier]) => `{"tier":${tier},"unit":"${unit}"}`).join(',');
      return `{"choices":[${choices}],${l.group ? `"group":"${l.group}",` : ''}"id":"${l.id}"}`;
    })
    .join('\n');
  return parseList(te.encode(text + '\n'), { units });
}

const seed = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255);

describe('buildEntrants', () => {
  it('makes an entrant of each applicant alone and of each group, in order of first line, with members and shared choices', () => {
    const list = listOf([
      { id: 'A1', choices: [['S01', 1]] },
      {
        id: 'B1',
        choices: [
          ['S00', 2],
          ['S02', 1],
        ],
        group: 'twins',
      },
      {
        id: 'B2',
        choices: [
          ['S00', 2],
          ['S02', 1],
        ],
        group: 'twins',
      },
      { id: 'C1', choices: [['S02', 2]] },
      {
        id: 'D1',
        choices: [
          ['S02', 3],
          ['S01', 1],
          ['S00', 1],
        ],
        group: 'G.3',
      },
      {
        id: 'D2',
        choices: [
          ['S02', 3],
          ['S01', 1],
          ['S00', 1],
        ],
        group: 'G.3',
      },
      {
        id: 'D3',
        choices: [
          ['S02', 3],
          ['S01', 1],
          ['S00', 1],
        ],
        group: 'G.3',
      },
      {
        id: 'E1',
        choices: [
          ['S00', 1],
          ['S01', 2],
        ],
      },
    ]);
    const e = buildEntrants(list);
    expect(e.count).toBe(5);
    expect([...e.kind]).toEqual([0, 1, 0, 1, 0]);
    const names = Array.from({ length: e.count }, (_, i) =>
      new TextDecoder().decode(e.names.bytes.subarray(e.names.start[i], e.names.end[i])),
    );
    expect(names).toEqual(['A1', 'twins', 'C1', 'G.3', 'E1']);
    // The name table holds the entrants' names only: it crosses to the other thread as it is.
    expect(e.names.start).toHaveLength(5);
    expect(e.names.end).toHaveLength(5);
    expect(e.names.bytes).toHaveLength('A1twinsC1G.3E1'.length);
    expect([...e.size]).toEqual([1, 2, 1, 3, 1]);
    expect([...e.memberStart]).toEqual([0, 1, 3, 4, 7, 8]);
    expect([...e.members]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...e.entrantOf]).toEqual([0, 1, 1, 2, 3, 3, 3, 4]);
    expect([...e.pairStart]).toEqual([0, 1, 3, 4, 7, 9]);
    expect([...e.pairUnit]).toEqual([1, 0, 2, 2, 2, 1, 0, 0, 1]);
    expect([...e.pairTier]).toEqual([1, 2, 1, 2, 3, 1, 1, 1, 2]);
    expect([...e.pairEntrant]).toEqual([0, 1, 1, 2, 3, 3, 3, 4, 4]);
  });

  it('keeps a group’s members together even when other applicants sit between them in id order', () => {
    const list = listOf([
      { id: 'A', choices: [['S00', 1]], group: 'g' },
      { id: 'B', choices: [['S01', 1]] },
      { id: 'C', choices: [['S00', 1]], group: 'g' },
    ]);
    const e = buildEntrants(list);
    expect(e.count).toBe(2);
    expect([...e.size]).toEqual([2, 1]);
    expect([...e.memberStart]).toEqual([0, 2, 3]);
    expect([...e.members]).toEqual([0, 2, 1]);
    expect([...e.entrantOf]).toEqual([0, 1, 0]);
  });

  it('holds names longer than its first guess of room', () => {
    const ids = Array.from({ length: 3 }, (_, i) => String(i) + 'x'.repeat(63));
    const e = buildEntrants(listOf(ids.map((id) => ({ id, choices: [['S00', 1]] }))));
    const names = Array.from({ length: e.count }, (_, i) =>
      new TextDecoder().decode(e.names.bytes.subarray(e.names.start[i], e.names.end[i])),
    );
    expect(names).toEqual(ids);
    const groups = Array.from({ length: 3 }, (_, i) => 'g' + String(i) + 'y'.repeat(62));
    const g = buildEntrants(
      listOf(groups.flatMap((group, i) => [`A${i}`, `B${i}`].map((id) => ({ id, choices: [['S00', 1]] as [string, number][], group })))),
    );
    expect(
      Array.from({ length: g.count }, (_, i) => new TextDecoder().decode(g.names.bytes.subarray(g.names.start[i], g.names.end[i]))),
    ).toEqual(groups);
  });
});

describe('tickets', () => {
  it('name their tag and kinds as the contract does', () => {
    expect(TICKET_TAG).toBe('fairdraw/ticket/v1');
    expect(KIND_NAMES).toEqual(['applicant', 'group']);
  });

  it('under single tie-breaking: one per entrant, HMAC over the empty scope, for every name length 1..64', () => {
    const lines: Line[] = [];
    for (let len = 1; len <= 64; len++) lines.push({ id: String(len % 10).repeat(len), choices: [['S00', 1]] });
    // Two groups of different name lengths.
    lines.push({ id: 'Z1', choices: [['S01', 1]], group: 'G' }, { id: 'Z2', choices: [['S01', 1]], group: 'G' });
    lines.push({ id: 'Z3', choices: [['S02', 1]], group: 'g-'.repeat(30) }, { id: 'Z4', choices: [['S02', 1]], group: 'g-'.repeat(30) });
    const e = buildEntrants(listOf(lines));
    const t = computeTickets(seed, e, units, 'single');
    expect(t.perPair).toBe(false);
    expect(t.words).toHaveLength(e.count * 8);
    for (let i = 0; i < e.count; i++) {
      const name = new TextDecoder().decode(e.names.bytes.subarray(e.names.start[i], e.names.end[i]));
      const kind = e.kind[i] ? 'group' : 'applicant';
      expect(ticketHex(t, i), name).toBe(ticketByHand(seed, '', kind, name));
      expect(singleTicket(seed, '', kind, name)).toBe(ticketByHand(seed, '', kind, name));
    }
  });

  it('under multiple tie-breaking: one per entrant and unit, scoped unit:<id>', () => {
    const list = listOf([
      {
        id: 'A1',
        choices: [
          ['S02', 1],
          ['S00', 1],
        ],
      },
      {
        id: 'B1',
        choices: [
          ['S01', 1],
          ['S02', 1],
        ],
        group: 'tw',
      },
      {
        id: 'B2',
        choices: [
          ['S01', 1],
          ['S02', 1],
        ],
        group: 'tw',
      },
    ]);
    const e = buildEntrants(list);
    const t = computeTickets(seed, e, units, 'multiple');
    expect(t.perPair).toBe(true);
    expect(t.words).toHaveLength(4 * 8);
    const expected = [
      ticketByHand(seed, 'unit:S02', 'applicant', 'A1'),
      ticketByHand(seed, 'unit:S00', 'applicant', 'A1'),
      ticketByHand(seed, 'unit:S01', 'group', 'tw'),
      ticketByHand(seed, 'unit:S02', 'group', 'tw'),
    ];
    expect([0, 1, 2, 3].map((p) => ticketHex(t, ticketIndex(t, e, p)))).toEqual(expected);
    // Under single tie-breaking the pair's ticket is its entrant's.
    const s = computeTickets(seed, e, units, 'single');
    expect([0, 1, 2, 3].map((p) => ticketIndex(s, e, p))).toEqual([0, 0, 1, 1]);
  });

  it('computes exactly the asked range, the same as the whole', () => {
    const e = buildEntrants(listOf(['P', 'Q', 'R', 'S', 'T'].map((id) => ({ id, choices: [['S00', 1]] }))));
    const whole = computeTickets(seed, e, units, 'single');
    const part = computeTickets(seed, e, units, 'single', 1, 3);
    expect(part.words).toHaveLength(whole.words.length);
    expect([...part.words.subarray(0, 8)]).toEqual(Array(8).fill(0));
    expect([...part.words.subarray(8, 24)]).toEqual([...whole.words.subarray(8, 24)]);
    expect([...part.words.subarray(24)]).toEqual(Array(16).fill(0));
    expect(ticketHex(whole, 4)).toBe(ticketByHand(seed, '', 'applicant', 'T'));
  });

  it('computes a range under multiple tie-breaking from the range’s own pairs and units', () => {
    const list = listOf([
      {
        id: 'A1',
        choices: [
          ['S02', 1],
          ['S00', 1],
        ],
      },
      { id: 'B1', choices: [['S01', 1]] },
      {
        id: 'C1',
        choices: [
          ['S00', 1],
          ['S01', 1],
          ['S02', 1],
        ],
      },
    ]);
    const e = buildEntrants(list);
    const whole = computeTickets(seed, e, units, 'multiple');
    const part = computeTickets(seed, e, units, 'multiple', 2, 5);
    expect([...part.words.subarray(0, 16)]).toEqual(Array(16).fill(0));
    expect([...part.words.subarray(16, 40)]).toEqual([...whole.words.subarray(16, 40)]);
    expect([...part.words.subarray(40)]).toEqual(Array(8).fill(0));
    expect([2, 3, 4].map((p) => ticketHex(part, p))).toEqual([
      ticketByHand(seed, 'unit:S01', 'applicant', 'B1'),
      ticketByHand(seed, 'unit:S00', 'applicant', 'C1'),
      ticketByHand(seed, 'unit:S01', 'applicant', 'C1'),
    ]);
  });

  it('change with the seed', () => {
    const e = buildEntrants(listOf([{ id: 'A', choices: [['S00', 1]] }]));
    const other = seed.slice();
    other[31]! ^= 1;
    expect(ticketHex(computeTickets(other, e, units, 'single'), 0)).toBe(ticketByHand(other, '', 'applicant', 'A'));
    expect(ticketHex(computeTickets(other, e, units, 'single'), 0)).not.toBe(ticketHex(computeTickets(seed, e, units, 'single'), 0));
  });
});

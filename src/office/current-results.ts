/**
 * 当前录取与候补: the current state of every unit after declines, revocations and promotions,
 * read from the offers over the official record. The record itself never changes (it is the
 * published result of the draw); this view is what the tables, counts and exports show beside it.
 *
 * Per unit:
 * - `admitted` (当前录取): the live offers (offered or confirmed) at the unit, those from the draw in
 *   the record's order first, then those moved up from the waitlist (递补) in the order they were made;
 * - `waitlist` (当前候补): the record's waitlist, in its order, without anyone who can no longer be
 *   offered a seat here: who holds a live offer here or at a unit ranked higher, who was offered this
 *   unit before, or who declined or was revoked (the same rule by which seats are passed on);
 * - `history` (变动记录): the declined, revoked and released offers at the unit, with reason and time.
 */
import type { Repos } from '../store/index.js';
import type { OfferRow } from '../store/repositories/offers.repository.js';
import { choicesOf } from './rules-and-list.js';
import { checkedOfficialRecord } from './exports/stored-record.js';

const LIVE = new Set<OfferRow['status']>(['offered', 'confirmed']);

export interface CurrentAdmitted {
  regNo: string;
  status: 'offered' | 'confirmed';
  /** true when the seat came from the waitlist (递补). */
  promoted: boolean;
  /** The applicant's place on this unit's waitlist in the record, when promoted. */
  waitlistPosition: number | null;
  since: string;
}

export interface CurrentWaiting {
  regNo: string;
  /** The applicant's place on this unit's waitlist in the record. */
  position: number;
  /** The unit where the applicant holds a live (lower-ranked) offer meanwhile, if any. */
  holds: string | null;
}

export interface HistoryEntry {
  regNo: string;
  status: 'declined' | 'revoked' | 'released';
  origin: 'draw' | 'waitlist';
  reason: string | null;
  at: string;
}

export interface CurrentUnit {
  id: string;
  seats: number;
  /** The record as drawn (never changes). */
  drawn: { admitted: number; waitlist: number };
  admitted: CurrentAdmitted[];
  waitlist: CurrentWaiting[];
  history: HistoryEntry[];
  counts: { admitted: number; confirmed: number; promoted: number; free: number; waiting: number; history: number };
}

export interface RecordUnits {
  units: readonly { id: string; seats: number; admitted: readonly string[]; waitlist: readonly string[] }[];
}

/**
 * The current state from the record, every offer of the event (in the order made) and each
 * applicant's ranked units (`rank(reg, unit)`: 0 for the first choice, larger for later ones).
 */
export function currentUnits(rec: RecordUnits, offers: readonly OfferRow[], rank: (reg: string, unit: string) => number): CurrentUnit[] {
  const byReg = new Map<string, OfferRow[]>();
  for (const o of offers) byReg.set(o.reg_no, [...(byReg.get(o.reg_no) ?? []), o]);
  return rec.units.map((u) => {
    const here = offers.filter((o) => o.unit_id === u.id);
    const drawOrder = new Map(u.admitted.map((r, i) => [r, i]));
    const live = here.filter((o) => LIVE.has(o.status));
    const fromDraw = live
      .filter((o) => o.origin === 'draw')
      .sort((a, b) => (drawOrder.get(a.reg_no) ?? 0) - (drawOrder.get(b.reg_no) ?? 0));
    const fromWaitlist = live.filter((o) => o.origin === 'waitlist');
    const admitted: CurrentAdmitted[] = [...fromDraw, ...fromWaitlist].map((o) => ({
      regNo: o.reg_no,
      status: o.status as CurrentAdmitted['status'],
      promoted: o.origin === 'waitlist',
      waitlistPosition: o.origin === 'waitlist' && u.waitlist.includes(o.reg_no) ? u.waitlist.indexOf(o.reg_no) + 1 : null,
      since: o.updated_at,
    }));
    const waitlist: CurrentWaiting[] = [];
    u.waitlist.forEach((reg, i) => {
      const own = byReg.get(reg) ?? [];
      if (own.some((o) => o.unit_id === u.id || o.status === 'declined' || o.status === 'revoked')) return;
      const holding = own.find((o) => LIVE.has(o.status));
      if (holding && rank(reg, holding.unit_id) <= rank(reg, u.id)) return;
      waitlist.push({ regNo: reg, position: i + 1, holds: holding?.unit_id ?? null });
    });
    const history: HistoryEntry[] = here
      .filter((o) => !LIVE.has(o.status))
      .map((o) => ({
        regNo: o.reg_no,
        status: o.status as HistoryEntry['status'],
        origin: o.origin,
        reason: o.reason,
        at: o.updated_at,
      }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      id: u.id,
      seats: u.seats,
      drawn: { admitted: u.admitted.length, waitlist: u.waitlist.length },
      admitted,
      waitlist,
      history,
      counts: {
        admitted: admitted.length,
        confirmed: admitted.filter((a) => a.status === 'confirmed').length,
        promoted: admitted.filter((a) => a.promoted).length,
        free: Math.max(0, u.seats - admitted.length),
        waiting: waitlist.length,
        history: history.length,
      },
    };
  });
}

/** The current state of every unit of a drawn event (see `currentUnits`). */
export async function currentResults(repos: Repos, eventId: string): Promise<CurrentUnit[]> {
  const { record } = await checkedOfficialRecord(repos, eventId);
  const offers = await repos.offers.listByEvent(eventId);
  const choices = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, choicesOf(a)]));
  const rank = (reg: string, unit: string): number => {
    const i = (choices.get(reg) ?? []).findIndex((c) => c.unit === unit);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return currentUnits(record, offers, rank);
}

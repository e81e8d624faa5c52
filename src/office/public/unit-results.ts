/**
 * 结果公布, one unit at a time: its admitted list and its waitlist in the record's order, each
 * applicant by registration number and masked name, with where their offer stands now (a decline
 * passes the seat down the waitlist, so the list shows who was offered it).
 */
import { FairDrawError } from '../../core/errors.js';
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import { maskName } from '../masking.js';
import { currentResults, type CurrentUnit } from '../current-results.js';
import type { Office } from '../ports.js';
import { eventWithResults } from './access.js';
import { drawn, published } from './published.js';
import type { PublicOfferStatus, ResultRow, UnitResultsView } from '../../api/public.js';

/** Where each applicant's offer at `unit` stands; `waiting` when there is none. */
export function offerStatusAt(offers: readonly OfferRow[], regNo: string, unit: string): PublicOfferStatus {
  let status: PublicOfferStatus = 'waiting';
  for (const o of offers) {
    if (o.reg_no !== regNo) continue;
    if (o.unit_id === unit) status = o.status;
    else if (o.status === 'revoked' && o.unit_id === '-') return 'revoked';
  }
  return status;
}

/** Masked names of an event's applicants by registration number (the only use of `name` here). */
export async function maskedNames(office: Office, eventId: string): Promise<Map<string, string>> {
  const rows = await office.store.repos.applicants.listByEvent(eventId);
  return new Map(rows.map((a) => [a.reg_no, maskName(a.name)]));
}

export async function unitResults(office: Office, eventId: string, unitId: string): Promise<UnitResultsView> {
  return (await allUnitResults(office, eventId, unitId))[0]!;
}

/** Every unit's results (or just `only`), sharing one read of names and offers. */
export async function allUnitResults(office: Office, eventId: string, only?: string): Promise<UnitResultsView[]> {
  const repos = office.store.repos;
  const ev = await eventWithResults(repos, eventId);
  const pub = await published(office, ev);
  const d = (await drawn(office, ev, pub))!;
  const units = pub.rules.units.map((u, i) => ({ u, i })).filter(({ u }) => only === undefined || u.id === only);
  if (units.length === 0)
    throw new FairDrawError('receipt.missing', `没有招生单元 ${only ?? ''}`, `there is no unit ${only ?? ''}`, { field: 'unit' });
  const names = await maskedNames(office, eventId);
  const offers = await repos.offers.listByEvent(eventId);
  const byReg = new Map<string, OfferRow[]>();
  for (const o of offers) byReg.set(o.reg_no, [...(byReg.get(o.reg_no) ?? []), o]);
  const current = new Map((await currentResults(repos, eventId)).map((c) => [c.id, c]));
  return units.map(({ u, i }) => {
    const rec = d.record.units[i]!;
    const row = (regNo: string, k: number): ResultRow => ({
      regNo,
      name: names.get(regNo) ?? '',
      position: k + 1,
      status: offerStatusAt(byReg.get(regNo) ?? [], regNo, u.id),
    });
    return {
      event: { id: ev.id, title: ev.title },
      unit: { id: u.id, name: pub.unitName(u.id), seats: u.seats, applicants: d.unitApplicants[i]! },
      admitted: rec.admitted.map(row),
      waitlist: rec.waitlist.map(row),
      current: publicCurrent(current.get(u.id)!, names),
    };
  });
}

/** The current state for the public: masked names, no reasons (those stay in the office). */
function publicCurrent(c: CurrentUnit, names: Map<string, string>): UnitResultsView['current'] {
  const name = (regNo: string): string => names.get(regNo) ?? '';
  return {
    admitted: c.admitted.map((a) => ({ regNo: a.regNo, name: name(a.regNo), status: a.status, promoted: a.promoted })),
    waitlist: c.waitlist.map((w) => ({ regNo: w.regNo, name: name(w.regNo), position: w.position })),
    counts: {
      admitted: c.counts.admitted,
      promoted: c.counts.promoted,
      free: c.counts.free,
      waiting: c.counts.waiting,
      history: c.counts.history,
    },
  };
}

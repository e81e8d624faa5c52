/**
 * What the console reads about events, applicants, results and offers, as the staff API answers
 * it (src/api/staff.ts). Every view that shows families' names or personal data records the look
 * in the private access log, with the staff member who looked (`looker`, role and username).
 */
import { FairDrawError } from '../core/errors.js';
import type { Applicant, CurrentUnitBody, EventListItem, Offer, StaffResults } from '../api/staff.js';
import type { ApplicantQuery } from '../store/repositories/applicants.repository.js';
import { currentResults, type CurrentUnit } from './current-results.js';
import { choicesOf } from './rules-and-list.js';
import { eventsInScope, type Scope } from './districts.js';
import type { Office } from './ports.js';
import { recordLook } from './privacy/access-log.js';

/** Every event, with whether it was withdrawn. */
/** The events the account's scope sees: a district's own, or the city's every one. */
export async function listEvents(office: Office, scope: Scope): Promise<EventListItem[]> {
  const repos = office.store.repos;
  const events: EventListItem[] = [];
  for (const e of await eventsInScope(repos, scope)) {
    events.push({
      id: e.id,
      title: e.title,
      status: e.status,
      version: e.version,
      createdAt: e.created_at,
      withdrawn: (await repos.events.withdrawal(e.id)) !== undefined,
      ...(e.district_id ? { district: e.district_id } : {}),
    });
  }
  return events;
}

/**
 * One page of an event's applicants, all their columns, by a search over name, registration and
 * ID number (or none). The query text is not kept (it may be a name or an ID number): which
 * families were shown is.
 */
export async function searchApplicants(
  office: Office,
  eventId: string,
  query: ApplicantQuery & { offset: number },
  looker: string,
): Promise<{ total: number; rows: Applicant[] }> {
  const r = await office.store.repos.applicants.search(eventId, query);
  await recordLook(office, {
    actor: looker,
    eventId,
    what: query.q ? 'applicants.search' : 'applicants.list',
    families: r.rows.length,
    details: { total: r.total, offset: query.offset, regNos: r.rows.map((a) => a.reg_no) },
  });
  return {
    total: r.total,
    rows: r.rows.map((a) => ({
      regNo: a.reg_no,
      name: a.name,
      sex: a.sex,
      idNumber: a.id_number,
      birthDate: a.birth_date,
      guardian: a.guardian,
      phone: a.phone,
      tier: a.tier,
      choices: choicesOf(a).map((c) => c.unit),
      group: a.group_label,
      row: a.source_row,
    })),
  };
}

function currentBody(c: CurrentUnit, person: (regNo: string) => { regNo: string; name: string }): CurrentUnitBody {
  return {
    admitted: c.admitted.map((a) => ({ ...a, ...person(a.regNo) })),
    waitlist: c.waitlist.map((w) => ({ ...w, ...person(w.regNo) })),
    history: c.history.map((h) => ({ ...h, ...person(h.regNo) })),
    counts: c.counts,
  };
}

/**
 * Each unit's lists as the official draw made them, with the families' names, and where they stand
 * now (当前录取、当前候补 and the history). Refused before the official draw.
 */
export async function staffResults(office: Office, eventId: string, looker: string): Promise<StaffResults> {
  const repos = office.store.repos;
  const official = await repos.draws.official(eventId);
  if (!official) throw new FairDrawError('results.no-draw', '尚未正式摇号', 'there is no official draw yet', { field: 'event' });
  const rec = JSON.parse(official.record_text) as {
    units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
  };
  const names = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a.name]));
  const units = await repos.events.listUnits(eventId);
  const person = (regNo: string) => ({ regNo, name: names.get(regNo) ?? '' });
  const current = new Map((await currentResults(repos, eventId)).map((c) => [c.id, c]));
  await recordLook(office, {
    actor: looker,
    eventId,
    what: 'results.names',
    families: rec.units.reduce((n, u) => n + u.admitted.length + u.waitlist.length, 0),
  });
  return {
    units: rec.units.map((u) => ({
      id: u.id,
      name: units.find((x) => x.id === u.id)?.name ?? u.id,
      seats: u.seats,
      admitted: u.admitted.map(person),
      waitlist: u.waitlist.map(person),
      current: currentBody(current.get(u.id)!, person),
    })),
  };
}

/** Every offer of an event, as it stands. */
export async function listOffers(office: Office, eventId: string): Promise<Offer[]> {
  return (await office.store.repos.offers.listByEvent(eventId)).map((o) => ({
    id: o.id,
    regNo: o.reg_no,
    unit: o.unit_id,
    status: o.status,
    origin: o.origin,
    reason: o.reason,
    updatedAt: o.updated_at,
  }));
}

/** How many families an event holds (what an export of its internal lists shows, for the access log). */
export async function familiesOf(office: Office, eventId: string): Promise<number> {
  return office.store.repos.applicants.countByEvent(eventId);
}

/**
 * What the printed documents read about a drawn event: the published rules, the official draw and
 * its record, the unit names, and each applicant's outcome. Read only; nothing here writes.
 */
import { FairDrawError } from '../../core/errors.js';
import type { DeclaredSource, GroupFit, Mechanism, TieBreak } from '../../core/rules.js';
import type { Source } from '../../core/sources.js';
import type { ApplicantRow } from '../../store/repositories/applicants.repository.js';
import type { DrawRow } from '../../store/repositories/draws.repository.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import type { PublicationRow } from '../../store/repositories/publications.repository.js';
import { choicesOf } from '../rules-and-list.js';
import { loadEvent } from '../load-event.js';
import type { Office } from '../ports.js';

/** The published rules document (spec §2) with FairDraw's extra fields. */
export interface PublishedRules {
  drawId: string;
  title?: string;
  mechanism: Mechanism;
  tieBreak: TieBreak;
  groupFit: GroupFit;
  units: { id: string; name?: string; seats: number }[];
  declaredSources: DeclaredSource[];
}

/** The stored record (spec §9). */
export interface StoredRecord {
  drawId: string;
  paramsSha256: string;
  listRoot: string;
  listSize: number;
  seed: string;
  sources: Source[];
  sourcesSha256: string;
  units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
  applicants: { id: string; assigned: string | null; tickets: Record<string, string> }[];
}

export interface DrawnEvent {
  event: EventRow;
  rules: PublishedRules;
  publication: PublicationRow;
  draw: DrawRow;
  record: StoredRecord;
  unitNames: Map<string, string>;
  /** The record's applicants by 报名号 (a city-wide record has 10⁵ of them: no linear scans). */
  entries: Map<string, StoredRecord['applicants'][number]>;
  /** Per unit, 0-based places on its waitlist by 报名号. */
  waitlistPlaces: Map<string, Map<string, number>>;
}

/** Loads a drawn event (status 已摇号 or 结果已公布) and its official draw. */
export async function loadDrawnEvent(office: Office, eventId: string, act: { zh: string; en: string }): Promise<DrawnEvent> {
  const repos = office.store.repos;
  const event = await loadEvent(repos, eventId, ['drawn', 'results'], act);
  const draw = await repos.draws.official(eventId);
  if (!draw) throw new FairDrawError('document.no-draw', '没有正式摇号结果', 'there is no official draw', { field: 'event' });
  const publication = await repos.publications.latest(eventId);
  if (!publication || publication.version !== draw.version) {
    throw new FairDrawError(
      'document.publication',
      `找不到正式摇号所用的第 ${draw.version} 版公示`,
      `the published version ${draw.version} used by the official draw is missing`,
      { field: 'event' },
    );
  }
  const rules = JSON.parse(publication.rules_text) as PublishedRules;
  const record = JSON.parse(draw.record_text) as StoredRecord;
  const units = await repos.events.listUnits(eventId);
  const unitNames = new Map<string, string>();
  for (const u of rules.units) unitNames.set(u.id, u.name ?? u.id);
  for (const u of units) unitNames.set(u.id, u.name);
  const entries = new Map(record.applicants.map((a) => [a.id, a]));
  const waitlistPlaces = new Map(record.units.map((u) => [u.id, new Map(u.waitlist.map((reg, i) => [reg, i]))]));
  return { event, rules, publication, draw, record, unitNames, entries, waitlistPlaces };
}

export function unitName(d: DrawnEvent, id: string): string {
  return d.unitNames.get(id) ?? id;
}

export type ChoiceResult = 'admitted' | 'waitlist' | 'not-considered';

export interface ChoiceOutcome {
  unit: string;
  name: string;
  tier: number;
  result: ChoiceResult;
  /** 1-based place on the unit's waitlist (候补位次). */
  waitlistPosition?: number;
  /** The ticket at this unit (64 hex). */
  ticket: string;
  /** The latest offer at this unit, when there is one (offered, confirmed, declined, revoked, released). */
  offerStatus?: OfferRow['status'];
  /** The seat at this unit came from its waitlist (递补). */
  viaWaitlist?: boolean;
}

export interface ApplicantOutcome {
  regNo: string;
  /** The unit the draw admitted the applicant to, or null. */
  drawnUnit: string | null;
  /** The unit the applicant now holds a seat at (after 递补 and declines), or null. */
  seatUnit: string | null;
  /** The seat came from a waitlist (递补). */
  viaWaitlist: boolean;
  /** The latest offer's status when offers exist (offered, confirmed, declined, revoked, released). */
  offerStatus?: OfferRow['status'];
  choices: ChoiceOutcome[];
}

/** One applicant's result at each of their choices, from the record and the offers. */
export function outcomeOf(d: DrawnEvent, applicant: ApplicantRow, offers: readonly OfferRow[]): ApplicantOutcome {
  const entry = d.entries.get(applicant.reg_no);
  const drawnUnit = entry?.assigned ?? null;
  const choices = choicesOf(applicant).map((c): ChoiceOutcome => {
    const pos = d.waitlistPlaces.get(c.unit)?.get(applicant.reg_no) ?? -1;
    const result: ChoiceResult = drawnUnit === c.unit ? 'admitted' : pos >= 0 ? 'waitlist' : 'not-considered';
    const out: ChoiceOutcome = { unit: c.unit, name: unitName(d, c.unit), tier: c.tier, result, ticket: entry?.tickets[c.unit] ?? '' };
    if (pos >= 0) out.waitlistPosition = pos + 1;
    return out;
  });
  const mine = offers.filter((o) => o.reg_no === applicant.reg_no);
  for (const c of choices) {
    const at = mine.filter((o) => o.unit_id === c.unit).pop();
    if (at) {
      c.offerStatus = at.status;
      c.viaWaitlist = at.origin === 'waitlist';
    }
  }
  if (mine.length === 0) return { regNo: applicant.reg_no, drawnUnit, seatUnit: drawnUnit, viaWaitlist: false, choices };
  const live = mine.filter((o) => o.status === 'offered' || o.status === 'confirmed').pop();
  const last = mine[mine.length - 1]!;
  return {
    regNo: applicant.reg_no,
    drawnUnit,
    seatUnit: live?.unit_id ?? null,
    viaWaitlist: live?.origin === 'waitlist',
    offerStatus: (live ?? last).status,
    choices,
  };
}

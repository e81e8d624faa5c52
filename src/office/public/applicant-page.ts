/**
 * A family's own page: its registration number and masked name, its choices, the inclusion
 * receipt of its line against the published root (checked again in the browser), and — once
 * results are published — its ticket, its place at each unit, the outcome and its offer now.
 */
import type { OfferRow } from '../../store/repositories/offers.repository.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import { toHex } from '../../core/bytes.js';
import type { Office } from '../ports.js';
import { noSuchApplicant, normaliseRegNo, publicEvent, resultsPublished } from './access.js';
import { drawn, lineOf, published, type Drawn, type Published } from './published.js';
import { maskedNames, offerStatusAt } from './unit-results.js';
import { maskName as maskNameOf } from '../masking.js';
import type { ApplicantPage, ChoiceResult, NextSteps, PublicStatus } from '../../api/public.js';

/** The only settings a family's page shows: public arrangements, nothing personal or internal. */
const NEXT_STEP_KEYS = ['confirmBy', 'reportDate', 'reportPlace', 'reportDocuments', 'contactPhone'] as const;

async function nextStepsOf(office: Office, eventId: string): Promise<NextSteps> {
  const all = ((await office.store.repos.documentSettings.get(eventId)) ?? {}) as Record<string, unknown>;
  const out: NextSteps = {};
  for (const k of NEXT_STEP_KEYS) {
    const v = all[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  return out;
}

/** Looks a registration number up as typed, then in capitals; every miss fails the same way. */
export async function applicantPage(office: Office, eventId: string, typed: string): Promise<ApplicantPage> {
  const repos = office.store.repos;
  const ev = await publicEvent(repos, eventId);
  const pub = await published(office, ev);
  const n = normaliseRegNo(typed);
  const regNo = n === undefined ? undefined : pub.indexOf.has(n) ? n : pub.indexOf.has(n.toUpperCase()) ? n.toUpperCase() : undefined;
  if (regNo === undefined) throw noSuchApplicant();
  const row = await repos.applicants.getByRegNo(eventId, regNo);
  const d = resultsPublished(ev) ? await drawn(office, ev, pub) : undefined;
  const offers = d ? await repos.offers.listByApplicant(eventId, regNo) : [];
  const next = await nextStepsOf(office, eventId);
  return pageOf(ev, pub, d, pub.indexOf.get(regNo)!, row ? maskNameOf(row.name) : '', offers, next);
}

/** Every applicant's page, for the static site (one read of names and offers). */
export async function allApplicantPages(office: Office, eventId: string): Promise<ApplicantPage[]> {
  const repos = office.store.repos;
  const ev = await publicEvent(repos, eventId);
  const pub = await published(office, ev);
  const d = resultsPublished(ev) ? await drawn(office, ev, pub) : undefined;
  const names = await maskedNames(office, eventId);
  const offers = d ? await repos.offers.listByEvent(eventId) : [];
  const byReg = new Map<string, OfferRow[]>();
  for (const o of offers) byReg.set(o.reg_no, [...(byReg.get(o.reg_no) ?? []), o]);
  const next = await nextStepsOf(office, eventId);
  return pub.ids.map((id, i) => pageOf(ev, pub, d, i, names.get(id) ?? '', byReg.get(id) ?? [], next));
}

function pageOf(
  ev: EventRow,
  pub: Published,
  d: Drawn | undefined,
  i: number,
  name: string,
  offers: readonly OfferRow[],
  nextSteps: NextSteps,
): ApplicantPage {
  const { list, rules } = pub;
  const regNo = pub.ids[i]!;
  const units = rules.units;
  const choices = [];
  for (let c = list.choiceStart[i]!; c < list.choiceStart[i + 1]!; c++) {
    const u = units[list.choiceUnit[c]!]!;
    choices.push({ unit: u.id, unitName: pub.unitName(u.id), tier: list.choiceTier[c]! });
  }
  const group = list.groups[i];
  const page: ApplicantPage = {
    event: { id: ev.id, title: ev.title, status: ev.status as PublicStatus },
    regNo,
    name,
    choices,
    group: group === undefined ? null : { size: pub.groupSize.get(group) ?? 0 },
    receipt: { line: lineOf(pub, i), listRoot: toHex(pub.tree.root()), version: pub.version, proof: pub.tree.prove(i) },
    nextSteps: { ...nextSteps },
    result: null,
  };
  if (!d) return page;

  const rec = d.record.applicants[i]!;
  const assigned = rec.assigned;
  const assignedRank = assigned === null ? Infinity : choices.findIndex((c) => c.unit === assigned);
  const results: ChoiceResult[] = [];
  for (let c = list.choiceStart[i]!, k = 0; c < list.choiceStart[i + 1]!; c++, k++) {
    const ui = list.choiceUnit[c]!;
    const u = units[ui]!;
    const wait = d.waitlistAt[ui]!.get(regNo) ?? null;
    results.push({
      unit: u.id,
      unitName: pub.unitName(u.id),
      tier: list.choiceTier[c]!,
      seats: u.seats,
      applicants: d.unitApplicants[ui]!,
      ticket: rec.tickets[u.id] ?? '',
      rank: d.rank[c]!,
      outcome: assigned === u.id ? 'admitted' : k > assignedRank ? 'higher-choice' : 'waitlist',
      waitlistPosition: wait,
    });
  }
  // The current offer: the live one if any, else the latest.
  const live = offers.filter((o) => o.unit_id !== '-' && (o.status === 'offered' || o.status === 'confirmed'));
  const latest = live[live.length - 1] ?? offers[offers.length - 1];
  page.result = {
    seed: d.record.seed,
    mechanism: rules.mechanism,
    tieBreak: rules.tieBreak,
    groupFit: rules.groupFit,
    entrant: group === undefined ? { kind: 'applicant', name: regNo } : { kind: 'group', name: group },
    assigned: assigned === null ? null : { unit: assigned, unitName: pub.unitName(assigned) },
    choices: results,
    offer: latest
      ? {
          unit: latest.unit_id,
          unitName: latest.unit_id === '-' ? '-' : pub.unitName(latest.unit_id),
          status: latest.unit_id === '-' ? 'revoked' : offerStatusAt(offers, regNo, latest.unit_id),
          origin: latest.origin,
        }
      : null,
  };
  return page;
}

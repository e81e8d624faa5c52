/**
 * The whole draw `fairdraw/v1`: from the three input files to the record. A pure function of its
 * inputs: no clock, no IO, no randomness of its own, so anyone who re-runs it gets the same bytes.
 */
import { fromHex } from './bytes.js';
import { parseRules, type ParsedRules, type Rules } from './rules.js';
import { parseList, type ApplicantList, type ParseListOptions } from './list.js';
import { parseSources, type ParsedSources } from './sources.js';
import { computeSeed } from './seed.js';
import { buildEntrants, computeTickets, type Entrants, type Tickets } from './ticket.js';
import { orderUnits, type UnitOrder } from './order.js';
import { deferredAcceptance } from './mechanisms/deferred.js';
import { immediateAcceptance } from './mechanisms/immediate.js';
import { recordBytes, unitResults, type RecordHeader, type UnitResult } from './record.js';
import type { Assignment, Market } from './mechanisms/market.js';

export interface DrawInputs {
  rules: Uint8Array;
  list: Uint8Array;
  sources: Uint8Array;
  /** File names used in error messages. */
  names?: { rules?: string; list?: string; sources?: string };
}

export interface DrawResult {
  rules: Rules;
  header: RecordHeader;
  list: ApplicantList;
  entrants: Entrants;
  tickets: Tickets;
  assigned: Assignment;
  units: UnitResult[];
  /** `JCS(record)`, the bytes to write as record.json. */
  recordBytes: Uint8Array;
}

/** Optional hook to compute tickets elsewhere (e.g. worker threads); must give identical words. */
export type TicketComputer = (seed: Uint8Array, entrants: Entrants, rules: Rules) => Tickets;

/**
 * Validates the three inputs (§2–§4), in that order, so the first error is the earliest one.
 * `listOptions` go to `parseList`, e.g. to leave the list root to other threads.
 */
export function parseInputs(
  inputs: DrawInputs,
  listOptions?: ParseListOptions,
): { rules: ParsedRules; list: ApplicantList; sources: ParsedSources } {
  const rules = parseRules(inputs.rules, inputs.names?.rules ?? 'rules.json');
  const list = parseList(inputs.list, rules.rules, inputs.names?.list ?? 'list.jsonl', listOptions);
  const sources = parseSources(inputs.sources, rules.rules.declaredSources, inputs.names?.sources ?? 'sources.json');
  return { rules, list, sources };
}

/**
 * Runs the draw (§5–§9) on parsed inputs.
 * @example const r = draw({ rules, list, sources }); writeFileSync('record.json', r.recordBytes)
 */
export function drawParsed(
  parsed: { rules: ParsedRules; list: ApplicantList; sources: ParsedSources },
  tickets?: TicketComputer,
): DrawResult {
  const a = assignParsed(parsed, tickets);
  const { rules, list, entrants, order, assigned, header } = a;
  const units = unitResults(rules.units, entrants, order, assigned, list);
  return { ...withoutOrder(a), units, recordBytes: recordBytes(header, units, rules.units, list, entrants, a.tickets, assigned) };
}

/** The draw up to the assignment (§5–§8): what the record and the unit results are made from. */
export interface Assigned extends Omit<DrawResult, 'units' | 'recordBytes'> {
  order: UnitOrder;
}

/** `entrants`: the list's entrants when the caller has built them already. */
export function assignParsed(
  parsed: { rules: ParsedRules; list: ApplicantList; sources: ParsedSources },
  tickets?: TicketComputer,
  entrants = buildEntrants(parsed.list),
): Assigned {
  const { rules: pr, list, sources } = parsed;
  const rules = pr.rules;
  const seed = computeSeed(rules.drawId, pr.paramsSha256, list.listRoot, sources.sourcesSha256);
  const seedBytes = fromHex(seed, 32)!;
  const t = tickets ? tickets(seedBytes, entrants, rules) : computeTickets(seedBytes, entrants, rules.units, rules.tieBreak);
  const order = orderUnits(t, entrants, rules.units.length);
  const market: Market = { entrants, order, seats: rules.units.map((u) => u.seats), fit: rules.groupFit };
  const assigned = rules.mechanism === 'deferred-acceptance' ? deferredAcceptance(market) : immediateAcceptance(market);
  return { rules, header: recordHeader(pr, list, sources, seed), list, entrants, tickets: t, order, assigned };
}

/** The record's fields besides the applicants and the units (§9). */
export function recordHeader(pr: ParsedRules, list: ApplicantList, sources: ParsedSources, seed: string): RecordHeader {
  return {
    drawId: pr.rules.drawId,
    paramsSha256: pr.paramsSha256,
    listRoot: list.listRoot,
    listSize: list.size,
    sources: sources.sources,
    sourcesSha256: sources.sourcesSha256,
    seed,
  };
}

/** The assignment's fields that a `DrawResult` carries (the units' key orders are left behind). */
export function withoutOrder(a: Assigned): Omit<DrawResult, 'units' | 'recordBytes'> {
  const { order: _order, ...rest } = a;
  return rest;
}

/** Validates the inputs and runs the draw. Throws `FairDrawError` on any input the contract refuses. */
export function draw(inputs: DrawInputs): DrawResult {
  return drawParsed(parseInputs(inputs));
}

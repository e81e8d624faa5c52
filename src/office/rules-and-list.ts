/**
 * The two files an event publishes before its draw, `rules.json` (§2) and `list.jsonl` (§3), built
 * from the stored event, and the readers of the event's and applicants' JSON columns they come
 * from. Names and ID-card numbers never enter them: applicants appear by registration number only.
 * (The printed documents, PDF and XLSX, are in `documents/`.)
 */
import { jcs, type Json, type JsonObject } from '../core/encoding.js';
import type { DeclaredSource } from '../core/rules.js';
import type { EventRow, UnitRow } from '../store/repositories/events.repository.js';
import type { ApplicantRow } from '../store/repositories/applicants.repository.js';

/**
 * How a witness value sealed but not revealed in time is handled (docs/ceremony-protocol.md): it is
 * replaced by a fixed text. Published in rules.json with every event that declares witnesses, so it
 * is fixed (and covered by paramsSha256) long before the ceremony.
 */
export const DEFAULT_SEALING = { unrevealed: 'fixed', replacement: '未揭示' } as const;

export function rulesDocument(ev: EventRow, units: readonly UnitRow[], version: number, drawId = ev.id): JsonObject {
  const doc: JsonObject = {
    spec: 'fairdraw/v1',
    drawId,
    title: ev.title,
    version,
    mechanism: ev.mechanism,
    tieBreak: ev.tie_break,
    groupFit: ev.group_fit,
    units: units.map((u) => ({ id: u.id, name: u.name, seats: u.seats })),
    declaredSources: JSON.parse(ev.declared_sources) as Json,
  };
  const declared = JSON.parse(ev.declared_sources) as DeclaredSource[];
  if (declared.some((d) => d.kind === 'witness')) doc.sealing = { ...DEFAULT_SEALING };
  if (ev.born_from || ev.born_to) doc.ageWindow = { bornFrom: ev.born_from ?? null, bornTo: ev.born_to ?? null };
  return doc;
}

export function declaredSourcesOf(ev: EventRow): DeclaredSource[] {
  return JSON.parse(ev.declared_sources) as DeclaredSource[];
}

export interface ListChoice {
  unit: string;
  tier: number;
}

export function choicesOf(a: ApplicantRow): ListChoice[] {
  return JSON.parse(a.choices) as ListChoice[];
}

/** `list.jsonl`: one JCS line per applicant, sorted by registration number (ASCII, so by bytes). */
export function listText(applicants: readonly ApplicantRow[]): string {
  const lines = applicants.map((a) => {
    const rec: JsonObject = { id: a.reg_no, choices: choicesOf(a) as unknown as Json };
    if (a.group_id) rec.group = a.group_id;
    return { id: a.reg_no, line: jcs(rec) };
  });
  lines.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return lines.map((l) => `${l.line}\n`).join('');
}

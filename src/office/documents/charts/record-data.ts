/** What the charts read from a stored record (spec §9), and the applicants per unit drawn as bars. */

/** The parts of a stored record the charts read (spec §9). */
export interface RecordLike {
  units: readonly { id: string; seats: number; admitted: readonly string[]; waitlist: readonly string[] }[];
  applicants: readonly { id: string; tickets: Readonly<Record<string, string>> }[];
}

export interface UnitDemand {
  id: string;
  name: string;
  seats: number;
  applicants: number;
}

/** Applicants (who listed the unit) per unit, from a record. */
export function demandFromRecord(record: RecordLike, names: ReadonlyMap<string, string> = new Map()): UnitDemand[] {
  const counts = new Map<string, number>();
  for (const a of record.applicants) for (const u of Object.keys(a.tickets)) counts.set(u, (counts.get(u) ?? 0) + 1);
  return record.units.map((u) => ({ id: u.id, name: names.get(u.id) ?? u.id, seats: u.seats, applicants: counts.get(u.id) ?? 0 }));
}

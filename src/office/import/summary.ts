/** Counts shown to the operator after an import: applicants per school and per tier. */
import type { ImportedApplicant } from './validate.js';
import type { UnitRef } from './units.js';

export interface ImportSummary {
  /** Applicants imported (rows without errors). */
  applicants: number;
  /** Multiple-birth groups among them, and how many applicants they hold. */
  groups: number;
  groupMembers: number;
  /** For every unit of the draw (also those nobody chose), in the order given. */
  perUnit: { id: string; name: string; firstChoice: number; anyChoice: number }[];
  /** Tier → applicants, tiers in ascending order. */
  perTier: { tier: number; applicants: number }[];
}

export function summarise(applicants: readonly ImportedApplicant[], units: readonly UnitRef[]): ImportSummary {
  const counts = new SummaryCounts();
  for (const a of applicants) counts.add(a);
  return counts.summary(units);
}

/** The same counts, one applicant at a time (for a list that is never held whole). */
export class SummaryCounts {
  private readonly first = new Map<string, number>();
  private readonly any = new Map<string, number>();
  private readonly tiers = new Map<number, number>();
  private readonly groups = new Set<string>();
  private groupMembers = 0;
  private applicants = 0;

  add(a: ImportedApplicant): void {
    this.applicants++;
    const c0 = a.choices[0];
    if (c0 !== undefined) this.first.set(c0, (this.first.get(c0) ?? 0) + 1);
    for (const c of new Set(a.choices)) this.any.set(c, (this.any.get(c) ?? 0) + 1);
    this.tiers.set(a.tier, (this.tiers.get(a.tier) ?? 0) + 1);
    if (a.group !== undefined) {
      this.groups.add(a.group);
      this.groupMembers++;
    }
  }

  summary(units: readonly UnitRef[]): ImportSummary {
    return {
      applicants: this.applicants,
      groups: this.groups.size,
      groupMembers: this.groupMembers,
      perUnit: units.map((u) => ({ id: u.id, name: u.name, firstChoice: this.first.get(u.id) ?? 0, anyChoice: this.any.get(u.id) ?? 0 })),
      perTier: [...this.tiers.entries()].sort((a, b) => a[0] - b[0]).map(([tier, n]) => ({ tier, applicants: n })),
    };
  }
}

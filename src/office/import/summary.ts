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
  const first = new Map<string, number>();
  const any = new Map<string, number>();
  const tiers = new Map<number, number>();
  const groups = new Set<string>();
  let groupMembers = 0;
  for (const a of applicants) {
    const c0 = a.choices[0];
    if (c0 !== undefined) first.set(c0, (first.get(c0) ?? 0) + 1);
    for (const c of new Set(a.choices)) any.set(c, (any.get(c) ?? 0) + 1);
    tiers.set(a.tier, (tiers.get(a.tier) ?? 0) + 1);
    if (a.group !== undefined) {
      groups.add(a.group);
      groupMembers++;
    }
  }
  return {
    applicants: applicants.length,
    groups: groups.size,
    groupMembers,
    perUnit: units.map((u) => ({ id: u.id, name: u.name, firstChoice: first.get(u.id) ?? 0, anyChoice: any.get(u.id) ?? 0 })),
    perTier: [...tiers.entries()].sort((a, b) => a[0] - b[0]).map(([tier, n]) => ({ tier, applicants: n })),
  };
}

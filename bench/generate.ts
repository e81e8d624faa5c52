/**
 * Synthetic draws for the benchmarks: random public ids and choices (no personal data), built
 * directly as contract files. Deterministic for a given size (a simple xorshift PRNG).
 */
import { jcs, type Json } from '../src/core/encoding.js';

export interface GenOptions {
  applicants: number;
  units: number;
  maxChoices: number;
  seatsRatio: number;
  groupShare: number;
  mechanism: 'deferred-acceptance' | 'immediate-acceptance';
  tieBreak: 'single' | 'multiple';
  groupFit?: 'strict' | 'overflow';
  seed?: number;
}

export function generate(o: GenOptions): { rules: Uint8Array; list: Uint8Array; sources: Uint8Array } {
  let s = (o.seed ?? 0x9e3779b9) >>> 0 || 1;
  const rnd = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  const unitIds = Array.from({ length: o.units }, (_, i) => `U${String(i).padStart(5, '0')}`);
  const totalSeats = Math.round(o.applicants * o.seatsRatio);
  const units = unitIds.map((id, i) => ({ id, seats: Math.floor(totalSeats / o.units) + (i < totalSeats % o.units ? 1 : 0) }));
  const rules = {
    declaredSources: [{ kind: 'witness', label: '公证员' }],
    drawId: `bench-${o.applicants}`,
    groupFit: o.groupFit ?? 'strict',
    mechanism: o.mechanism,
    spec: 'fairdraw/v1',
    tieBreak: o.tieBreak,
    units,
  };
  const ids = new Set<string>();
  while (ids.size < o.applicants)
    ids.add(
      Math.floor(rnd() * 36 ** 10)
        .toString(36)
        .padStart(10, '0'),
    );
  const sorted = [...ids].sort();
  const lines: string[] = [];
  let g = 0;
  for (let i = 0; i < sorted.length;) {
    const k = 1 + Math.floor(rnd() * o.maxChoices);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(k, o.units)) chosen.add(Math.floor(rnd() * o.units));
    const choices = [...chosen].map((u) => ({ tier: 1 + Math.floor(rnd() * 3), unit: unitIds[u]! }));
    const want = rnd() < o.groupShare ? (rnd() < 0.8 ? 2 : 3) : 1;
    const groupSize = i + want <= sorted.length ? want : 1;
    const group = groupSize > 1 ? `G${g++}` : undefined;
    for (let m = 0; m < groupSize; m++, i++) {
      const rec: { [k: string]: Json } = { choices, id: sorted[i]! };
      if (group) rec.group = group;
      lines.push(jcs(rec));
    }
  }
  const enc = new TextEncoder();
  return {
    rules: enc.encode(jcs(rules as unknown as Json)),
    list: enc.encode(lines.map((l) => `${l}\n`).join('')),
    sources: enc.encode(jcs([{ kind: 'witness', label: '公证员', value: '3,6,1,5,2,4' }])),
  };
}

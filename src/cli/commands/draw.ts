/** `fairdraw draw --rules … --list … --sources … --out record.json` (files mode). */
import { parseFlags, required } from '../args.js';
import { pad, readInput, writeAtomic, type Output } from '../io.js';
import { unitCounts, type UnitResult } from '../../core/record.js';
import { drawInParallel, threadsOf } from '../../engine/parallel.js';

export async function drawFiles(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, {
    rules: { type: 'string' },
    list: { type: 'string' },
    sources: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string' },
  });
  const names = { rules: required(values, 'rules'), list: required(values, 'list'), sources: required(values, 'sources') };
  const out = required(values, 'out');
  const inputs = { rules: readInput(names.rules), list: readInput(names.list), sources: readInput(names.sources), names };
  const result = await drawInParallel(inputs, threadsOf(values.threads));
  writeAtomic(out, result.recordBytes);
  io.out(`drawId ${result.header.drawId}`);
  io.out(`seed   ${result.header.seed}`);
  printSummary(result.units, io);
  io.out(`record written to ${out} / 结果记录已写入 ${out}`);
  return 0;
}

/** Per-unit table: seats, applicants, admitted, waitlist. */
export function printSummary(units: readonly UnitResult[], io: Output): void {
  io.out(
    `${pad('unit 单元', 18)}${pad('seats 学位', 12, true)}${pad('applicants 报名', 18, true)}${pad('admitted 录取', 16, true)}${pad('waitlist 候补', 16, true)}`,
  );
  for (const u of units) {
    const n = unitCounts(u); // counts, without making a city's ids into strings
    io.out(
      `${pad(u.id, 18)}${pad(String(u.seats), 12, true)}${pad(String(u.applicants), 18, true)}${pad(String(n.admitted), 16, true)}${pad(String(n.waitlist), 16, true)}`,
    );
  }
}

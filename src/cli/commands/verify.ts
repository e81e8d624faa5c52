/** `fairdraw verify --rules … --list … --sources … --record record.json`. */
import { compareRecord } from '../../core/verify.js';
import { parseFlags, required } from '../args.js';
import { readInput, type Output } from '../io.js';
import { drawInParallel, threadsOf } from '../../engine/parallel.js';

export async function verifyFiles(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, {
    rules: { type: 'string' },
    list: { type: 'string' },
    sources: { type: 'string' },
    record: { type: 'string' },
    threads: { type: 'string' },
  });
  const names = { rules: required(values, 'rules'), list: required(values, 'list'), sources: required(values, 'sources') };
  const recordPath = required(values, 'record');
  const inputs = { rules: readInput(names.rules), list: readInput(names.list), sources: readInput(names.sources), names };
  const record = readInput(recordPath);
  const outcome = compareRecord(await drawInParallel(inputs, threadsOf(values.threads)), record, recordPath);
  if (outcome.valid) {
    const drand = outcome.result.header.sources.some((s) => s.kind === 'drand');
    io.out('valid');
    io.out(
      `the record is exactly what the inputs give (seed ${outcome.result.header.seed}${drand ? '; drand BLS signature verified' : ''}) / 结果记录与输入重新计算的结果完全一致`,
    );
    return 0;
  }
  io.out(`invalid: ${outcome.message.en}`);
  io.out(`无效：${outcome.message.zh}`);
  return 1;
}

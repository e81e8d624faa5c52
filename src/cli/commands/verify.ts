/**
 * `fairdraw verify --rules … --list … --sources … --record record.json`: the record against its inputs.
 * `fairdraw verify --bundle DIR`: every file of the public bundle (src/core/bundle/).
 * `fairdraw verify --reference …`: the record recomputed by the readable reference implementation
 * (src/core/reference/) instead of the engine — slower, and a second opinion written apart from it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBundle, type StepId } from '../../core/bundle/index.js';
import { FairDrawError } from '../../core/errors.js';
import { compareRecord, recordDifference } from '../../core/verify.js';
import { referenceDraw } from '../../core/reference/draw.js';
import { parseFlags, required } from '../args.js';
import { readInput, type Output } from '../io.js';
import { drawInParallel, threadsOf } from '../../engine/parallel.js';

/** The file each step of the bundle check reads first, to name it in a failure. */
const STEP_FILE: Record<StepId, string> = {
  rules: 'rules.json',
  list: 'list.jsonl',
  drand: 'sources.json',
  sources: 'sources.json',
  seed: 'record.json',
  tickets: 'record.json',
  units: 'record.json',
  applicants: 'record.json',
  record: 'record.json',
  published: 'audit.json',
  organiser: 'organiser.pub',
  audit: 'audit.json',
  sealed: 'audit.json',
};

export const BUNDLE_FILES = ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json', 'organiser.pub'] as const;

export function verifyBundleDir(dir: string, io: Output): number {
  const missing = BUNDLE_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new FairDrawError('bundle.missing', `公开包缺少文件：${missing.join('、')}`, `the bundle lacks ${missing.join(', ')}`, {
      file: join(dir, missing[0]!),
    });
  }
  const read = (f: string): Uint8Array => readInput(join(dir, f));
  const report = verifyBundle({
    rules: read('rules.json'),
    list: read('list.jsonl'),
    sources: read('sources.json'),
    record: read('record.json'),
    audit: read('audit.json'),
    organiserPub: read('organiser.pub'),
  });
  for (const s of report.steps) {
    const mark = s.status === 'passed' ? 'ok  ' : s.status === 'skipped' ? 'skip' : 'FAIL';
    io.out(`${mark} ${s.id}: ${s.message.en} / ${s.message.zh}`);
  }
  if (report.valid && report.audited) {
    io.out('valid');
    io.out(`organiser key 组织方公钥 ${report.organiserPublicKey}`);
    if (report.notaryKey) io.out(`notary key fingerprint 公证员公钥指纹 ${report.notaryKey.fingerprint} (${report.notaryKey.name})`);
    if (report.head) io.out(`log head 日志头 ${report.head}`);
    return 0;
  }
  const f = report.firstFailure ?? report.steps.find((s) => s.status !== 'passed')!;
  const named = `${f.message.en} ${f.difference?.path ?? ''}`.includes(STEP_FILE[f.id]);
  const file = named ? '' : `${STEP_FILE[f.id]}: `;
  const at = f.difference ? ` (at ${f.difference.path})` : '';
  io.out(`invalid: ${file}${f.message.en}${at}`);
  io.out(`无效：${file}${f.message.zh}${f.difference ? `（位置 ${f.difference.path}）` : ''}`);
  return 1;
}

export async function verifyFiles(argv: string[], io: Output): Promise<number> {
  if (argv.some((a) => a === '--bundle' || a.startsWith('--bundle='))) {
    const { values } = parseFlags(argv, { bundle: { type: 'string' } });
    return verifyBundleDir(required(values, 'bundle'), io);
  }
  const { values } = parseFlags(argv, {
    rules: { type: 'string' },
    list: { type: 'string' },
    sources: { type: 'string' },
    record: { type: 'string' },
    threads: { type: 'string' },
    reference: { type: 'boolean' },
  });
  const names = { rules: required(values, 'rules'), list: required(values, 'list'), sources: required(values, 'sources') };
  const recordPath = required(values, 'record');
  const inputs = { rules: readInput(names.rules), list: readInput(names.list), sources: readInput(names.sources), names };
  const record = readInput(recordPath);
  if (values.reference) {
    const d = recordDifference(referenceDraw(inputs), record, recordPath);
    if (!d) {
      io.out('valid');
      io.out('the reference implementation gives exactly this record / 参考实现重新计算的结果与结果记录完全一致');
      return 0;
    }
    io.out(`invalid: ${d.message.en}`);
    io.out(`无效：${d.message.zh}`);
    return 1;
  }
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

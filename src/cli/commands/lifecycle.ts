/**
 * The bureau's flow on the command line (after the import, commands/import.ts): publish → freeze → draw (once) → results →
 * offers, plus rehearsal, receipts, exports and the audit check.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FairDrawError } from '../../core/errors.js';
import { isObject, readStrictJson } from '../../core/encoding.js';
import { publishEvent } from '../../office/publish-event.js';
import { freezeEvent } from '../../office/freeze-event.js';
import { runDraw } from '../../office/run-draw.js';
import { rehearse as rehearseEvent } from '../../office/rehearse.js';
import { changeOffer, publishResults } from '../../office/offers.js';
import { publicBundle, writeBundle } from '../../office/exports/bundle.js';
import { receiptOf } from '../../office/receipts.js';
import type { SourceValue } from '../../office/sources-input.js';
import { parseFlags, required, type Flags } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import { readInput, pad, type Output } from '../io.js';

export async function publish(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, reason: { type: 'string' } });
  const event = required(values, 'event');
  return withOffice(values, async (office) => {
    const p = await publishEvent(office, event, actorOf(values), values.reason as string | undefined);
    io.out(`published ${p.event} version ${p.version} / 已公示第 ${p.version} 版`);
    io.out(`paramsSha256 ${p.paramsSha256}`);
    io.out(`listRoot     ${p.listRoot}`);
    io.out(`listSize     ${p.listSize}`);
    io.out(`${pad('unit 单元', 18)}${pad('seats 学位', 12, true)}${pad('applicants 报名', 18, true)}  lottery 需摇号`);
    for (const u of p.units)
      io.out(
        `${pad(u.id, 18)}${pad(String(u.seats), 12, true)}${pad(String(u.applicants), 18, true)}  ${u.lotteryNeeded ? 'yes 是' : 'no 否'}`,
      );
    return 0;
  });
}

export async function freeze(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' } });
  return withOffice(values, async (office) => {
    const f = await freezeEvent(office, required(values, 'event'), actorOf(values));
    io.out(`frozen at version ${f.version} / 已冻结第 ${f.version} 版`);
    io.out(`paramsSha256 ${f.paramsSha256}`);
    io.out(`listRoot     ${f.listRoot}`);
    return 0;
  });
}

/** `--source LABEL=VALUE` (repeatable, declared order) and `--drand FILE` (beacon JSON). */
function sourceValues(values: Flags): SourceValue[] | undefined {
  const given: SourceValue[] = [];
  for (const s of (values.source as string[] | undefined) ?? []) {
    const i = s.indexOf('=');
    if (i <= 0)
      throw new FairDrawError('cli.source', `--source 须写成 标签=值，实际为 ${s}`, `--source must be LABEL=VALUE, found ${s}`, {
        field: '--source',
      });
    given.push({ label: s.slice(0, i), value: s.slice(i + 1) });
  }
  if (typeof values.drand === 'string') {
    const doc = readStrictJson(readInput(values.drand), { file: values.drand });
    if (!isObject(doc) || typeof doc.round !== 'number' || typeof doc.randomness !== 'string' || typeof doc.signature !== 'string') {
      throw new FairDrawError(
        'cli.drand',
        'drand 信标文件须含 round、randomness、signature',
        'the drand beacon file must have round, randomness and signature',
        { file: values.drand },
      );
    }
    given.push({ drand: { round: doc.round, randomness: doc.randomness, signature: doc.signature } });
  }
  return given.length ? given : undefined;
}

const drawFlags = {
  ...officeFlags,
  event: { type: 'string' },
  source: { type: 'string', multiple: true },
  drand: { type: 'string' },
} as const;

export async function drawEvent(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, drawFlags);
  const event = required(values, 'event');
  return withOffice(values, async (office) => {
    const r = await runDraw(office, event, sourceValues(values) ?? [], actorOf(values));
    if (!r.computedNow)
      io.out(
        'the official draw already took place; its stored record is shown, nothing was recomputed / 正式摇号已进行过，以下为已保存的结果，未重新计算',
      );
    io.out(`drawId ${r.draw.draw_id}`);
    io.out(`seed   ${r.draw.seed}`);
    io.out(`record sha256 ${r.draw.record_sha256}`);
    io.out(
      `${pad('unit 单元', 18)}${pad('seats 学位', 12, true)}${pad('applicants 报名', 18, true)}${pad('admitted 录取', 16, true)}${pad('waitlist 候补', 16, true)}`,
    );
    for (const u of r.units)
      io.out(
        `${pad(u.id, 18)}${pad(String(u.seats), 12, true)}${pad(String(u.applicants), 18, true)}${pad(String(u.admitted), 16, true)}${pad(String(u.waitlist), 16, true)}`,
      );
    return 0;
  });
}

export async function rehearse(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, drawFlags);
  const event = required(values, 'event');
  return withOffice(values, async (office) => {
    const r = await rehearseEvent(office, event, sourceValues(values), actorOf(values));
    io.out(`rehearsal ${r.draw.draw_id} (not an official result / 演练结果，不是正式结果)`);
    io.out(`seed ${r.draw.seed}`);
    for (const u of r.units) io.out(`${u.id}: ${u.admitted} admitted 录取, ${u.waitlist} waitlist 候补`);
    return 0;
  });
}

export async function results(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'publish')
    throw new FairDrawError('cli.command', `未知子命令 results ${sub ?? ''}`, `unknown command: results ${sub ?? ''} (publish)`, {});
  const { values } = parseFlags(rest, { ...officeFlags, event: { type: 'string' } });
  return withOffice(values, async (office) => {
    const r = await publishResults(office, required(values, 'event'), actorOf(values));
    io.out(`results published; ${r.offers} offers made / 结果已公布，发出录取 ${r.offers} 份`);
    return 0;
  });
}

export async function offer(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'confirm' && sub !== 'decline' && sub !== 'revoke') {
    throw new FairDrawError(
      'cli.command',
      `未知子命令 offer ${sub ?? ''}`,
      `unknown command: offer ${sub ?? ''} (confirm, decline, revoke)`,
      {},
    );
  }
  const { values } = parseFlags(rest, { ...officeFlags, event: { type: 'string' }, reg: { type: 'string' }, reason: { type: 'string' } });
  return withOffice(values, async (office) => {
    const changes = await changeOffer(
      office,
      required(values, 'event'),
      required(values, 'reg'),
      sub,
      values.reason as string | undefined,
      actorOf(values),
    );
    for (const c of changes) io.out(`${c.regNo}\t${c.unit}\t${c.status}${c.reason ? `\t${c.reason}` : ''}`);
    return 0;
  });
}

export async function exportEvent(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, out: { type: 'string' } });
  const event = required(values, 'event');
  const out = required(values, 'out');
  return withOffice(values, async (office) => {
    // Both are built (and the stored record checked) before anything is written.
    const bundle = await publicBundle(office, event);
    // The workbook writer (ExcelJS) is loaded only by the command that writes one.
    const { unitWorkbook } = await import('../../office/exports/unit-workbooks.js');
    const workbook = await unitWorkbook(office, event);
    const written = writeBundle(bundle, join(out, 'public'));
    mkdirSync(join(out, 'internal'), { recursive: true });
    writeFileSync(join(out, 'internal', `${event}-units.xlsx`), workbook);
    io.out(`public bundle 公开包: ${written.join(', ')}`);
    io.out(`internal workbook 内部名单（含姓名，仅供内部使用）: ${join(out, 'internal', `${event}-units.xlsx`)}`);
    return 0;
  });
}

export async function receipt(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, { ...officeFlags, event: { type: 'string' }, reg: { type: 'string' } });
  return withOffice(values, async (office) => {
    const r = await receiptOf(office.store.repos, required(values, 'event'), required(values, 'reg'));
    io.out(JSON.stringify(r, null, 2));
    return 0;
  });
}

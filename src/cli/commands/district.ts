/** `fairdraw district add|list|log`: the city's districts (区县), from the command line (the city's own hand). */
import { FairDrawError } from '../../core/errors.js';
import { addDistrict, cityLog, listDistricts } from '../../office/districts.js';
import { parseFlags, required } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export async function district(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parseFlags(rest, { ...officeFlags, id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } });
    const input = { id: required(values, 'id'), code: required(values, 'code'), name: required(values, 'name') };
    return withOffice(values, async (office) => {
      const d = await addDistrict(office, input, actorOf(values));
      io.out(`district ${d.id} ${d.code} ${d.name} added / 已新增区县`);
      return 0;
    });
  }
  if (sub === 'list') {
    const { values } = parseFlags(rest, officeFlags);
    return withOffice(values, async (office) => {
      const all = await listDistricts(office);
      if (all.length === 0) io.out('no districts: every account and event is the city’s / 尚无区县：所有账户和批次属于市级');
      for (const d of all) io.out(`${d.id}\t${d.code}\t${d.name}`);
      return 0;
    });
  }
  if (sub === 'log') {
    const { values } = parseFlags(rest, officeFlags);
    return withOffice(values, async (office) => {
      const { entries, check } = await cityLog(office);
      for (const e of entries) io.out(`${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${JSON.stringify(e.details)}`);
      if (!check.ok) {
        io.err(`the city's log is broken at entry ${check.seq}: ${check.reason} / 市级日志第 ${check.seq} 条有误：${check.zh}`);
        return 1;
      }
      io.out(`the city's log holds: ${check.entries} entries, ${check.checkpoints} signed checkpoints / 市级日志完整`);
      return 0;
    });
  }
  throw new FairDrawError('cli.command', `未知子命令 district ${sub ?? ''}`, `unknown command: district ${sub ?? ''} (add, list, log)`, {});
}

/** `fairdraw district add|list`: the city's districts (区县), from the command line (the city's own hand). */
import { FairDrawError } from '../../core/errors.js';
import { addDistrict, listDistricts } from '../../office/districts.js';
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
  throw new FairDrawError('cli.command', `未知子命令 district ${sub ?? ''}`, `unknown command: district ${sub ?? ''} (add, list)`, {});
}

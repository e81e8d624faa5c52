/** `fairdraw init`, `fairdraw event create|list|show`, `fairdraw unit add`, `fairdraw sources declare`. */
import { FairDrawError } from '../../core/errors.js';
import type { DeclaredSource, GroupFit, Mechanism, TieBreak } from '../../core/rules.js';
import { DRAND_QUICKNET, drandRoundTime } from '../../core/drand.js';
import { createEvent } from '../../office/create-event.js';
import { addUnit } from '../../office/add-unit.js';
import { declareSources } from '../../office/declare-sources.js';
import { STATUS_ZH } from '../../office/errors.js';
import { parseFlags, required, type Flags } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

export async function init(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, officeFlags);
  return withOffice(values, async (office) => {
    const key = await office.keys.publicKey();
    io.out(`data directory ${office.dataDir} ready / 数据目录已就绪`);
    io.out(`organiser public key 组织方公钥: ${key}`);
    return 0;
  });
}

const sourceFlags = {
  witness: { type: 'string', multiple: true },
  public: { type: 'string', multiple: true },
  'drand-round': { type: 'string' },
} as const;

/** Declared sources from flags: witnesses first, then public numbers, then a drand round. */
function sourcesFromFlags(values: Flags): DeclaredSource[] {
  const out: DeclaredSource[] = [];
  for (const label of (values.witness as string[] | undefined) ?? []) out.push({ kind: 'witness', label });
  for (const label of (values.public as string[] | undefined) ?? []) out.push({ kind: 'public', label });
  const r = values['drand-round'];
  if (typeof r === 'string') {
    if (!/^[1-9][0-9]*$/.test(r))
      throw new FairDrawError('cli.drand-round', '--drand-round 必须是正整数', '--drand-round must be a positive integer', {
        field: '--drand-round',
      });
    out.push({ kind: 'drand', chain: DRAND_QUICKNET.chainHash, round: Number(r) });
  }
  return out;
}

function oneOf<T extends string>(values: Flags, name: string, allowed: readonly T[], fallback: T): T {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new FairDrawError('cli.value', `--${name} 必须是 ${allowed.join(' 或 ')}`, `--${name} must be one of ${allowed.join(', ')}`, {
      field: `--${name}`,
    });
  }
  return v as T;
}

export async function event(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'create') {
    const { values } = parseFlags(rest, {
      ...officeFlags,
      ...sourceFlags,
      id: { type: 'string' },
      title: { type: 'string' },
      mechanism: { type: 'string' },
      'tie-break': { type: 'string' },
      'group-fit': { type: 'string' },
      'born-from': { type: 'string' },
      'born-to': { type: 'string' },
      district: { type: 'string' },
    });
    const input = {
      id: required(values, 'id'),
      title: required(values, 'title'),
      mechanism: oneOf<Mechanism>(values, 'mechanism', ['deferred-acceptance', 'immediate-acceptance'], 'deferred-acceptance'),
      tieBreak: oneOf<TieBreak>(values, 'tie-break', ['single', 'multiple'], 'single'),
      groupFit: oneOf<GroupFit>(values, 'group-fit', ['strict', 'overflow'], 'strict'),
      bornFrom: values['born-from'] as string | undefined,
      bornTo: values['born-to'] as string | undefined,
      declaredSources: sourcesFromFlags(values),
      district: values.district as string | undefined,
    };
    return withOffice(values, async (office) => {
      await createEvent(office, input, actorOf(values));
      io.out(`event ${input.id} created (draft) / 摇号批次 ${input.id} 已创建（草稿）`);
      return 0;
    });
  }
  if (sub === 'list') {
    const { values } = parseFlags(rest, officeFlags);
    return withOffice(values, async (office) => {
      const events = await office.store.repos.events.list();
      if (events.length === 0) io.out('no events yet / 尚无摇号批次');
      for (const e of events) {
        io.out(`${e.id}\t${e.status} ${STATUS_ZH[e.status]}\tv${e.version}\t${e.title}${e.district_id ? `\t${e.district_id}` : ''}`);
      }
      return 0;
    });
  }
  if (sub === 'show') {
    const { values } = parseFlags(rest, { ...officeFlags, event: { type: 'string' } });
    const id = required(values, 'event');
    return withOffice(values, async (office) => {
      const repos = office.store.repos;
      const e = await repos.events.getById(id);
      if (!e) throw new FairDrawError('event.missing', `没有编号为 ${id} 的摇号批次`, `there is no event ${id}`, { field: '--event' });
      io.out(`${e.id} ${e.title}`);
      io.out(`status ${e.status} ${STATUS_ZH[e.status]}, version ${e.version}, ${e.mechanism}, ${e.tie_break}, ${e.group_fit}`);
      for (const u of await repos.events.listUnits(id)) io.out(`unit ${u.id}\t${u.name}\t${u.seats} seats 学位`);
      io.out(`applicants 报名人数 ${await repos.applicants.countByEvent(id)}`);
      for (const s of JSON.parse(e.declared_sources) as DeclaredSource[]) {
        io.out(
          s.kind === 'drand'
            ? `source drand round ${s.round} (${new Date(drandRoundTime(s.round) * 1000).toISOString()})`
            : `source ${s.kind} ${s.label}`,
        );
      }
      const pub = await repos.publications.latest(id);
      if (pub) io.out(`published v${pub.version}: paramsSha256 ${pub.params_sha256} listRoot ${pub.list_root} listSize ${pub.list_size}`);
      return 0;
    });
  }
  throw new FairDrawError('cli.command', `未知子命令 event ${sub ?? ''}`, `unknown command: event ${sub ?? ''} (create, list, show)`, {});
}

export async function unit(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new FairDrawError('cli.command', `未知子命令 unit ${sub ?? ''}`, `unknown command: unit ${sub ?? ''} (add)`, {});
  const { values } = parseFlags(rest, {
    ...officeFlags,
    event: { type: 'string' },
    id: { type: 'string' },
    name: { type: 'string' },
    seats: { type: 'string' },
  });
  const seatsText = required(values, 'seats');
  if (!/^[0-9]+$/.test(seatsText))
    throw new FairDrawError('cli.seats', '--seats 必须是不小于 0 的整数', '--seats must be an integer ≥ 0', { field: '--seats' });
  const input = { event: required(values, 'event'), id: required(values, 'id'), name: required(values, 'name'), seats: Number(seatsText) };
  return withOffice(values, async (office) => {
    await addUnit(office, input, actorOf(values));
    io.out(`unit ${input.id} ${input.name}: ${input.seats} seats / 已添加招生单元 ${input.name}，学位 ${input.seats} 个`);
    return 0;
  });
}

export async function sources(argv: string[], io: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'declare')
    throw new FairDrawError('cli.command', `未知子命令 sources ${sub ?? ''}`, `unknown command: sources ${sub ?? ''} (declare)`, {});
  const { values } = parseFlags(rest, { ...officeFlags, ...sourceFlags, event: { type: 'string' } });
  const id = required(values, 'event');
  const declared = sourcesFromFlags(values);
  return withOffice(values, async (office) => {
    await declareSources(office, id, declared, actorOf(values));
    io.out(`declared ${declared.length} source(s) / 已声明 ${declared.length} 个随机来源`);
    return 0;
  });
}

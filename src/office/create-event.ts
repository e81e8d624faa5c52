/** 新建摇号批次: an event in draft, with its mechanism, rules for groups and declared sources. */
import { FairDrawError } from '../core/errors.js';
import { checkIdentifier } from '../core/identifier-check.js';
import { checkText } from '../core/encoding.js';
import { checkRules, type DeclaredSource, type GroupFit, type Mechanism, type TieBreak } from '../core/rules.js';
import type { Json } from '../core/encoding.js';
import { logMilestone } from './audit-trail.js';
import type { Actor, Office } from './ports.js';
import { CITY, districtForNew, type Scope } from './districts.js';

export interface CreateEventInput {
  id: string;
  title: string;
  mechanism: Mechanism;
  tieBreak: TieBreak;
  groupFit: GroupFit;
  /** Birth dates accepted (inclusive, YYYY-MM-DD), e.g. the school-entry age window. */
  bornFrom?: string;
  bornTo?: string;
  declaredSources?: DeclaredSource[];
  /** 区县: the district the event belongs to (a district's staff: always their own; none: no district). */
  district?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `scope`: who creates it; a district's account creates events of its own district only. */
export async function createEvent(office: Office, input: CreateEventInput, actor: Actor, scope: Scope = CITY): Promise<void> {
  checkIdentifier(input.id, { field: 'id' }, { zh: '批次编号', en: 'the event id' });
  if (!input.title.trim()) throw new FairDrawError('event.title', '批次名称不能为空', 'the title must not be empty', { field: 'title' });
  checkText(input.title, { field: 'title' });
  for (const [k, v] of [
    ['bornFrom', input.bornFrom],
    ['bornTo', input.bornTo],
  ] as const) {
    if (v !== undefined && !DATE.test(v))
      throw new FairDrawError('event.date', `${k} 必须是 YYYY-MM-DD 格式的日期`, `${k} must be a date YYYY-MM-DD`, { field: k });
  }
  const sources = input.declaredSources ?? [];
  // Check the fields the way the draw will: a unit-less placeholder rules document.
  checkRules({
    spec: 'fairdraw/v1',
    drawId: input.id,
    mechanism: input.mechanism,
    tieBreak: input.tieBreak,
    groupFit: input.groupFit,
    units: [{ id: 'x', seats: 0 }],
    declaredSources: (sources.length ? sources : [{ kind: 'witness', label: 'x' }]) as unknown as Json,
  });
  checkDistinctLabels(sources);
  const now = office.clock.now().toISOString();
  await office.store.tx(async (repos) => {
    if (await repos.events.getById(input.id)) {
      throw new FairDrawError('event.exists', `批次编号 ${input.id} 已存在`, `an event ${input.id} already exists`, { field: 'id' });
    }
    // A deleted draft's log stays under its id: the id is not given to another event.
    if (await repos.audit.last(input.id)) {
      throw new FairDrawError(
        'event.id-used',
        `批次编号 ${input.id} 曾被一个已删除的草稿使用，请换一个编号`,
        `the event id ${input.id} was used by a deleted draft; choose another id`,
        { field: 'id' },
      );
    }
    const district = await districtForNew(repos, scope, input.district);
    await repos.events.insert({
      id: input.id,
      title: input.title.normalize('NFC').trim(),
      mechanism: input.mechanism,
      tie_break: input.tieBreak,
      group_fit: input.groupFit,
      born_from: input.bornFrom ?? null,
      born_to: input.bornTo ?? null,
      declared_sources: JSON.stringify(sources),
      rules_text: null,
      status: 'draft',
      version: 0,
      created_at: now,
      updated_at: now,
      ...(district !== null ? { district_id: district } : {}),
    });
    await logMilestone(repos, office, input.id, actor, 'event.create', {
      title: input.title,
      mechanism: input.mechanism,
      tieBreak: input.tieBreak,
      groupFit: input.groupFit,
      declaredSources: sources as unknown as Json,
      ...(district !== null ? { district } : {}),
    });
  });
}

/** Witness and public labels must be distinct, so a value typed for one can never go to another. */
export function checkDistinctLabels(sources: readonly DeclaredSource[]): void {
  const seen = new Set<string>();
  sources.forEach((s, i) => {
    const key = s.kind === 'drand' ? 'drand' : s.label;
    if (seen.has(key)) {
      throw new FairDrawError('event.sources-duplicate', `随机来源“${key}”重复声明`, `the source "${key}" is declared twice`, {
        field: `declaredSources[${i}]`,
      });
    }
    seen.add(key);
  });
}

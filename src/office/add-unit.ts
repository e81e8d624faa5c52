/** 添加招生单元: a school (or one plan of a school) and its seats. */
import { FairDrawError } from '../core/errors.js';
import { checkIdentifier } from '../core/identifier-check.js';
import { checkText } from '../core/encoding.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { checkSeats } from './mend-event.js';
import type { Actor, Office } from './ports.js';

export interface AddUnitInput {
  event: string;
  id: string;
  name: string;
  seats: number;
}

export async function addUnit(office: Office, input: AddUnitInput, actor: Actor): Promise<void> {
  checkIdentifier(input.id, { field: 'id' }, { zh: '招生单元编号', en: 'the unit id' });
  const name = input.name.normalize('NFC').trim();
  if (!name) throw new FairDrawError('unit.name', '招生单元名称不能为空', 'the unit name must not be empty', { field: 'name' });
  checkText(name, { field: 'name' });
  checkSeats(input.seats);
  await office.store.tx(async (repos) => {
    await loadEvent(repos, input.event, ['draft'], { zh: '添加招生单元', en: 'add a unit' });
    const units = await repos.events.listUnits(input.event);
    if (units.some((u) => u.id === input.id))
      throw new FairDrawError('unit.exists', `招生单元编号 ${input.id} 已存在`, `a unit ${input.id} already exists`, { field: 'id' });
    if (units.some((u) => u.name === name))
      throw new FairDrawError('unit.name-exists', `招生单元“${name}”已存在`, `a unit named ${name} already exists`, { field: 'name' });
    await repos.events.insertUnit({ event_id: input.event, id: input.id, name, seats: input.seats, position: units.length });
    await logAction(repos, office, input.event, actor, 'unit.add', { id: input.id, name, seats: input.seats });
  });
}

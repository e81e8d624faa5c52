/**
 * Mending a draft before anything is public: edit or delete a unit, rename or delete the event.
 * Each change is logged. Once published, rules and list change only by a correction (a new
 * version) and the event only by withdrawal (withdraw-event.ts).
 */
import { FairDrawError } from '../core/errors.js';
import { checkText } from '../core/encoding.js';
import { choicesOf } from './rules-and-list.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import type { Actor, Office } from './ports.js';

const DRAFT = ['draft'] as const;

function unitName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!name) throw new FairDrawError('unit.name', '招生单元名称不能为空', 'the unit name must not be empty', { field: 'name' });
  checkText(name, { field: 'name' });
  return name;
}

/** A unit offers at least one place: a unit of 0 places could only ever say "not admitted". */
export function checkSeats(seats: number): void {
  if (!Number.isSafeInteger(seats) || seats < 1) {
    throw new FairDrawError('unit.seats', '学位数必须是不小于 1 的整数', 'seats must be a whole number of at least 1', { field: 'seats' });
  }
}

export function checkTitle(raw: string): string {
  const title = raw.normalize('NFC').trim();
  if (!title) throw new FairDrawError('event.title', '批次名称不能为空', 'the title must not be empty', { field: 'title' });
  checkText(title, { field: 'title' });
  return title;
}

export interface UpdateUnitInput {
  event: string;
  id: string;
  name?: string;
  seats?: number;
}

export async function updateUnit(office: Office, input: UpdateUnitInput, actor: Actor): Promise<void> {
  const name = input.name === undefined ? undefined : unitName(input.name);
  if (input.seats !== undefined) checkSeats(input.seats);
  await office.store.tx(async (repos) => {
    await loadEvent(repos, input.event, DRAFT, {
      zh: '修改招生单元（公示后请发布更正）',
      en: 'edit a unit (after publishing, publish a correction)',
    });
    const units = await repos.events.listUnits(input.event);
    const unit = units.find((u) => u.id === input.id);
    if (!unit) throw noUnit(input.id);
    if (name !== undefined && units.some((u) => u.id !== input.id && u.name === name))
      throw new FairDrawError('unit.name-exists', `招生单元“${name}”已存在`, `a unit named ${name} already exists`, { field: 'name' });
    const after = { name: name ?? unit.name, seats: input.seats ?? unit.seats };
    if (after.name === unit.name && after.seats === unit.seats) return;
    await repos.events.updateUnit(input.event, input.id, after);
    await logAction(repos, office, input.event, actor, 'unit.update', {
      id: input.id,
      ...after,
      before: { name: unit.name, seats: unit.seats },
    });
  });
}

export async function deleteUnit(office: Office, eventId: string, id: string, actor: Actor): Promise<void> {
  await office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, DRAFT, { zh: '删除招生单元', en: 'delete a unit' });
    const units = await repos.events.listUnits(eventId);
    const unit = units.find((u) => u.id === id);
    if (!unit) throw noUnit(id);
    const listing = (await repos.applicants.listByEvent(eventId)).filter((a) => choicesOf(a).some((c) => c.unit === id)).length;
    if (listing > 0) {
      throw new FairDrawError(
        'unit.in-use',
        `有 ${listing} 名报名者的志愿填报了“${unit.name}”，不能删除该单元；请先更正报名名单`,
        `${listing} applicant(s) list "${unit.name}" among their choices; correct the applicant list before deleting the unit`,
        { field: 'id' },
      );
    }
    await repos.events.deleteUnit(eventId, id);
    await repos.events.setUnitPositions(
      eventId,
      units.filter((u) => u.id !== id).map((u) => u.id),
    );
    await logAction(repos, office, eventId, actor, 'unit.delete', { id, name: unit.name, seats: unit.seats });
  });
}

export async function renameEvent(office: Office, eventId: string, rawTitle: string, actor: Actor): Promise<void> {
  const title = checkTitle(rawTitle);
  await office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, DRAFT, { zh: '修改批次名称', en: 'rename the event' });
    if (ev.title === title) return;
    await repos.events.update(eventId, { title, updated_at: office.clock.now().toISOString() });
    await logAction(repos, office, eventId, actor, 'event.rename', { title, before: ev.title });
  });
}

/**
 * Deletes a draft with its units, applicants and document settings. Its audit log stays, ending
 * with the deletion, and its id is never used again (createEvent refuses it).
 */
export async function deleteDraftEvent(office: Office, eventId: string, actor: Actor): Promise<void> {
  await office.store.tx(async (repos) => {
    const ev = await loadEvent(repos, eventId, DRAFT, {
      zh: '删除批次（公示后只能撤回）',
      en: 'delete the event (once published, withdraw it)',
    });
    const units = (await repos.events.listUnits(eventId)).length;
    const applicants = await repos.applicants.countByEvent(eventId);
    await logAction(repos, office, eventId, actor, 'event.delete', { title: ev.title, units, applicants });
    await repos.events.deleteDraft(eventId);
  });
}

function noUnit(id: string): FairDrawError {
  return new FairDrawError('unit.missing', `没有编号为 ${id} 的招生单元`, `there is no unit ${id}`, { field: 'id' });
}

/**
 * 区县: a city's districts, and what each account may see of them.
 *
 * An account belongs to a district or to the city (`district` null). A district's account sees and
 * changes only its district's events: every look-up of an event by id goes through
 * `checkEventScope`, which answers an event of another district exactly as it answers an event that
 * does not exist (the same error, the same HTTP 404), so a district learns nothing of the others.
 * The city's accounts see every event, and an install without districts is a city without any:
 * nothing changes for it. A district's admin manages only its district's accounts.
 *
 * Adding a district and giving an account a district are written to the city's own signed log
 * (`CITY_LOG`), a hash chain like an event's, which no event id can name.
 */
import { FairDrawError } from '../core/errors.js';
import { verifyChain, type AuditEntry, type ChainCheck } from '../core/audit.js';
import { checkIdentifier } from '../core/identifier-check.js';
import { checkText } from '../core/encoding.js';
import type { Repos } from '../store/index.js';
import type { DistrictRow } from '../store/repositories/districts.repository.js';
import type { EventRow } from '../store/repositories/events.repository.js';
import type { AccountRow } from '../store/repositories/accounts.repository.js';
import { logMilestone } from './audit-trail.js';
import { noEvent } from './errors.js';
import type { Actor, Office } from './ports.js';

/** The chain of the city's own acts in the audit log: `~` is no identifier's character, so no event has this id. */
export const CITY_LOG = '~city';

/** What an account may see: its district's events, or (null) every event. */
export interface Scope {
  district: string | null;
}

/** The city's scope: every event (the command line, and accounts without a district). */
export const CITY: Scope = { district: null };

export interface DistrictView {
  id: string;
  /** 行政区划代码 */
  code: string;
  name: string;
  createdAt: string;
}

const CODE = /^\d{6}$/;
const MAX_NAME = 32;

export function districtView(d: DistrictRow): DistrictView {
  return { id: d.id, code: d.code, name: d.name, createdAt: d.created_at };
}

/** The scope of an account (anything with the account view's `district`). */
export function scopeOf(account: { district: string | null }): Scope {
  return { district: account.district };
}

function districtMissing(id: string): FairDrawError {
  return new FairDrawError('district.missing', `没有编号为 ${id} 的区县`, `there is no district ${id}`, { field: 'district' });
}

/** 新增区县 (city admins, or the command line). */
export async function addDistrict(
  office: Office,
  input: { id: string; code: string; name: string },
  actor: Actor,
  scope: Scope = CITY,
): Promise<DistrictView> {
  if (scope.district !== null) {
    throw new FairDrawError('auth.forbidden', '只有市级管理员可以新增区县', 'only a city admin may add a district', {});
  }
  checkIdentifier(input.id, { field: 'id' }, { zh: '区县编号', en: 'the district id' });
  if (!CODE.test(input.code)) {
    throw new FairDrawError(
      'district.code',
      `区县代码须为 6 位数字的行政区划代码（如 310104），实际为 ${JSON.stringify(input.code)}`,
      `the district code must be the six-digit administrative division code (e.g. 310104), found ${JSON.stringify(input.code)}`,
      { field: 'code' },
    );
  }
  checkText(input.name, { field: 'name' });
  const name = input.name.normalize('NFC').trim();
  if (!name || [...name].length > MAX_NAME) {
    throw new FairDrawError(
      'district.name',
      `区县名称须为 1–${MAX_NAME} 个字符（如 徐汇区）`,
      `the district name must be 1–${MAX_NAME} characters (e.g. 徐汇区)`,
      { field: 'name' },
    );
  }
  const row: DistrictRow = { id: input.id, code: input.code, name, created_at: office.clock.now().toISOString() };
  await office.store.tx(async (repos) => {
    const same = (await repos.districts.get(row.id)) ?? (await repos.districts.byCodeOrName(row.code, row.name));
    if (same) {
      const field = same.id === row.id ? 'id' : same.code === row.code ? 'code' : 'name';
      const value = row[field];
      throw new FairDrawError(
        'district.exists',
        `已有区县使用${{ id: '编号', code: '代码', name: '名称' }[field]} ${value}（${same.name}）`,
        `a district already has the ${field} ${value} (${same.name})`,
        { field },
      );
    }
    await repos.districts.insert(row);
    await logMilestone(repos, office, CITY_LOG, actor, 'district.create', { id: row.id, code: row.code, name: row.name });
  });
  return districtView(row);
}

/** Every district, by code. */
export async function listDistricts(office: Office): Promise<DistrictView[]> {
  return (await office.store.repos.districts.list()).map(districtView);
}

/** The district named `id`, or a 404 naming it. */
export async function districtNamed(repos: Repos, id: string): Promise<DistrictRow> {
  const d = await repos.districts.get(id);
  if (!d) throw districtMissing(id);
  return d;
}

/**
 * THE district check of an event look-up: a district's account may name only its district's
 * events. Another district's event is answered as no event at all (`noEvent`, 404), and so is an
 * event that does not exist: the two cannot be told apart. The city's scope passes every id.
 */
export async function checkEventScope(repos: Repos, scope: Scope, eventId: string): Promise<void> {
  if (scope.district === null) return;
  const district = await repos.districts.ofEvent(eventId);
  if (district !== scope.district) throw noEvent(eventId.slice(0, 64));
}

/** The events a scope sees, newest first. */
export async function eventsInScope(repos: Repos, scope: Scope): Promise<EventRow[]> {
  const all = await repos.events.list();
  return scope.district === null ? all : all.filter((e) => e.district_id === scope.district);
}

/**
 * The district a new event or account goes to: a district's account creates only in its own (the
 * district may be left out; naming another is answered as naming none that exists); the city's
 * account in the district it names, or (none named) in no district.
 */
export async function districtForNew(repos: Repos, scope: Scope, asked: string | null | undefined): Promise<string | null> {
  if (scope.district !== null) {
    if (asked !== undefined && asked !== null && asked !== scope.district) throw districtMissing(asked);
    return scope.district;
  }
  if (asked === undefined || asked === null || asked === '') return null;
  return (await districtNamed(repos, asked)).id;
}

/** A district admin names only its district's accounts: another district's (or the city's) is answered as no account. */
export async function checkAccountScope(repos: Repos, scope: Scope, username: string): Promise<void> {
  if (scope.district === null) return;
  const acc = await repos.accounts.get(username);
  if (!acc || (acc.district_id ?? null) !== scope.district) {
    throw new FairDrawError('account.missing', `没有账户 ${username}`, `there is no account ${username}`, { field: 'username' });
  }
}

/** The accounts a scope's admin sees and manages, oldest first. */
export async function accountsInScope(repos: Repos, scope: Scope): Promise<AccountRow[]> {
  const all = await repos.accounts.list();
  return scope.district === null ? all : all.filter((a) => a.district_id === scope.district);
}

/** The city's log, checked: its entries, and whether the chain and its signed checkpoints hold. */
export async function cityLog(office: Office): Promise<{ entries: AuditEntry[]; check: ChainCheck }> {
  const repos = office.store.repos;
  const entries = await repos.audit.list(CITY_LOG);
  const check = verifyChain(entries, await repos.audit.checkpoints(CITY_LOG), await office.keys.publicKey());
  return { entries, check };
}

/** Writes to the city's log that an account was given a district (at its creation). */
export async function logAccountDistrict(
  repos: Repos,
  office: Office,
  actor: Actor,
  account: { role: string; tag: string },
  district: string,
): Promise<void> {
  await logMilestone(repos, office, CITY_LOG, actor, 'account.district', { account: `${account.role}:${account.tag}`, district });
}

/**
 * Matching the school written in a 志愿 cell to a unit of the draw: by the unit's name or its id,
 * ignoring white space anywhere (half-width, full-width U+3000, no-break) and the difference between
 * full-width and half-width forms (NFKC: `（东校区）` matches `(东校区)`, `Ａ01` matches `A01`).
 */
import { FairDrawError } from '../../core/errors.js';

export interface UnitRef {
  id: string;
  name: string;
}

export function unitKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}

export interface UnitLookup {
  /** The unit id for a cell text, or undefined. */
  find(text: string): string | undefined;
  /** Unit names for messages (at most ten, then "…"). */
  listed: string;
}

export function unitLookup(units: readonly UnitRef[]): UnitLookup {
  if (units.length === 0) {
    throw new FairDrawError(
      'import.no-units',
      '没有设置任何学校（招生单位），无法核对志愿',
      'no schools (units) are set up, so the choices cannot be checked',
    );
  }
  const byKey = new Map<string, UnitRef>();
  const add = (key: string, u: UnitRef): void => {
    if (key === '') return;
    const before = byKey.get(key);
    if (before !== undefined && before.id !== u.id) {
      throw new FairDrawError(
        'import.units-ambiguous',
        `学校“${before.name}”（${before.id}）与“${u.name}”（${u.id}）的名称或编号相同，志愿无法区分它们`,
        `the schools "${before.name}" (${before.id}) and "${u.name}" (${u.id}) share a name or an id, so a choice cannot tell them apart`,
      );
    }
    byKey.set(key, u);
  };
  for (const u of units) {
    add(unitKey(u.id), u);
    add(unitKey(u.name), u);
  }
  const names = units.map((u) => u.name);
  const listed = names.length > 10 ? `${names.slice(0, 10).join('、')}…` : names.join('、');
  return { find: (text) => byKey.get(unitKey(text))?.id, listed };
}

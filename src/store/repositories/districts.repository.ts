/** 区县: the districts of a city, and which events and accounts are a district's. */
import type { DB } from '../db.js';
import type { DistrictsTable } from '../schema.js';

export type DistrictRow = DistrictsTable;

export class DistrictsRepository {
  constructor(private readonly db: DB) {}

  get(id: string): Promise<DistrictRow | undefined> {
    return this.db.selectFrom('districts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The district holding `code` or `name` (both are unique), if any. */
  byCodeOrName(code: string, name: string): Promise<DistrictRow | undefined> {
    return this.db
      .selectFrom('districts')
      .selectAll()
      .where((eb) => eb.or([eb('code', '=', code), eb('name', '=', name)]))
      .executeTakeFirst();
  }

  /** Every district, by administrative code. */
  list(): Promise<DistrictRow[]> {
    return this.db.selectFrom('districts').selectAll().orderBy('code').execute();
  }

  async insert(row: DistrictRow): Promise<void> {
    await this.db.insertInto('districts').values(row).execute();
  }

  /** The district of an event: undefined when there is no such event, null when it has none. */
  async ofEvent(eventId: string): Promise<string | null | undefined> {
    const r = await this.db.selectFrom('events').select('district_id').where('id', '=', eventId).executeTakeFirst();
    return r ? (r.district_id ?? null) : undefined;
  }
}

/** Applicants: private data stays in this table; public views use reg_no and a masked name. */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { DB } from '../db.js';
import { storeError } from '../errors.js';
import { isPostgres } from '../dialect.js';
import type { ApplicantsTable, ImportsTable } from '../schema.js';

export type ApplicantRow = ApplicantsTable;

/** The columns a bulk insert writes (the import's own `import_id` aside). */
export const APPLICANT_COLUMNS = [
  'event_id',
  'reg_no',
  'name',
  'sex',
  'id_number',
  'birth_date',
  'guardian',
  'phone',
  'tier',
  'choices',
  'group_label',
  'group_id',
  'extra',
  'source_row',
  'created_at',
  'salt',
] as const satisfies readonly (keyof ApplicantRow)[];

/**
 * The rows that are part of the list: not those of an import still being stored in parts
 * (0014-import-parts), which appear together when their import's row is deleted.
 */
export const LISTED = sql<boolean>`(import_id IS NULL OR import_id NOT IN (SELECT id FROM imports))`;

/** One prepared insert per connection, reused for every row of every import. */
const inserts = new WeakMap<SQLite.Database, SQLite.Statement>();

function insertStatement(sqlite: SQLite.Database): SQLite.Statement {
  let stmt = inserts.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(
      `INSERT INTO applicants (${APPLICANT_COLUMNS.join(', ')}) VALUES (${APPLICANT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    inserts.set(sqlite, stmt);
  }
  return stmt;
}

export class ApplicantsRepository {
  /**
   * `sqlite`: the better-sqlite3 connection under `db` (the same one: inside a transaction its
   * statements are the transaction's), for the import's bulk insert.
   */
  constructor(
    private readonly db: DB,
    private readonly sqlite?: SQLite.Database,
  ) {}

  listByEvent(eventId: string): Promise<ApplicantRow[]> {
    return this.db.selectFrom('applicants').selectAll().where('event_id', '=', eventId).where(LISTED).orderBy('reg_no').execute();
  }

  getByRegNo(eventId: string, regNo: string): Promise<ApplicantRow | undefined> {
    return this.db
      .selectFrom('applicants')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('reg_no', '=', regNo)
      .where(LISTED)
      .executeTakeFirst();
  }

  async countByEvent(eventId: string): Promise<number> {
    const r = await this.db
      .selectFrom('applicants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', eventId)
      .where(LISTED)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async idNumbers(eventId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('applicants').select('id_number').where('event_id', '=', eventId).where(LISTED).execute();
    return new Set(rows.map((r) => r.id_number));
  }

  /** Every registration number of the event, those of an import being stored included. */
  async regNos(eventId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('applicants').select('reg_no').where('event_id', '=', eventId).execute();
    return new Set(rows.map((r) => r.reg_no));
  }

  /**
   * Inserts the rows. On the connection's own handle one prepared statement is run for each row (an
   * import of 100,000 had spent more time compiling and preparing statements of 500 rows than
   * SQLite spent storing them); the triggers and constraints apply to every row just the same.
   * Call it inside a transaction: a failing row then leaves nothing behind.
   */
  async insertMany(rows: readonly ApplicantRow[], onProgress?: (done: number) => void): Promise<void> {
    if (this.sqlite) {
      const sqlite = this.sqlite;
      try {
        const stmt = insertStatement(sqlite);
        for (const row of rows) stmt.run(row);
      } catch (e) {
        throw storeError(e, sqlite.name);
      }
      onProgress?.(rows.length);
      return;
    }
    // SQLite limits bound variables per statement.
    const chunk = 500;
    for (let i = 0; i < rows.length; i += chunk) {
      await this.db
        .insertInto('applicants')
        .values(rows.slice(i, i + chunk))
        .execute();
      onProgress?.(Math.min(rows.length, i + chunk));
    }
  }

  /** The imports of the event being stored in parts (or abandoned half-way). */
  importsInParts(eventId: string): Promise<ImportsTable[]> {
    return this.db.selectFrom('imports').selectAll().where('event_id', '=', eventId).execute();
  }

  /** Every import being stored in parts, of any event. */
  allImportsInParts(): Promise<ImportsTable[]> {
    return this.db.selectFrom('imports').selectAll().execute();
  }

  /** Registers an import to be stored in parts by this process. */
  async startImport(id: string, eventId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.insertInto('imports').values({ id, event_id: eventId, pid: process.pid, started_at: now, touched_at: now }).execute();
  }

  /** The import's list is complete: its rows become part of the list. False when it is not (or no longer) there. */
  async finishImport(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('imports').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Deletes an unfinished import and the rows it stored (a finished import's rows stay). */
  async dropImport(id: string): Promise<number> {
    const r = await this.db
      .deleteFrom('applicants')
      .where('import_id', '=', id)
      .where((eb) => eb.exists(eb.selectFrom('imports').select('id').where('id', '=', id)))
      .executeTakeFirst();
    await this.db.deleteFrom('imports').where('id', '=', id).execute();
    return Number(r.numDeletedRows);
  }

  /** Search, filters and a page: the console's applicant table stays fast at 100k rows. */
  async search(eventId: string, query: ApplicantQuery): Promise<{ total: number; rows: ApplicantRow[] }> {
    let base = this.db.selectFrom('applicants').where('event_id', '=', eventId).where(LISTED);
    // SQLite's LIKE ignores the case of ASCII letters; so does ILIKE in a collation-C PostgreSQL database.
    const like = isPostgres(this.db) ? 'ilike' : 'like';
    if (query.q) {
      const pattern = `%${query.q.replace(/[%_]/g, '')}%`;
      base = base.where((eb) =>
        eb.or([
          eb('name', like, pattern),
          eb('reg_no', like, pattern),
          eb('id_number', like, pattern),
          eb('phone', like, pattern),
          eb('guardian', like, pattern),
        ]),
      );
    }
    if (query.unit) base = base.where('choices', like, `%"unit":"${query.unit.replace(/["%_\\]/g, '')}"%`);
    if (query.tier !== undefined) base = base.where('tier', '=', query.tier);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('source_row').orderBy('reg_no').offset(query.offset).limit(query.limit).execute();
    return { total: Number(total.n), rows };
  }

  async setSalt(eventId: string, regNo: string, salt: string): Promise<void> {
    await this.db.updateTable('applicants').set({ salt }).where('event_id', '=', eventId).where('reg_no', '=', regNo).execute();
  }

  async deleteByRegNo(eventId: string, regNo: string): Promise<number> {
    const r = await this.db.deleteFrom('applicants').where('event_id', '=', eventId).where('reg_no', '=', regNo).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

export interface ApplicantQuery {
  q?: string;
  unit?: string;
  tier?: number;
  offset: number;
  limit: number;
}

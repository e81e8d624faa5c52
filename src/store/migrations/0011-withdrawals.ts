/**
 * 撤回: a published event withdrawn before its draw, with the reason. A withdrawal is final and
 * public: the row is never changed or removed, and a withdrawn event never moves on (no
 * correction, freeze or draw). An event with an official draw cannot be withdrawn: the draw's
 * record stands as it was made (see docs/withdrawal.md).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal, pgGuard } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_withdrawals')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('status_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) return postgresGuards(db);
  await sql`CREATE TRIGGER withdrawals_final_u BEFORE UPDATE ON event_withdrawals
    BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END`.execute(db);
  await sql`CREATE TRIGGER withdrawals_final_d BEFORE DELETE ON event_withdrawals
    BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END`.execute(db);
  // Only a public event, and only before its draw.
  await sql`CREATE TRIGGER withdrawals_before_draw BEFORE INSERT ON event_withdrawals
    WHEN (SELECT status FROM events WHERE id = NEW.event_id) NOT IN ('published','frozen')
      OR EXISTS (SELECT 1 FROM draws WHERE event_id = NEW.event_id AND kind = 'official')
    BEGIN SELECT RAISE(ABORT, 'lifecycle: only a published event without an official draw can be withdrawn'); END`.execute(db);
  // A withdrawn event stays as it was withdrawn.
  await sql`CREATE TRIGGER events_withdrawn_still BEFORE UPDATE ON events
    WHEN EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'lifecycle: a withdrawn event does not change'); END`.execute(db);
  await sql`CREATE TRIGGER draws_not_withdrawn BEFORE INSERT ON draws
    WHEN EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = NEW.event_id)
    BEGIN SELECT RAISE(ABORT, 'lifecycle: a withdrawn event is not drawn'); END`.execute(db);
  await sql`CREATE TRIGGER publications_not_withdrawn BEFORE INSERT ON publications
    WHEN EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = NEW.event_id)
    BEGIN SELECT RAISE(ABORT, 'lifecycle: a withdrawn event is not published again'); END`.execute(db);
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    const row = op === 'INSERT' ? 'NEW' : 'OLD';
    for (const table of ['applicants', 'units']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_withdrawn_${op.toLowerCase()} BEFORE ${op} ON ${table}
           WHEN EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = ${row}.event_id)
           BEGIN SELECT RAISE(ABORT, 'lifecycle: a withdrawn event does not change'); END`,
        )
        .execute(db);
    }
  }
}

/** The same guards on PostgreSQL. */
async function postgresGuards(db: Kysely<unknown>): Promise<void> {
  await pgFinal(db, 'event_withdrawals', ['withdrawals_final_u', 'withdrawals_final_d'], 'a withdrawal is final');
  await pgGuard(db, {
    name: 'withdrawals_before_draw',
    on: 'BEFORE INSERT',
    table: 'event_withdrawals',
    when: `coalesce((SELECT status FROM events WHERE id = NEW.event_id) NOT IN ('published','frozen'), false)
      OR EXISTS (SELECT 1 FROM draws WHERE event_id = NEW.event_id AND kind = 'official')`,
    message: 'lifecycle: only a published event without an official draw can be withdrawn',
  });
  const withdrawn = (row: string) => `EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = ${row}.event_id)`;
  await pgGuard(db, {
    name: 'events_withdrawn_still',
    on: 'BEFORE UPDATE',
    table: 'events',
    when: 'EXISTS (SELECT 1 FROM event_withdrawals WHERE event_id = OLD.id)',
    message: 'lifecycle: a withdrawn event does not change',
  });
  await pgGuard(db, {
    name: 'draws_not_withdrawn',
    on: 'BEFORE INSERT',
    table: 'draws',
    when: withdrawn('NEW'),
    message: 'lifecycle: a withdrawn event is not drawn',
  });
  await pgGuard(db, {
    name: 'publications_not_withdrawn',
    on: 'BEFORE INSERT',
    table: 'publications',
    when: withdrawn('NEW'),
    message: 'lifecycle: a withdrawn event is not published again',
  });
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    const row = op === 'INSERT' ? 'NEW' : 'OLD';
    for (const table of ['applicants', 'units'])
      await pgGuard(db, {
        name: `${table}_withdrawn_${op.toLowerCase()}`,
        on: `BEFORE ${op}`,
        table,
        when: withdrawn(row),
        message: 'lifecycle: a withdrawn event does not change',
      });
  }
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

/**
 * The draw ceremony (摇号现场): its state, the witness roster with named alternates, the values held
 * until every declared source is present, one-time witness links, the parent-representative draws,
 * and the ceremony's public event log that the big screen and the live view replay.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal, pgGuard } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('ceremonies')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('open','halted','drawn','closed')`))
    .addColumn('digests', 'text', (c) => c.notNull())
    .addColumn('halted', 'text')
    .addColumn('revealed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A halted ceremony stays halted: a mismatch between published and recomputed digests is final.
  if (pg)
    await pgGuard(db, {
      name: 'ceremonies_halt_final',
      on: 'BEFORE UPDATE OF phase',
      table: 'ceremonies',
      when: `OLD.phase = 'halted' AND NEW.phase <> 'halted'`,
      message: 'ceremony: a halted ceremony is never resumed',
    });
  else
    await sql`CREATE TRIGGER ceremonies_halt_final BEFORE UPDATE OF phase ON ceremonies
    WHEN OLD.phase = 'halted' AND NEW.phase <> 'halted'
    BEGIN SELECT RAISE(ABORT, 'ceremony: a halted ceremony is never resumed'); END`.execute(db);

  await db.schema
    .createTable('ceremony_roster')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('witness_name', 'text')
    .addColumn('alternate_name', 'text')
    .addColumn('substituted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_roster_pk', ['event_id', 'idx'])
    .execute();

  await db.schema
    .createTable('ceremony_values')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('witness','public','drand')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_values_pk', ['event_id', 'idx'])
    .execute();
  // A value, once shown to the room, is final: even a mistyped value is unpredictable, while
  // allowing a change would let someone pick among outcomes.
  if (pg)
    await pgFinal(db, 'ceremony_values', ['ceremony_values_final_u', 'ceremony_values_final_d'], 'ceremony: an entered value is final');
  else {
    await sql`CREATE TRIGGER ceremony_values_final_u BEFORE UPDATE ON ceremony_values
    BEGIN SELECT RAISE(ABORT, 'ceremony: an entered value is final'); END`.execute(db);
    await sql`CREATE TRIGGER ceremony_values_final_d BEFORE DELETE ON ceremony_values
    BEGIN SELECT RAISE(ABORT, 'ceremony: an entered value is final'); END`.execute(db);
  }

  await db.schema
    .createTable('ceremony_links')
    // SHA-256 of the token: a copy of the database does not let anyone submit a value.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('ceremony_reps')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('draw_id', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 1`))
    .addColumn('pool', 'text', (c) => c.notNull().check(sql`pool in ('volunteers','all')`))
    .addColumn('source_label', 'text', (c) => c.notNull())
    .addColumn('rules_text', 'text', (c) => c.notNull())
    .addColumn('list_text', 'text', (c) => c.notNull())
    .addColumn('params_sha256', 'text', (c) => c.notNull())
    .addColumn('list_root', 'text', (c) => c.notNull())
    .addColumn('list_size', 'integer', (c) => c.notNull())
    .addColumn('sources_text', 'text')
    .addColumn('record_text', 'text')
    .addColumn('record_sha256', 'text')
    .addColumn('seed', 'text')
    .addColumn('prepared_at', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text')
    .addPrimaryKeyConstraint('ceremony_reps_pk', ['event_id', 'unit_id'])
    .execute();
  // A representatives' draw happens once, like the official draw.
  if (pg) {
    const when = 'OLD.record_text IS NOT NULL';
    await pgGuard(db, {
      name: 'ceremony_reps_once',
      on: 'BEFORE UPDATE',
      table: 'ceremony_reps',
      when,
      message: 'ceremony: a representatives draw is never changed',
    });
    await pgGuard(db, {
      name: 'ceremony_reps_kept',
      on: 'BEFORE DELETE',
      table: 'ceremony_reps',
      when,
      message: 'ceremony: a representatives draw is never removed',
    });
  } else {
    await sql`CREATE TRIGGER ceremony_reps_once BEFORE UPDATE ON ceremony_reps WHEN OLD.record_text IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'ceremony: a representatives draw is never changed'); END`.execute(db);
    await sql`CREATE TRIGGER ceremony_reps_kept BEFORE DELETE ON ceremony_reps WHEN OLD.record_text IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'ceremony: a representatives draw is never removed'); END`.execute(db);
  }

  await db.schema
    .createTable('ceremony_log')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ceremony_log_event').on('ceremony_log').columns(['event_id', 'id']).execute();
  if (pg) {
    await pgFinal(db, 'ceremony_log', ['ceremony_log_append_only_u', 'ceremony_log_append_only_d'], 'the ceremony log is append-only');
    // Every server on the database hears of a new step when it commits (LISTEN fairdraw_ceremony_log),
    // so the live feed reaches viewers on every instance. Not a guard: SQLite has one process.
    await sql`CREATE FUNCTION ceremony_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('fairdraw_ceremony_log', NEW.event_id); RETURN NEW; END $$`.execute(db);
    await sql`CREATE TRIGGER ceremony_log_notify AFTER INSERT ON ceremony_log FOR EACH ROW EXECUTE FUNCTION ceremony_log_notify()`.execute(
      db,
    );
  } else {
    await sql`CREATE TRIGGER ceremony_log_append_only_u BEFORE UPDATE ON ceremony_log
    BEGIN SELECT RAISE(ABORT, 'the ceremony log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ceremony_log_append_only_d BEFORE DELETE ON ceremony_log
    BEGIN SELECT RAISE(ABORT, 'the ceremony log is append-only'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

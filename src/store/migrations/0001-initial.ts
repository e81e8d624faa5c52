/** Events, units, applicants, publications, draws, offers, the audit log and its checkpoints. */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal, pgGuard } from '../dialect.js';

const STEP = (row: string) =>
  `(CASE ${row}.status WHEN 'draft' THEN 0 WHEN 'published' THEN 1 WHEN 'frozen' THEN 2 WHEN 'drawn' THEN 3 ELSE 4 END)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mechanism', 'text', (c) => c.notNull().check(sql`mechanism in ('deferred-acceptance','immediate-acceptance')`))
    .addColumn('tie_break', 'text', (c) => c.notNull().check(sql`tie_break in ('single','multiple')`))
    .addColumn('group_fit', 'text', (c) => c.notNull().check(sql`group_fit in ('strict','overflow')`))
    .addColumn('born_from', 'text')
    .addColumn('born_to', 'text')
    .addColumn('declared_sources', 'text', (c) => c.notNull())
    .addColumn('rules_text', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','published','frozen','drawn','results')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The lifecycle only moves forward, whatever code runs against the database.
  if (pg)
    await pgGuard(db, {
      name: 'events_forward_only',
      on: 'BEFORE UPDATE OF status',
      table: 'events',
      when: `${STEP('NEW')} < ${STEP('OLD')}`,
      message: 'lifecycle: an event never steps back',
    });
  else
    await sql`CREATE TRIGGER events_forward_only BEFORE UPDATE OF status ON events
    WHEN (CASE NEW.status WHEN 'draft' THEN 0 WHEN 'published' THEN 1 WHEN 'frozen' THEN 2 WHEN 'drawn' THEN 3 ELSE 4 END)
       < (CASE OLD.status WHEN 'draft' THEN 0 WHEN 'published' THEN 1 WHEN 'frozen' THEN 2 WHEN 'drawn' THEN 3 ELSE 4 END)
    BEGIN SELECT RAISE(ABORT, 'lifecycle: an event never steps back'); END`.execute(db);

  await db.schema
    .createTable('units')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('units_pk', ['event_id', 'id'])
    .addUniqueConstraint('units_name', ['event_id', 'name'])
    .execute();

  await db.schema
    .createTable('applicants')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('reg_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('guardian', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('tier', 'integer', (c) => c.notNull().check(sql`tier between 1 and 99`))
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('group_label', 'text')
    .addColumn('group_id', 'text')
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('applicants_pk', ['event_id', 'reg_no'])
    .addUniqueConstraint('applicants_id_number', ['event_id', 'id_number'])
    .execute();

  // Applicants change only before the list is frozen (corrections during 公示 are allowed).
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    const row = op === 'INSERT' ? 'NEW' : 'OLD';
    if (pg) {
      await pgGuard(db, {
        name: `applicants_frozen_${op.toLowerCase()}`,
        on: `BEFORE ${op}`,
        table: 'applicants',
        when: `(SELECT status FROM events WHERE id = ${row}.event_id) NOT IN ('draft','published')`,
        message: 'lifecycle: the applicant list is frozen',
      });
      await pgGuard(db, {
        name: `units_frozen_${op.toLowerCase()}`,
        on: `BEFORE ${op}`,
        table: 'units',
        when: `(SELECT status FROM events WHERE id = ${row}.event_id) NOT IN ('draft','published')`,
        message: 'lifecycle: the units are frozen',
      });
      continue;
    }
    await sql
      .raw(
        `CREATE TRIGGER applicants_frozen_${op.toLowerCase()} BEFORE ${op} ON applicants
         WHEN (SELECT status FROM events WHERE id = ${row}.event_id) NOT IN ('draft','published')
         BEGIN SELECT RAISE(ABORT, 'lifecycle: the applicant list is frozen'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER units_frozen_${op.toLowerCase()} BEFORE ${op} ON units
         WHEN (SELECT status FROM events WHERE id = ${row}.event_id) NOT IN ('draft','published')
         BEGIN SELECT RAISE(ABORT, 'lifecycle: the units are frozen'); END`,
      )
      .execute(db);
  }

  await db.schema
    .createTable('publications')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules_text', 'text', (c) => c.notNull())
    .addColumn('list_text', 'text', (c) => c.notNull())
    .addColumn('params_sha256', 'text', (c) => c.notNull())
    .addColumn('list_root', 'text', (c) => c.notNull())
    .addColumn('list_size', 'integer', (c) => c.notNull())
    .addColumn('unit_counts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publications_pk', ['event_id', 'version'])
    .execute();

  await db.schema
    .createTable('draws')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('draw_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('official','rehearsal')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sources_text', 'text', (c) => c.notNull())
    .addColumn('record_text', 'text', (c) => c.notNull())
    .addColumn('record_sha256', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draws_pk', ['event_id', 'draw_id'])
    .execute();
  // One official draw per event, ever; and it is never edited or removed.
  await sql`CREATE UNIQUE INDEX draws_one_official ON draws(event_id) WHERE kind = 'official'`.execute(db);
  if (pg) {
    const on = (op: string, when: string, name: string, message: string) =>
      pgGuard(db, { name, on: `BEFORE ${op}`, table: 'draws', when, message });
    await on('UPDATE', `OLD.kind = 'official'`, 'draws_official_immutable', 'the official draw is never changed');
    await on('DELETE', `OLD.kind = 'official'`, 'draws_official_kept', 'the official draw is never removed');
    await on(
      'INSERT',
      `NEW.kind = 'rehearsal' AND strpos(NEW.draw_id, 'rehearsal') = 0`,
      'draws_rehearsal_marked',
      'a rehearsal draw id carries the rehearsal marker',
    );
  } else {
    await sql`CREATE TRIGGER draws_official_immutable BEFORE UPDATE ON draws WHEN OLD.kind = 'official'
    BEGIN SELECT RAISE(ABORT, 'the official draw is never changed'); END`.execute(db);
    await sql`CREATE TRIGGER draws_official_kept BEFORE DELETE ON draws WHEN OLD.kind = 'official'
    BEGIN SELECT RAISE(ABORT, 'the official draw is never removed'); END`.execute(db);
    await sql`CREATE TRIGGER draws_rehearsal_marked BEFORE INSERT ON draws WHEN NEW.kind = 'rehearsal' AND instr(NEW.draw_id, 'rehearsal') = 0
    BEGIN SELECT RAISE(ABORT, 'a rehearsal draw id carries the rehearsal marker'); END`.execute(db);
  }

  await db.schema
    .createTable('offers')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('reg_no', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('offered','confirmed','declined','revoked','released')`))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('draw','waitlist')`))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // An applicant holds at most one live offer, and is offered a unit at most once.
  await sql`CREATE UNIQUE INDEX offers_one_live ON offers(event_id, reg_no) WHERE status IN ('offered','confirmed')`.execute(db);
  await sql`CREATE UNIQUE INDEX offers_once_per_unit ON offers(event_id, reg_no, unit_id)`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_pk', ['event_id', 'seq'])
    .execute();
  if (pg) await pgFinal(db, 'audit_log', ['audit_append_only_u', 'audit_append_only_d'], 'the audit log is append-only');
  else {
    await sql`CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`.execute(
      db,
    );
  }

  await db.schema
    .createTable('checkpoints')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signatures', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkpoints_pk', ['event_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only: an audit trail is never rolled back');
}

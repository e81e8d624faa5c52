/**
 * Children's personal information (docs/privacy.md):
 * - per event, which optional personal columns it collects and until when it keeps them
 *   (`privacy_settings`);
 * - erasure: an applicant's person commitment is kept once the data behind it is erased
 *   (`applicants.person_commitment`, `applicants.erased_at`), so the log still verifies; the
 *   frozen list's guard lets exactly that update through and nothing else, and an erased row is
 *   never written again;
 * - the private access log (`access_log`): every staff look at unmasked personal data, append-only,
 *   never published.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, pgFinal, pgGuard } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('privacy_settings')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
    // JSON array of the optional personal columns collected: birthDate, guardian, phone, address
    .addColumn('columns', 'text', (c) => c.notNull())
    // YYYY-MM-DD: on this day the personal data of the event is erased
    .addColumn('retain_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('applicants').addColumn('person_commitment', 'text').execute();
  await db.schema.alterTable('applicants').addColumn('erased_at', 'text').execute();

  // The frozen list lets one update through: the erasure, which keeps the registration number,
  // the choices, the tier, the group and the row, and records the commitment it keeps.
  if (pg) {
    await pgGuard(db, {
      name: 'applicants_frozen_update',
      on: 'BEFORE UPDATE',
      table: 'applicants',
      when: `(SELECT status FROM events WHERE id = OLD.event_id) NOT IN ('draft','published')
        AND NOT (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
          AND (SELECT status FROM events WHERE id = OLD.event_id) = 'results'
          AND NEW.event_id = OLD.event_id AND NEW.reg_no = OLD.reg_no AND NEW.choices = OLD.choices
          AND NEW.tier = OLD.tier AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id
          AND NEW.group_label IS NOT DISTINCT FROM OLD.group_label
          AND NEW.source_row = OLD.source_row AND coalesce(length(NEW.person_commitment) = 64, false))`,
      message: 'lifecycle: the applicant list is frozen',
    });
    await pgGuard(db, {
      name: 'applicants_erased_final',
      on: 'BEFORE UPDATE',
      table: 'applicants',
      when: 'OLD.erased_at IS NOT NULL',
      message: 'privacy: erased personal data is never written again',
    });
  } else {
    await sql`DROP TRIGGER applicants_frozen_update`.execute(db);
    await sql`CREATE TRIGGER applicants_frozen_update BEFORE UPDATE ON applicants
    WHEN (SELECT status FROM events WHERE id = OLD.event_id) NOT IN ('draft','published')
      AND NOT (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
        AND (SELECT status FROM events WHERE id = OLD.event_id) = 'results'
        AND NEW.event_id = OLD.event_id AND NEW.reg_no = OLD.reg_no AND NEW.choices = OLD.choices
        AND NEW.tier = OLD.tier AND NEW.group_id IS OLD.group_id AND NEW.group_label IS OLD.group_label
        AND NEW.source_row = OLD.source_row AND length(NEW.person_commitment) = 64)
    BEGIN SELECT RAISE(ABORT, 'lifecycle: the applicant list is frozen'); END`.execute(db);
    await sql`CREATE TRIGGER applicants_erased_final BEFORE UPDATE ON applicants WHEN OLD.erased_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'privacy: erased personal data is never written again'); END`.execute(db);
  }

  await db.schema
    .createTable('access_log')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    // role:username of the staff account (this log is private: it names people)
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    // what was looked at: applicants.list, applicants.search, applicant.detail, export.workbook, …
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('families', 'integer', (c) => c.notNull().check(sql`families >= 0`))
    // the reason given for an export of personal data
    .addColumn('reason', 'text')
    // JSON: the query, the registration number, the unit … (never the personal data itself)
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_log_by_event').on('access_log').columns(['event_id', 'id']).execute();
  if (pg) {
    await pgFinal(db, 'access_log', ['access_log_append_only_u', 'access_log_append_only_d'], 'the access log is append-only');
    return;
  }
  await sql`CREATE TRIGGER access_log_append_only_u BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER access_log_append_only_d BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('FairDraw migrations are forward-only');
}

/**
 * Every guard trigger of the migrations, tried with the write it forbids, straight through SQL (as
 * anyone holding the database could): once on SQLite (guards.test.ts) and once on PostgreSQL
 * (guards.pg.test.ts), so that both stores refuse exactly the same writes with the same message.
 * Beside each refusal the same write that the guard allows is made, so a guard that refuses
 * everything fails too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/store/index.js';
import { applicantRow } from './applicant-rows.js';

const NOW = '2026-12-01T00:00:00.000Z';
const HASH = 'ab'.repeat(32);

export function guardCases(name: string, open: () => Promise<{ db: DB; close(): Promise<void> }>): void {
  describe(`guard triggers on ${name}`, () => {
    let db: DB;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await open());
    });
    afterAll(() => close());

    const run = (text: string) => sql.raw(text).execute(db);
    const refused = (text: string, message: RegExp) => expect(run(text)).rejects.toThrow(message);
    const event = async (id: string, status = 'draft') => {
      await db
        .insertInto('events')
        .values({
          id,
          title: id,
          mechanism: 'deferred-acceptance',
          tie_break: 'single',
          group_fit: 'strict',
          born_from: null,
          born_to: null,
          declared_sources: '[]',
          rules_text: null,
          status: 'draft',
          version: 0,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
      await db
        .insertInto('units')
        .values({ event_id: id, id: 'S1', name: `${id}-S1`, seats: 3, position: 0 })
        .execute();
      await db
        .insertInto('applicants')
        .values([applicantRow(1, { event_id: id }), applicantRow(2, { event_id: id })])
        .execute();
      for (const s of ['published', 'frozen', 'drawn', 'results'].slice(
        0,
        ['draft', 'published', 'frozen', 'drawn', 'results'].indexOf(status),
      ))
        await run(`UPDATE events SET status = '${s}' WHERE id = '${id}'`);
    };
    const draw = (id: string, drawId: string, kind: string) =>
      db
        .insertInto('draws')
        .values({
          event_id: id,
          draw_id: drawId,
          kind: kind as 'official',
          version: 1,
          sources_text: '{}',
          record_text: '{}',
          record_sha256: HASH,
          seed: HASH,
          created_at: NOW,
        })
        .execute();

    it('an event never steps back', async () => {
      await event('fwd', 'frozen');
      await refused(`UPDATE events SET status = 'published' WHERE id = 'fwd'`, /lifecycle: an event never steps back/);
      await refused(`UPDATE events SET status = 'draft' WHERE id = 'fwd'`, /never steps back/);
      await run(`UPDATE events SET status = 'drawn' WHERE id = 'fwd'`);
      await run(`UPDATE events SET title = 'renamed' WHERE id = 'fwd'`);
    });

    it('the applicant list and the units are frozen after publication', async () => {
      await event('open', 'published');
      await run(`UPDATE applicants SET name = '改名' WHERE event_id = 'open' AND reg_no = 'R000000001'`);
      await run(`UPDATE units SET seats = 4 WHERE event_id = 'open'`);
      await event('frz', 'frozen');
      await expect(
        db
          .insertInto('applicants')
          .values(applicantRow(3, { event_id: 'frz' }))
          .execute(),
      ).rejects.toThrow(/lifecycle: the applicant list is frozen/);
      await refused(`UPDATE applicants SET name = '改名' WHERE event_id = 'frz'`, /the applicant list is frozen/);
      await refused(`DELETE FROM applicants WHERE event_id = 'frz'`, /the applicant list is frozen/);
      await refused(`INSERT INTO units (event_id, id, name, seats, position) VALUES ('frz', 'S2', 'frz-S2', 1, 1)`, /the units are frozen/);
      await refused(`UPDATE units SET seats = 9 WHERE event_id = 'frz'`, /the units are frozen/);
      await refused(`DELETE FROM units WHERE event_id = 'frz'`, /the units are frozen/);
    });

    it('only an erasure passes the frozen list, and an erased row is never written again', async () => {
      await event('era', 'results');
      const erase = (reg: string, extra = '', commitment = HASH) =>
        `UPDATE applicants SET name = '', id_number = 'erased-${reg}', guardian = '', phone = '', erased_at = '${NOW}',
           person_commitment = '${commitment}'${extra} WHERE event_id = 'era' AND reg_no = '${reg}'`;
      // The erasure that changes a kept column (the tier) is refused; the plain one passes.
      await refused(erase('R000000001', ', tier = 2'), /the applicant list is frozen/);
      await refused(erase('R000000001', '', 'short'), /the applicant list is frozen/);
      await run(erase('R000000001'));
      await refused(
        `UPDATE applicants SET name = 'again' WHERE event_id = 'era' AND reg_no = 'R000000001'`,
        /erased personal data is never written again|frozen/,
      );
      // Before results, not even an erasure.
      await event('era2', 'drawn');
      await refused(erase('R000000002').replace(`'era'`, `'era2'`), /the applicant list is frozen/);
    });

    it('an erased row is never written again, whatever the status', async () => {
      await event('erd', 'draft');
      await run(`UPDATE applicants SET erased_at = '${NOW}' WHERE event_id = 'erd' AND reg_no = 'R000000001'`);
      await refused(
        `UPDATE applicants SET name = 'x' WHERE event_id = 'erd' AND reg_no = 'R000000001'`,
        /privacy: erased personal data is never written again/,
      );
      await run(`UPDATE applicants SET name = 'x' WHERE event_id = 'erd' AND reg_no = 'R000000002'`);
    });

    it('one official draw, never changed or removed; a rehearsal carries its marker', async () => {
      await event('drw', 'frozen');
      await draw('drw', 'drw-rehearsal-1', 'rehearsal');
      await expect(draw('drw', 'drw-copy', 'rehearsal')).rejects.toThrow(/a rehearsal draw id carries the rehearsal marker/);
      await draw('drw', 'drw-official', 'official');
      await expect(draw('drw', 'drw-official-2', 'official')).rejects.toThrow(/UNIQUE|unique constraint/);
      await refused(
        `UPDATE draws SET record_text = '[]' WHERE event_id = 'drw' AND kind = 'official'`,
        /the official draw is never changed/,
      );
      await refused(`DELETE FROM draws WHERE event_id = 'drw' AND kind = 'official'`, /the official draw is never removed/);
      await run(`UPDATE draws SET record_text = '[]' WHERE event_id = 'drw' AND kind = 'rehearsal'`);
      await run(`DELETE FROM draws WHERE event_id = 'drw' AND kind = 'rehearsal'`);
    });

    it('the audit log, the ceremony log, the access log and the backup log are append-only', async () => {
      await event('log');
      await run(
        `INSERT INTO audit_log (event_id, seq, at, actor, action, details, prev, hash) VALUES ('log', 1, '${NOW}', 'a', 'x', '{}', '', '${HASH}')`,
      );
      await refused(`UPDATE audit_log SET actor = 'someone'`, /the audit log is append-only/);
      await refused(`DELETE FROM audit_log`, /the audit log is append-only/);
      await run(`INSERT INTO ceremony_log (event_id, at, type, payload) VALUES ('log', '${NOW}', 'opened', '{}')`);
      await refused(`UPDATE ceremony_log SET payload = '[]'`, /the ceremony log is append-only/);
      await refused(`DELETE FROM ceremony_log`, /the ceremony log is append-only/);
      await run(
        `INSERT INTO access_log (at, actor, event_id, what, families, reason, details) VALUES ('${NOW}', 'a', 'log', 'applicants.list', 1, NULL, '{}')`,
      );
      await refused(`UPDATE access_log SET families = 0`, /the access log is append-only/);
      await refused(`DELETE FROM access_log`, /the access log is append-only/);
      await run(
        `INSERT INTO backups (taken_at, actor, reason, file, manifest_sha256, db_sha256, size) VALUES ('${NOW}', 'a', 'manual', 'f', '${HASH}', '${HASH}', 1)`,
      );
      await refused(`UPDATE backups SET size = 2`, /the backup log is append-only/);
      await refused(`DELETE FROM backups`, /the backup log is append-only/);
    });

    it("the ceremony's values, commitments, halt and representatives' draws are final", async () => {
      await event('cer', 'frozen');
      await run(
        `INSERT INTO ceremonies (event_id, phase, digests, halted, revealed, opened_at, updated_at) VALUES ('cer', 'open', '{}', NULL, 0, '${NOW}', '${NOW}')`,
      );
      await run(`UPDATE ceremonies SET phase = 'halted' WHERE event_id = 'cer'`);
      await refused(`UPDATE ceremonies SET phase = 'open' WHERE event_id = 'cer'`, /ceremony: a halted ceremony is never resumed/);
      await run(`UPDATE ceremonies SET revealed = 1 WHERE event_id = 'cer'`);
      await run(
        `INSERT INTO ceremony_values (event_id, idx, kind, label, value, entered_by, via, at) VALUES ('cer', 0, 'witness', 'w', '1', 'a', 'hall', '${NOW}')`,
      );
      await refused(`UPDATE ceremony_values SET value = '2'`, /ceremony: an entered value is final/);
      await refused(`DELETE FROM ceremony_values`, /ceremony: an entered value is final/);
      await run(
        `INSERT INTO ceremony_commitments (event_id, idx, label, commitment, via, entered_by, confirmed_by, at) VALUES ('cer', 0, 'w', '${HASH}', 'hall', 'a', NULL, '${NOW}')`,
      );
      await refused(`UPDATE ceremony_commitments SET confirmed_by = 'b'`, /ceremony: a commitment is final/);
      await refused(`DELETE FROM ceremony_commitments`, /ceremony: a commitment is final/);
      const rep = (unit: string, record: string) =>
        run(`INSERT INTO ceremony_reps (event_id, unit_id, draw_id, seats, pool, source_label, rules_text, list_text, params_sha256, list_root, list_size,
               sources_text, record_text, record_sha256, seed, prepared_at, drawn_at)
             VALUES ('cer', '${unit}', 'r-${unit}', 1, 'all', 'x', '{}', '[]', '${HASH}', '${HASH}', 0, NULL, ${record}, NULL, NULL, '${NOW}', NULL)`);
      await rep('U1', 'NULL');
      await run(`UPDATE ceremony_reps SET record_text = '{}' WHERE unit_id = 'U1'`);
      await refused(`UPDATE ceremony_reps SET seed = 'x' WHERE unit_id = 'U1'`, /ceremony: a representatives draw is never changed/);
      await refused(`DELETE FROM ceremony_reps WHERE unit_id = 'U1'`, /ceremony: a representatives draw is never removed/);
      await rep('U2', 'NULL');
      await run(`DELETE FROM ceremony_reps WHERE unit_id = 'U2'`);
    });

    it('a withdrawal is final, only before the draw, and a withdrawn event does not change', async () => {
      await event('wd0', 'draft');
      const withdraw = (id: string) =>
        run(
          `INSERT INTO event_withdrawals (event_id, reason, status_at, actor, at) VALUES ('${id}', '报名条件有误', 'published', 'a', '${NOW}')`,
        );
      await expect(withdraw('wd0')).rejects.toThrow(/lifecycle: only a published event without an official draw can be withdrawn/);
      await event('wd1', 'frozen');
      await draw('wd1', 'wd1-official', 'official');
      await expect(withdraw('wd1')).rejects.toThrow(/only a published event without an official draw can be withdrawn/);
      await event('wd', 'published');
      await withdraw('wd');
      await refused(`UPDATE event_withdrawals SET reason = 'x'`, /a withdrawal is final/);
      await refused(`DELETE FROM event_withdrawals`, /a withdrawal is final/);
      await refused(`UPDATE events SET status = 'frozen' WHERE id = 'wd'`, /lifecycle: a withdrawn event does not change/);
      await refused(`UPDATE events SET title = 'x' WHERE id = 'wd'`, /a withdrawn event does not change/);
      await expect(draw('wd', 'wd-rehearsal', 'rehearsal')).rejects.toThrow(/lifecycle: a withdrawn event is not drawn/);
      await refused(
        `INSERT INTO publications (event_id, version, rules_text, list_text, params_sha256, list_root, list_size, unit_counts, created_at)
         VALUES ('wd', 2, '{}', '[]', '${HASH}', '${HASH}', 0, '{}', '${NOW}')`,
        /lifecycle: a withdrawn event is not published again/,
      );
      await expect(
        db
          .insertInto('applicants')
          .values(applicantRow(3, { event_id: 'wd' }))
          .execute(),
      ).rejects.toThrow(/a withdrawn event does not change/);
      await refused(`UPDATE applicants SET name = 'x' WHERE event_id = 'wd'`, /a withdrawn event does not change/);
      await refused(`DELETE FROM applicants WHERE event_id = 'wd'`, /a withdrawn event does not change/);
      await refused(
        `INSERT INTO units (event_id, id, name, seats, position) VALUES ('wd', 'S2', 'wd-S2', 1, 1)`,
        /a withdrawn event does not change/,
      );
      await refused(`UPDATE units SET seats = 9 WHERE event_id = 'wd'`, /a withdrawn event does not change/);
      await refused(`DELETE FROM units WHERE event_id = 'wd'`, /a withdrawn event does not change/);
    });

    it('an event is not frozen while its list is being imported', async () => {
      await event('imp', 'published');
      await run(`INSERT INTO imports (id, event_id, pid, started_at, touched_at) VALUES ('I1', 'imp', 1, '${NOW}', '${NOW}')`);
      await refused(`UPDATE events SET status = 'frozen' WHERE id = 'imp'`, /being imported/);
      await run(`UPDATE events SET title = 'x' WHERE id = 'imp'`);
      await run(`DELETE FROM imports WHERE id = 'I1'`);
      await run(`UPDATE events SET status = 'frozen' WHERE id = 'imp'`);
    });
  });
}

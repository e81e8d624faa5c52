/**
 * Operations that do not crash: offers for unknown or already-revoked registration numbers are
 * refused; `audit verify` reports a damaged stored row instead of throwing; `export` checks the
 * stored record's hash and writes nothing from a damaged one. Through the real command.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fairdraw, type Run } from '../cli-run.js';
import { openOffice } from '../../src/app.js';
import { databaseFor } from '../pg-cluster.js';
import { resultsPublished } from './flows.js';
import { dropTrigger } from '../db-triggers.js';

/** Runs SQL on the data directory's database with the guard triggers dropped, as a damaged disk or an intruder would. */
async function damage(data: string, statement: string): Promise<void> {
  const office = await openOffice({ dataDir: data, database: databaseFor(data) });
  try {
    for (const t of ['draws_official_immutable', 'audit_append_only_u']) await dropTrigger(office.store.db, t);
    await sql.raw(statement).execute(office.store.db);
  } finally {
    await office.close();
  }
}

function clean(r: Run): void {
  expect(r.stderr + r.stdout).not.toMatch(/SyntaxError|SqliteError|\n\s+at |unexpected failure/);
}

describe('operations on damaged or wrong input', () => {
  it('refuses to revoke an unknown registration number, and a second revocation', async () => {
    const { data, rec } = await resultsPublished();
    const env = { FAIRDRAW_DATA: data };
    const unknown = fairdraw(['offer', 'revoke', '--event', 'e1', '--reg', 'NOSUCHREG9', '--reason', '材料不实'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/event e1 has no registration number NOSUCHREG9 \/ .*批次 e1 中没有报名号 NOSUCHREG9/);
    clean(unknown);

    const reg = rec.units[0]!.admitted[0]!;
    const first = fairdraw(['offer', 'revoke', '--event', 'e1', '--reg', reg, '--reason', '材料不实'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`${reg}\tA\trevoked`);
    const again = fairdraw(['offer', 'revoke', '--event', 'e1', '--reg', reg, '--reason', '材料不实'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has already been revoked; it cannot be revoked again .*资格已经取消过，不能重复取消/);
    clean(again);
    // the audit log has the one revocation, and is whole
    const v = fairdraw(['audit', 'verify', '--event', 'e1'], env);
    expect(v.stdout).toMatch(/^valid/);
  }, 120_000);

  it('reports a damaged record, audit entry or publication, and export writes nothing from a damaged record', async () => {
    const { data, rec } = await resultsPublished();
    const env = { FAIRDRAW_DATA: data };
    const out = join(data, '..', 'export');

    // a record cut short (as a damaged disk would leave it), its stored hash left as it was
    await damage(data, `UPDATE draws SET record_text = substr(record_text, 1, 200) WHERE kind = 'official'`);
    const v = fairdraw(['audit', 'verify', '--event', 'e1'], env);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/invalid: entry \d+: the stored record no longer matches the hash the log fixed/);
    clean(v);
    const x = fairdraw(['export', '--event', 'e1', '--out', out], env);
    expect(x.code).toBe(3);
    expect(x.stderr).toMatch(
      /the stored official record of event e1 is damaged \(its text does not match its stored hash\); nothing was done/,
    );
    expect(x.stderr).toMatch(/正式摇号结果已损坏/);
    clean(x);
    expect(existsSync(out)).toBe(false);
    // a decline, which passes the seat down the record's waitlist, refuses too and changes nothing
    const d = fairdraw(['offer', 'decline', '--event', 'e1', '--reg', rec.units[0]!.admitted[1]!, '--reason', '已选择民办学校'], env);
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/is damaged/);
    clean(d);

    // a record rewritten with a matching stored hash: only the audit log's hash catches it
    const t2 = await resultsPublished();
    await damage(
      t2.data,
      `UPDATE draws SET record_text = '{"units":[],"applicants":[]}', record_sha256 = '${createHash('sha256').update('{"units":[],"applicants":[]}').digest('hex')}' WHERE kind = 'official'`,
    );
    const x2 = fairdraw(['export', '--event', 'e1', '--out', out], { FAIRDRAW_DATA: t2.data });
    expect(x2.code).toBe(3);
    expect(x2.stderr).toMatch(/does not match the hash the audit log fixed/);
    expect(existsSync(out)).toBe(false);

    // an audit entry whose stored details are no longer JSON
    const t3 = await resultsPublished();
    await damage(t3.data, `UPDATE audit_log SET details = '{"regNo":' WHERE event_id = 'e1' AND seq = 3`);
    const v3 = fairdraw(['audit', 'verify', '--event', 'e1'], { FAIRDRAW_DATA: t3.data });
    expect(v3.code).toBe(1);
    expect(v3.stdout).toMatch(/invalid: entry 3: entry 3 was altered/);
    clean(v3);

    // a publication whose rules are no longer JSON
    const t4 = await resultsPublished();
    await damage(t4.data, `UPDATE publications SET rules_text = '{"version":'`);
    const v4 = fairdraw(['audit', 'verify', '--event', 'e1'], { FAIRDRAW_DATA: t4.data });
    expect(v4.code).toBe(1);
    expect(v4.stdout).toMatch(/invalid: entry \d+: a stored document cannot be read/);
    expect(v4.stdout).toMatch(/库中的文件无法读取/);
    clean(v4);
  }, 240_000);
});

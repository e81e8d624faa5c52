/**
 * `audit verify` against an operator who holds the database file: every guard trigger dropped,
 * then one change at a time. Each must be caught, and named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ed25519 } from '@noble/curves/ed25519.js';
import { entryHash, formatHead, signCheckpoint, type AuditEntry } from '../../src/core/audit.js';
import { toHex } from '../../src/core/bytes.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { auditHead } from '../../src/office/audit-head.js';
import { openOffice } from '../../src/app.js';
import { databaseFor } from '../pg-cluster.js';
import { testOffice } from './harness.js';
import { auditedEvent, dropTriggers, EVENT } from './audited-event.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

async function tampered(stage: 'frozen' | 'results' = 'results'): Promise<T> {
  const t = await testOffice();
  open.push(t);
  await auditedEvent(t.office, stage);
  expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
  await dropTriggers(t.office);
  return t;
}

async function winnerAndOther(t: T): Promise<{ winner: string; other: string }> {
  const rec = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as {
    units: { admitted: string[]; waitlist: string[] }[];
  };
  return { winner: rec.units[0]!.admitted[0]!, other: rec.units[0]!.waitlist[0]! };
}

async function invalid(t: T, pattern: RegExp, head?: string): Promise<void> {
  const { parseHead } = await import('../../src/core/audit.js');
  const r = await verifyAudit(t.office, EVENT, head ? { head: parseHead(head) } : {});
  expect(r.ok).toBe(false);
  if (!r.ok) expect(`${r.reason} / ${r.zh}`).toMatch(pattern);
}

const run = (t: T, q: string) => sql.raw(q).execute(t.office.store.db);

describe('audit verify with every trigger dropped', () => {
  it('catches the name and ID number behind a winning registration number swapped for another child', async () => {
    const t = await tampered();
    const { winner, other } = await winnerAndOther(t);
    // Swap the two children's personal data; registration numbers, choices and the list stay.
    await run(t, `UPDATE applicants SET reg_no = 'TMP' WHERE reg_no = '${winner}'`);
    await run(t, `UPDATE applicants SET reg_no = '${winner}' WHERE reg_no = '${other}'`);
    await run(t, `UPDATE applicants SET reg_no = '${other}' WHERE reg_no = 'TMP'`);
    await run(
      t,
      `UPDATE applicants SET choices = (SELECT choices FROM applicants b WHERE b.reg_no = '${other}') WHERE reg_no = '${winner}'`,
    );
    await invalid(t, /(name, ID number or birth date|choices, tier or group)/);
  });

  for (const [what, set] of [
    ['name', "name = '张伟'"],
    ['ID number', "id_number = '510302201403150018'"],
    ['birth date', "birth_date = '2014-01-02'"],
  ] as const) {
    it(`catches a changed ${what} behind a winning registration number`, async () => {
      const t = await tampered();
      const { winner } = await winnerAndOther(t);
      await run(t, `UPDATE applicants SET ${set} WHERE reg_no = '${winner}'`);
      await invalid(t, /name, ID number or birth date behind a registration number differs/);
    });
  }

  it('catches a changed salt (a commitment re-opened to other data)', async () => {
    const t = await tampered();
    const { winner } = await winnerAndOther(t);
    await run(t, `UPDATE applicants SET salt = '${'ab'.repeat(32)}' WHERE reg_no = '${winner}'`);
    await invalid(t, /name, ID number or birth date/);
  });

  for (const [what, set] of [
    ['choices', `choices = '[{"tier":1,"unit":"TKS"},{"tier":1,"unit":"TML"}]'`],
    ['tier', 'tier = 2'],
    ['group', "group_id = 'GFORGED01'"],
  ] as const) {
    it(`catches changed ${what}`, async () => {
      const t = await tampered();
      const { winner } = await winnerAndOther(t);
      await run(t, `UPDATE applicants SET ${set} WHERE reg_no = '${winner}'`);
      await invalid(t, new RegExp(`choices, tier or group of ${winner}`));
    });
  }

  it('catches a row added', async () => {
    const t = await tampered();
    await run(
      t,
      `INSERT INTO applicants SELECT event_id, 'ZZZZZZZZZZ', name, sex, '510302201401010010', birth_date, guardian, phone, tier, choices, group_label, group_id, extra, source_row, created_at, salt, person_commitment, erased_at, import_id FROM applicants LIMIT 1`,
    );
    await invalid(t, /not in the published list.*ZZZZZZZZZZ/);
  });

  it('catches a row removed', async () => {
    const t = await tampered();
    const { other } = await winnerAndOther(t);
    await run(t, `DELETE FROM applicants WHERE reg_no = '${other}'`);
    await invalid(t, new RegExp(`${other} of the published list is no longer stored`));
  });

  it('catches a row added or changed while the list is still published', async () => {
    const t = await testOffice();
    open.push(t);
    const { createSeedCase } = await import('./seed-case.js');
    const { importApplicants } = await import('../../src/office/import-applicants.js');
    const { publishEvent } = await import('../../src/office/publish-event.js');
    const { sample } = await import('./harness.js');
    await createSeedCase(t.office, EVENT);
    await importApplicants(t.office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    await publishEvent(t.office, EVENT, 'operator');
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
    const someone = (await t.office.store.repos.applicants.listByEvent(EVENT))[5]!.reg_no;
    await run(t, `UPDATE applicants SET name = '王某' WHERE reg_no = '${someone}'`);
    await invalid(t, /name, ID number or birth date/);
    await run(t, `UPDATE applicants SET name = (SELECT name FROM applicants LIMIT 1) WHERE reg_no = '${someone}'`);
    await run(t, `UPDATE applicants SET tier = 3, choices = '[{"tier":3,"unit":"TML"}]' WHERE reg_no = '${someone}'`);
    await invalid(t, /choices, tier or group/);
  });

  it('catches any change of the offers table', async () => {
    for (const q of [
      "UPDATE offers SET status = 'declined' WHERE id = 1",
      "UPDATE offers SET unit_id = 'TKS' WHERE id = 2",
      'DELETE FROM offers WHERE id = 3',
      "INSERT INTO offers (event_id, reg_no, unit_id, status, origin, reason, created_at, updated_at) SELECT event_id, 'ZZZZZZZZZZ', unit_id, 'offered', 'waitlist', NULL, created_at, updated_at FROM offers LIMIT 1",
      "UPDATE offers SET updated_at = '2026-06-02T00:00:00.000Z' WHERE id = 4",
    ]) {
      const t = await tampered();
      await run(t, q);
      await invalid(t, /stored offers .* differ from the state the log fixed/);
    }
  });

  it('catches the log tail deleted when the state no longer matches it', async () => {
    const t = await tampered();
    const entries = await t.office.store.repos.audit.list(EVENT);
    const results = entries.find((e) => e.action === 'results.publish')!;
    await run(t, `DELETE FROM audit_log WHERE seq >= ${results.seq}`);
    await run(t, `DELETE FROM checkpoints WHERE seq >= ${results.seq}`);
    await invalid(t, /marked "results" but the log's last step leaves it "drawn"/);
  });

  it('catches a removed newest entry against a held head, and only then', async () => {
    const t = await tampered();
    const held = (await auditHead(t.office.store.repos, EVENT))!;
    expect(held.text).toBe(formatHead(held));
    expect((await verifyAudit(t.office, EVENT, { head: { hash: held.hash } })).ok).toBe(true);
    // The newest entry is the notary's co-signature: remove it and the signature it recorded.
    const newest = (await t.office.store.repos.audit.list(EVENT)).pop()!;
    expect(newest.action).toBe('audit.cosign');
    const cpSeq = (newest.details as { seq: number }).seq;
    await run(t, `DELETE FROM audit_log WHERE seq = ${newest.seq}`);
    const cp = (await t.office.store.repos.audit.checkpoints(EVENT)).find((c) => c.seq === cpSeq)!;
    await t.office.store.repos.audit.setSignatures(EVENT, cpSeq, cp.signatures.slice(0, 1));
    // The database alone is consistent again …
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
    // … but not with the head the notary (or the announcement, or the projector) holds.
    await invalid(t, /held head .* is not in the log/, held.hash);
    await invalid(t, /held head .* is not in the log/, held.text);
  });

  it('catches a held head whose entry was changed (seq:hash)', async () => {
    const t = await tampered();
    const held = (await auditHead(t.office.store.repos, EVENT))!;
    await invalid(t, /entry \d+ is not the held head/, `${held.seq}:${'0'.repeat(64)}`);
  });

  it('catches an edited entry whose chain was re-hashed after it, checkpoints included', async () => {
    const t = await tampered();
    const entries = await t.office.store.repos.audit.list(EVENT);
    const publish = entries.find((e) => e.action === 'event.publish')!;
    // Rewrite the publication's list root and re-hash every entry from there on.
    const rewritten: AuditEntry[] = [];
    let prev = entries[publish.seq - 2]!.hash;
    for (const e of entries.slice(publish.seq - 1)) {
      const details = e.seq === publish.seq ? { ...(e.details as object), listRoot: 'f'.repeat(64) } : e.details;
      const base = { ...e, details, prev };
      const next = { ...base, hash: entryHash(base) };
      rewritten.push(next);
      prev = next.hash;
    }
    for (const e of rewritten) {
      await run(
        t,
        `UPDATE audit_log SET details = '${JSON.stringify(e.details).replace(/'/g, "''")}', prev = '${e.prev}', hash = '${e.hash}' WHERE seq = ${e.seq}`,
      );
    }
    await invalid(t, new RegExp(`checkpoint at entry ${publish.seq} does not match the log`));
    // The checkpoints' hashes rewritten too: the organiser's signature no longer verifies.
    for (const e of rewritten) await run(t, `UPDATE checkpoints SET hash = '${e.hash}' WHERE seq = ${e.seq}`);
    await invalid(t, new RegExp(`signature of organiser on checkpoint ${publish.seq} does not verify`));
  });

  it('refuses a log signed under a foreign organiser key', async () => {
    const t = await tampered();
    // Re-sign every checkpoint with a key of one's own …
    const foreign = new Uint8Array(32).fill(3);
    for (const c of await t.office.store.repos.audit.checkpoints(EVENT)) {
      await t.office.store.repos.audit.setSignatures(EVENT, c.seq, [
        { ...c.signatures[0]!, publicKey: toHex(ed25519.getPublicKey(foreign)), signature: signCheckpoint(foreign, EVENT, c.seq, c.hash) },
        ...c.signatures.slice(1),
      ]);
    }
    await invalid(t, /lacks the organiser's signature/);
    // … or swap the office's key file for it: the log was not signed by the key the office holds.
    const t2 = await tampered();
    await t2.office.close();
    writeFileSync(join(t2.dataDir, 'keys', 'organiser.key'), `${toHex(foreign)}\n`);
    const reopened = await openOffice({ dataDir: t2.dataDir, database: databaseFor(t2.dataDir) });
    open.push({ ...t2, office: reopened });
    const r = await verifyAudit(reopened, EVENT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/lacks the organiser's signature/);
  });

  it("catches the event's settings or units changed after publication", async () => {
    const t = await tampered();
    await run(t, "UPDATE units SET seats = 31 WHERE id = 'TML'");
    await invalid(t, /settings or units differ from the published rules/);
  });
});

/**
 * What `audit verify` reports, in full: the entry it points to, the English reason and the Chinese
 * message, for each kind of change to the stored state (every trigger dropped). One audited event
 * is changed and put back again, one change at a time; the expected entry numbers are read from the
 * log by action, the expected texts written out here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuditEntry } from '../../src/core/audit.js';
import { verifyAudit, type AuditReport } from '../../src/office/verify-audit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { parseRules } from '../../src/core/rules.js';
import { parseList } from '../../src/core/list.js';
import { FairDrawError } from '../../src/core/errors.js';
import { sample, testOffice } from './harness.js';
import { createSeedCase } from './seed-case.js';
import { auditedEvent, dropTriggers, EVENT, NOTARY_KEY } from './audited-event.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let t: T;
let entries: AuditEntry[];
const seqOf = (action: string): number => entries.filter((e) => e.action === action).pop()!.seq;
const run = (q: string) => sql.raw(q).execute(t.office.store.db);

beforeAll(async () => {
  t = await testOffice();
  await auditedEvent(t.office, 'results');
  entries = await t.office.store.repos.audit.list(EVENT);
  await dropTriggers(t.office);
});
afterAll(async () => {
  await t.office.close();
});

/** The finding after `change`, with the state put back by `undo` (and checked clean again). */
async function finding(change: string[], undo: string[]): Promise<{ seq: number; reason: string; zh: string }> {
  for (const q of change) await run(q);
  const r = await verifyAudit(t.office, EVENT);
  for (const q of undo) await run(q);
  expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
  expect(r.ok).toBe(false);
  const { seq, reason, zh } = r as AuditReport & { seq: number; reason: string; zh: string };
  return { seq, reason, zh };
}

async function one(q: string): Promise<string> {
  const rows = await sql.raw<Record<string, string>>(q).execute(t.office.store.db);
  return Object.values(rows.rows[0]!)[0]!;
}

describe('audit verify: a clean event', () => {
  it('reports the newest entry as the head, the organiser key and the registered notary key', async () => {
    const r = await verifyAudit(t.office, EVENT);
    expect(r.ok).toBe(true);
    const newest = entries.at(-1)!;
    expect(r.head).toEqual({ seq: newest.seq, hash: newest.hash });
    expect(r.publicKey).toBe(await t.office.keys.publicKey());
    expect(r.notaryKey?.publicKey).toBe(NOTARY_KEY);
  });
});

describe('audit verify: each finding, in full', () => {
  it('an edited status', async () => {
    expect(await finding(["UPDATE events SET status = 'drawn'"], ["UPDATE events SET status = 'results'"])).toEqual({
      seq: seqOf('results.publish'),
      reason: `the event is marked "drawn" but the log's last step leaves it "results" (entries removed, or the status edited)`,
      zh: '批次状态为“drawn”，但日志最后一步应为“results”（日志被删减或状态被改动）',
    });
  });

  it('an edited publication digest, version, rules or list', async () => {
    const expected = {
      seq: seqOf('event.publish'),
      reason: 'the stored publication no longer matches the digests the log fixed',
      zh: '库中的公示文件与日志记录的哈希不符（公示内容被改动）',
    };
    const root = await one('SELECT list_root FROM publications');
    const params = await one('SELECT params_sha256 FROM publications');
    const rules = await one('SELECT rules_text FROM publications');
    const list = await one('SELECT list_text FROM publications');
    const q = (s: string) => s.replace(/'/g, "''");
    for (const [change, undo] of [
      [`UPDATE publications SET list_root = '${'0'.repeat(64)}'`, `UPDATE publications SET list_root = '${root}'`],
      [`UPDATE publications SET params_sha256 = '${'0'.repeat(64)}'`, `UPDATE publications SET params_sha256 = '${params}'`],
      ['UPDATE publications SET version = 2', 'UPDATE publications SET version = 1'],
      [
        `UPDATE publications SET rules_text = '${q(rules.replace('"seats":30', '"seats":31'))}'`,
        `UPDATE publications SET rules_text = '${q(rules)}'`,
      ],
      [
        `UPDATE publications SET list_text = '${q(list.split('\n').slice(1).join('\n'))}'`,
        `UPDATE publications SET list_text = '${q(list)}'`,
      ],
    ] as const) {
      expect(await finding([change], [undo])).toEqual(expected);
    }
  });

  it('changed units', async () => {
    expect(await finding(["UPDATE units SET seats = 31 WHERE id = 'TML'"], ["UPDATE units SET seats = 30 WHERE id = 'TML'"])).toEqual({
      seq: seqOf('event.publish'),
      reason: "the event's stored settings or units differ from the published rules",
      zh: '库中的批次设置或招生单元与公示的规则不符',
    });
  });

  it('a row removed, a row changed, a row added', async () => {
    const [a, b] = (await t.office.store.repos.applicants.listByEvent(EVENT)).slice(0, 2);
    const cols =
      'event_id, reg_no, name, sex, id_number, birth_date, guardian, phone, tier, choices, group_label, group_id, extra, source_row, created_at, salt';
    await run(`CREATE TABLE kept AS SELECT ${cols} FROM applicants WHERE reg_no = '${a!.reg_no}'`);
    expect(
      await finding(
        [`DELETE FROM applicants WHERE reg_no = '${a!.reg_no}'`],
        [`INSERT INTO applicants (${cols}) SELECT ${cols} FROM kept`],
      ),
    ).toEqual({
      seq: seqOf('event.publish'),
      reason: `the applicant ${a!.reg_no} of the published list is no longer stored (a row was removed)`,
      zh: `公示名单中的报名号 ${a!.reg_no} 在库中已不存在（记录被删除）`,
    });
    expect(
      await finding(
        [`UPDATE applicants SET tier = 2 WHERE reg_no = '${b!.reg_no}'`],
        [`UPDATE applicants SET tier = ${b!.tier} WHERE reg_no = '${b!.reg_no}'`],
      ),
    ).toEqual({
      seq: seqOf('event.publish'),
      reason: `the stored choices, tier or group of ${b!.reg_no} differ from the published list`,
      zh: `报名号 ${b!.reg_no} 在库中的志愿、类别或多胞胎分组与公示名单不符`,
    });
    const add = (reg: string, id: string) =>
      `INSERT INTO applicants (${cols}) SELECT event_id, '${reg}', name, sex, '${id}', birth_date, guardian, phone, tier, choices, group_label, group_id, extra, source_row, created_at, salt FROM kept`;
    expect(
      await finding(
        [add('ZZZZZZZZZ1', '510302201401010010'), add('ZZZZZZZZZ2', '510302201401010037')],
        ["DELETE FROM applicants WHERE reg_no LIKE 'ZZZZZZZZZ%'"],
      ),
    ).toEqual({
      seq: seqOf('event.publish'),
      reason: '2 stored applicant(s) are not in the published list and were not imported since (e.g. ZZZZZZZZZ1: a row was added)',
      zh: '库中有 2 名报名者不在公示名单中、也不是此后导入的（如 ZZZZZZZZZ1：记录被添加）',
    });
    await run('DROP TABLE kept');
  });

  it('another person behind a registration number', async () => {
    const a = (await t.office.store.repos.applicants.listByEvent(EVENT))[7]!;
    const publish = seqOf('event.publish');
    expect(
      await finding(
        [`UPDATE applicants SET name = '张伟' WHERE reg_no = '${a.reg_no}'`],
        [`UPDATE applicants SET name = '${a.name}' WHERE reg_no = '${a.reg_no}'`],
      ),
    ).toEqual({
      seq: publish,
      reason: `the name, ID number or birth date behind a registration number differs from the commitment logged in entry ${publish}`,
      zh: `报名号背后的姓名、身份证号或出生日期与第 ${publish} 条记录的承诺不符（身份信息被调换或改动）`,
    });
  });

  it('an edited record, and a record that the stored inputs do not give', async () => {
    const expected = {
      seq: seqOf('draw.official'),
      reason: 'the stored record no longer matches the hash the log fixed',
      zh: '库中的摇号结果与日志记录的哈希不符（结果被改动）',
    };
    const hash = await one("SELECT record_sha256 FROM draws WHERE kind = 'official'");
    expect(await finding([`UPDATE draws SET record_sha256 = '${'0'.repeat(64)}'`], [`UPDATE draws SET record_sha256 = '${hash}'`])).toEqual(
      expected,
    );
    expect(
      await finding(
        ["UPDATE draws SET record_text = record_text || ' '"],
        ['UPDATE draws SET record_text = substr(record_text, 1, length(record_text) - 1)'],
      ),
    ).toEqual(expected);
    const sources = await one("SELECT sources_text FROM draws WHERE kind = 'official'");
    expect(
      await finding(
        [`UPDATE draws SET sources_text = '${sources.replace('418305', '418306').replace(/'/g, "''")}'`],
        [`UPDATE draws SET sources_text = '${sources.replace(/'/g, "''")}'`],
      ),
    ).toEqual({
      seq: seqOf('draw.official'),
      reason: 're-running the draw on the stored inputs gives another record',
      zh: '用库中的输入重新计算得到不同的结果',
    });
  });

  it('a stored document that cannot be read, named with the reader’s own refusal', async () => {
    const list = await one('SELECT list_text FROM publications');
    const rules = await one('SELECT rules_text FROM publications');
    // The refusal the list reader gives for this text, in both languages.
    let refused: FairDrawError | undefined;
    try {
      parseList(new TextEncoder().encode('not a list'), parseRules(new TextEncoder().encode(rules)).rules);
    } catch (e) {
      refused = e as FairDrawError;
    }
    expect(refused).toBeInstanceOf(FairDrawError);
    expect(
      await finding(
        ["UPDATE publications SET list_text = 'not a list'"],
        [`UPDATE publications SET list_text = '${list.replace(/'/g, "''")}'`],
      ),
    ).toEqual({
      seq: seqOf('draw.official'),
      reason: `a stored document cannot be read (${refused!.message})`,
      zh: `库中的文件无法读取（已损坏）：${refused!.zh}`,
    });
  });

  it('the publication or the official record gone', async () => {
    const cols = 'event_id, version, rules_text, list_text, params_sha256, list_root, list_size, unit_counts, created_at';
    await run(`CREATE TABLE kept_pub AS SELECT ${cols} FROM publications`);
    expect(await finding(['DELETE FROM publications'], [`INSERT INTO publications (${cols}) SELECT ${cols} FROM kept_pub`])).toEqual({
      seq: seqOf('event.publish'),
      reason: 'the stored publication and the log disagree',
      zh: '库中的公示版本与日志不一致',
    });
    await run('DROP TABLE kept_pub');
    await run("CREATE TABLE kept_draw AS SELECT * FROM draws WHERE kind = 'official'");
    expect(await finding(["DELETE FROM draws WHERE kind = 'official'"], ['INSERT INTO draws SELECT * FROM kept_draw'])).toEqual({
      seq: seqOf('draw.official'),
      reason: 'the stored record no longer matches the hash the log fixed',
      zh: '库中的摇号结果与日志记录的哈希不符（结果被改动）',
    });
    await run('DROP TABLE kept_draw');
  });

  it('checks the stored state also when the held head matches', async () => {
    const newest = entries.at(-1)!;
    await run("UPDATE events SET status = 'drawn'");
    const r = await verifyAudit(t.office, EVENT, { head: { seq: newest.seq, hash: newest.hash } });
    await run("UPDATE events SET status = 'results'");
    expect(r).toMatchObject({ ok: false, seq: seqOf('results.publish') });
  });

  it('a held head that does not match, and a broken chain, still name the head and the keys', async () => {
    const newest = entries.at(-1)!;
    const wrong = await verifyAudit(t.office, EVENT, { head: { seq: newest.seq, hash: '0'.repeat(64) } });
    expect(wrong).toMatchObject({
      ok: false,
      seq: newest.seq,
      reason: `entry ${newest.seq} is not the held head ${newest.seq}:${'0'.repeat(16)}…: the log was changed at or before it`,
      head: { seq: newest.seq, hash: newest.hash },
      publicKey: await t.office.keys.publicKey(),
    });
    expect(wrong.notaryKey?.publicKey).toBe(NOTARY_KEY);
    expect((await verifyAudit(t.office, EVENT, { head: { seq: newest.seq, hash: newest.hash } })).ok).toBe(true);
    const edited = entries.find((e) => e.action === 'event.freeze')!;
    const details = JSON.stringify(edited.details).replace(/'/g, "''");
    await run(`UPDATE audit_log SET actor = 'someone' WHERE seq = ${edited.seq}`);
    const broken = await verifyAudit(t.office, EVENT);
    await run(`UPDATE audit_log SET actor = '${edited.actor}', details = '${details}' WHERE seq = ${edited.seq}`);
    expect((await verifyAudit(t.office, EVENT)).ok).toBe(true);
    expect(broken).toMatchObject({
      ok: false,
      seq: edited.seq,
      head: { seq: newest.seq, hash: newest.hash },
      publicKey: await t.office.keys.publicKey(),
    });
    expect(broken.notaryKey?.publicKey).toBe(NOTARY_KEY);
  });

  it('changed offers', async () => {
    const fixed = entries.filter((e) => typeof (e.details as { offersSha256?: unknown }).offersSha256 === 'string').pop()!;
    const n = (fixed.details as { offers: number }).offers;
    expect(
      await finding(["UPDATE offers SET status = 'declined' WHERE id = 1"], ["UPDATE offers SET status = 'offered' WHERE id = 1"]),
    ).toEqual({
      seq: fixed.seq,
      reason: `the stored offers (${n}) differ from the state the log fixed in entry ${fixed.seq} (${n}): an offer was added, removed or changed`,
      zh: `库中的录取记录（${n} 条）与日志第 ${fixed.seq} 条记录的状态（${n} 条）不符：录取被增删或改动`,
    });
  });
});

describe('audit verify: before publication and before results', () => {
  it('counts the stored applicants of a draft against those the log says were imported', async () => {
    const d = await testOffice();
    try {
      await createSeedCase(d.office, 'draft1');
      await importApplicants(d.office, 'draft1', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
      expect((await verifyAudit(d.office, 'draft1')).ok).toBe(true);
      await dropTriggers(d.office);
      const n = (await d.office.store.repos.applicants.listByEvent('draft1')).length;
      await sql
        .raw(`DELETE FROM applicants WHERE event_id = 'draft1' AND reg_no = (SELECT min(reg_no) FROM applicants WHERE event_id = 'draft1')`)
        .execute(d.office.store.db);
      const all = await d.office.store.repos.audit.list('draft1');
      const r = await verifyAudit(d.office, 'draft1');
      expect(r).toMatchObject({
        ok: false,
        seq: all.length,
        reason: `${n - 1} applicants are stored but the log records ${n} imported (rows added or removed)`,
        zh: `库中有 ${n - 1} 名报名者，日志记录导入 ${n} 名（有记录被增删）`,
      });
      // A publication the log never announced.
      await sql
        .raw(
          `INSERT INTO publications (event_id, version, rules_text, list_text, params_sha256, list_root, list_size, unit_counts, created_at) VALUES ('draft1', 1, '{}', '', '', '', 0, '[]', '')`,
        )
        .execute(d.office.store.db);
      expect(await verifyAudit(d.office, 'draft1')).toMatchObject({
        ok: false,
        seq: all.length,
        reason: 'the stored publication and the log disagree',
        zh: '库中的公示版本与日志不一致',
      });
    } finally {
      await d.office.close();
    }
  });

  it('accepts applicants imported after publication while the list is published, and no row beyond them', async () => {
    const d = await testOffice();
    try {
      const [header, ...rows] = new TextDecoder().decode(sample('applicants.utf8.csv')).trimEnd().split('\n');
      const csv = (part: string[]) => new TextEncoder().encode([header, ...part].join('\n') + '\n');
      await createSeedCase(d.office, 'pub1');
      // The last twenty children without a multiple-birth group come later; groups stay whole.
      const later = rows.filter((r) => r.trimEnd().endsWith(',')).slice(-20);
      await importApplicants(d.office, 'pub1', csv(rows.filter((r) => !later.includes(r))), 'first.csv', 'operator');
      await publishEvent(d.office, 'pub1', 'operator');
      await importApplicants(d.office, 'pub1', csv(later), 'second.csv', 'operator');
      expect((await verifyAudit(d.office, 'pub1')).ok).toBe(true);
      await dropTriggers(d.office);
      const late = later.length;
      await sql
        .raw(
          `INSERT INTO applicants SELECT event_id, 'ZZZZZZZZZZ', name, sex, '510302201401010010', birth_date, guardian, phone, tier, choices, group_label, group_id, extra, source_row, created_at, salt, person_commitment, erased_at, import_id FROM applicants WHERE event_id = 'pub1' LIMIT 1`,
        )
        .execute(d.office.store.db);
      const all = await d.office.store.repos.audit.list('pub1');
      const r = await verifyAudit(d.office, 'pub1');
      expect(r).toMatchObject({
        ok: false,
        seq: all.filter((e) => e.action === 'event.publish').pop()!.seq,
        reason: expect.stringMatching(
          new RegExp(`^${late + 1} stored applicant\\(s\\) are not in the published list and were not imported since`),
        ),
      });
    } finally {
      await d.office.close();
    }
  });

  it('finds offers stored for an event whose log fixes none', async () => {
    const f = await testOffice();
    try {
      await auditedEvent(f.office, 'frozen');
      await dropTriggers(f.office);
      await sql
        .raw(
          `INSERT INTO offers (event_id, reg_no, unit_id, status, origin, reason, created_at, updated_at) VALUES ('${EVENT}', 'R', 'TML', 'offered', 'draw', NULL, '', '')`,
        )
        .execute(f.office.store.db);
      const all = await f.office.store.repos.audit.list(EVENT);
      expect(await verifyAudit(f.office, EVENT)).toMatchObject({
        ok: false,
        seq: all.length,
        reason: '1 offers are stored but the log fixes none',
        zh: '库中有 1 条录取记录，但日志中没有任何录取记录',
      });
    } finally {
      await f.office.close();
    }
  });
});
